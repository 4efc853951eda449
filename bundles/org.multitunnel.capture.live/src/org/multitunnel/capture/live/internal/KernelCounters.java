package org.multitunnel.capture.live.internal;

/**
 * Widens libpcap's 32-bit pcap_stat counters (u_int ps_recv/ps_drop/ps_ifdrop, which wrap after 4 Gi packets on a
 * busy link) into 64-bit totals by accumulating the unsigned difference between successive reads.
 */
public final class KernelCounters {
    private final long[] last = new long[3];
    private final long[] total = new long[3];

    /** Feeds one pcap_stats reading (values are taken modulo 2^32). */
    public synchronized void update(long recv, long drop, long ifdrop) {
        add(0, recv);
        add(1, drop);
        add(2, ifdrop);
    }

    private void add(int i, long raw) {
        long v = raw & 0xFFFF_FFFFL;
        total[i] += (v - last[i]) & 0xFFFF_FFFFL;
        last[i] = v;
    }

    public synchronized long received() {
        return total[0];
    }

    public synchronized long dropped() {
        return total[1];
    }

    public synchronized long interfaceDropped() {
        return total[2];
    }
}

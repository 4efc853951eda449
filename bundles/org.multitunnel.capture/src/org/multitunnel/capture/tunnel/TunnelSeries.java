package org.multitunnel.capture.tunnel;

/**
 * A tunnel's throughput over time as the Tunnels chart and {@code analyze --json} want it: buckets of
 * {@link #intervalNanos()} aligned to multiples of the interval since the epoch, both directions summed, sorted by
 * time, empty buckets omitted. Parallel primitive arrays (no object per point), so a chart can plot thousands of
 * tunnels' series directly. Arrays are owned by this object: accessors return values, not the arrays.
 */
public final class TunnelSeries {
    private final long intervalNanos;
    private final long[] startNanos;
    private final long[] bytes;
    private final long[] packets;

    TunnelSeries(long intervalNanos, long[] startNanos, long[] bytes, long[] packets) {
        this.intervalNanos = intervalNanos;
        this.startNanos = startNanos;
        this.bytes = bytes;
        this.packets = packets;
    }

    public long intervalNanos() {
        return intervalNanos;
    }

    /** Number of non-empty buckets. */
    public int size() {
        return startNanos.length;
    }

    /** Start of bucket {@code i} in ns since the epoch (a multiple of the interval). */
    public long startNanos(int i) {
        return startNanos[i];
    }

    /** Start of bucket {@code i} in seconds since the epoch (the contract's {@code t}). */
    public double startSeconds(int i) {
        return startNanos[i] / 1e9;
    }

    /** Outer IPv4 total lengths summed over the bucket, both directions. */
    public long bytes(int i) {
        return bytes[i];
    }

    public long packets(int i) {
        return packets[i];
    }

    public long totalBytes() {
        long s = 0;
        for (long b : bytes) {
            s += b;
        }
        return s;
    }

    public long totalPackets() {
        long s = 0;
        for (long p : packets) {
            s += p;
        }
        return s;
    }

    /**
     * The bucket starts, bytes and packets themselves, not copies, for handing a finished series to the model
     * without doubling its memory (a capture of thousands of tunnels over hours has millions of buckets). The
     * caller must not modify them.
     */
    public long[][] sharedArrays() {
        return new long[][] {startNanos, bytes, packets};
    }

    /** A copy of the bucket starts (ns), for charting libraries that take arrays. */
    public long[] startNanosArray() {
        return startNanos.clone();
    }

    public long[] bytesArray() {
        return bytes.clone();
    }

    public long[] packetsArray() {
        return packets.clone();
    }
}

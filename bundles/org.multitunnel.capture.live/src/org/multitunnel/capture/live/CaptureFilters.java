package org.multitunnel.capture.live;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.multitunnel.capture.live.internal.Libpcap;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * Checks a BPF expression with libpcap's own compiler on a "dead" handle (pcap_open_dead) instead of an interface, so a
 * capture dialog can show "syntax error" as the user types, without privileges, and the capture never starts
 * with a filter libpcap would refuse. Compiled for Ethernet framing, which Linux also uses on loopback.
 */
public final class CaptureFilters {
    /** PCAP_NETMASK_UNKNOWN: only matters for "ip broadcast", which then fails with libpcap's own message. */
    private static final Inet4Address NETMASK_UNKNOWN = netmaskUnknown();
    private CaptureFilters() {
    }

    private static Inet4Address netmaskUnknown() {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] { -1, -1, -1, -1 });
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @return libpcap's complaint about {@code filter}, or empty when it compiles (an empty filter always does)
     * @throws LiveCaptureException LIBPCAP_MISSING
     */
    public static Optional<String> problem(String filter, int snapLength) throws LiveCaptureException {
        if (filter == null || filter.isBlank()) {
            return Optional.empty();
        }
        Libpcap.ensureLoaded();
        PcapHandle dead;
        try {
            dead = Pcaps.openDead(DataLinkType.EN10MB, snapLength);
        } catch (PcapNativeException e) {
            return Optional.of("libpcap cannot check filters: " + e.getMessage());
        }
        try {
            BpfProgram p = dead.compileFilter(filter.strip(), BpfCompileMode.OPTIMIZE, NETMASK_UNKNOWN);
            p.free();
            return Optional.empty();
        } catch (PcapNativeException e) {
            String lib = null;
            try {
                lib = dead.getError();
            } catch (NotOpenException | RuntimeException ignored) {
                // fall back to pcap4j's message
            }
            String m = lib != null && !lib.isBlank() ? lib : e.getMessage();
            return Optional.of(m == null || m.isBlank() ? "libpcap refused the filter" : m.strip());
        } catch (NotOpenException e) {
            throw new IllegalStateException(e);
        } finally {
            dead.close();
        }
    }
}

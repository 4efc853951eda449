package org.multitunnel.capture.live.internal;

import org.multitunnel.capture.live.LiveCaptureException;
import org.multitunnel.capture.live.LiveCaptureException.Reason;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.TimestampPrecision;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.Pcaps;

/**
 * Opens pcap4j handles for capture and injection and translates their failures. Only the handle, the filter and
 * raw byte arrays are used from pcap4j: its packet factories are bound through a static ServiceLoader that fails
 * inside OSGi (kaitoy/pcap4j#152), and our own codecs in org.multitunnel.wire decode the bytes anyway.
 */
public final class Handles {
    private Handles() {
    }

    /** Looks {@code name} up in pcap_findalldevs. */
    public static PcapNetworkInterface device(String name) throws LiveCaptureException {
        Libpcap.ensureLoaded();
        try {
            PcapNetworkInterface d = Pcaps.getDevByName(name);
            if (d == null) {
                throw NativeErrors.noSuchInterface(name, null);
            }
            return d;
        } catch (PcapNativeException e) {
            throw NativeErrors.openFailed(name, e);
        }
    }

    /**
     * pcap_create + options + pcap_activate, with nanosecond timestamps.
     *
     * @param bufferBytes kernel buffer, 0 for libpcap's default
     */
    public static PcapHandle open(String name, int snapLength, boolean promiscuous, int timeoutMillis,
            boolean immediate, int bufferBytes) throws LiveCaptureException {
        Libpcap.ensureLoaded();
        PcapHandle.Builder b = new PcapHandle.Builder(name)
                .snaplen(snapLength)
                .promiscuousMode(promiscuous ? PromiscuousMode.PROMISCUOUS : PromiscuousMode.NONPROMISCUOUS)
                .timeoutMillis(timeoutMillis)
                .immediateMode(immediate)
                .timestampPrecision(TimestampPrecision.NANO);
        if (bufferBytes > 0) {
            b.bufferSize(bufferBytes);
        }
        try {
            return b.build();
        } catch (PcapNativeException e) {
            throw NativeErrors.openFailed(name, e);
        }
    }

    /** Compiles and installs {@code filter}; a bad expression closes nothing and reports libpcap's words. */
    public static void setFilter(PcapHandle h, String filter) throws LiveCaptureException {
        try {
            h.setFilter(filter, BpfCompileMode.OPTIMIZE);
        } catch (PcapNativeException e) {
            String lib = libpcapError(h, e);
            throw new LiveCaptureException(Reason.BAD_FILTER,
                    "Invalid capture filter \"" + filter + "\": " + lib, lib, e);
        } catch (NotOpenException e) {
            throw new IllegalStateException(e);
        }
    }

    /** libpcap's own text (pcap_geterr), falling back to pcap4j's message. */
    static String libpcapError(PcapHandle h, PcapNativeException e) {
        try {
            String s = h.getError();
            if (s != null && !s.isBlank()) {
                return s.strip();
            }
        } catch (NotOpenException | RuntimeException ignored) {
            // fall through
        }
        return e.getMessage();
    }
}

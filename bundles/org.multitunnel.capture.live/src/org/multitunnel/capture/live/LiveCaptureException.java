package org.multitunnel.capture.live;

/**
 * The one checked error of live capture and injection, typed by {@link Reason} so the GUI and the CLI can tell the
 * user what to do (install libpcap, grant capabilities, fix the filter) instead of showing a native stack trace.
 * The message is complete and user-facing; {@link #libpcapMessage()} keeps libpcap's own words when there are any.
 */
public final class LiveCaptureException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, from the user's point of view. */
    public enum Reason {
        /** libpcap (or JNA) could not be loaded: install the Debian package libpcap0.8. */
        LIBPCAP_MISSING,
        /** No CAP_NET_RAW/CAP_NET_ADMIN: run as root or setcap the java binary. */
        PERMISSION_DENIED,
        /** The named interface does not exist. */
        NO_SUCH_INTERFACE,
        /** libpcap rejected the BPF filter expression. */
        BAD_FILTER,
        /** Injection on a non-loopback interface was not explicitly allowed. */
        NOT_LOOPBACK,
        /** Writing the write-through capture file failed. */
        WRITE_FAILED,
        /** Any other libpcap failure while opening or reading the interface. */
        CAPTURE_FAILED
    }

    private final Reason reason;
    private final String libpcapMessage;

    public LiveCaptureException(Reason reason, String message, String libpcapMessage, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.libpcapMessage = libpcapMessage;
    }

    public Reason reason() {
        return reason;
    }

    /** libpcap's error text (pcap_geterr / errbuf), or null when the failure did not come from libpcap. */
    public String libpcapMessage() {
        return libpcapMessage;
    }
}

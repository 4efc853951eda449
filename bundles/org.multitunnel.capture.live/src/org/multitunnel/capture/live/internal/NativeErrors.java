package org.multitunnel.capture.live.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.multitunnel.capture.live.LiveCaptureException;
import org.multitunnel.capture.live.LiveCaptureException.Reason;
import org.pcap4j.core.PcapNativeException;

/**
 * Turns native failures (JNA link errors, libpcap return codes and error strings) into {@link LiveCaptureException}s
 * whose message tells the user what to do. Kept apart so the mapping is unit-testable without a missing library or
 * an unprivileged process.
 */
public final class NativeErrors {
    /** libpcap's pcap.h return codes that need their own advice. */
    public static final int PCAP_ERROR_NO_SUCH_DEVICE = -5;
    public static final int PCAP_ERROR_PERM_DENIED = -8;
    public static final int PCAP_ERROR_PROMISC_PERM_DENIED = -11;

    private NativeErrors() {
    }

    /** libpcap (or JNA itself) could not be linked: name the Debian package. */
    public static LiveCaptureException libpcapMissing(Throwable cause) {
        String detail = firstLines(cause.getMessage());
        boolean jna = cause instanceof NoClassDefFoundError && detail != null && detail.contains("com/sun/jna");
        String what = jna ? "JNA (com.sun.jna) is not available to the capture bundle" : "libpcap could not be loaded";
        return new LiveCaptureException(Reason.LIBPCAP_MISSING, what + (detail == null ? "" : " (" + detail + ")")
                + ". Live capture needs libpcap: install the Debian/Ubuntu package libpcap0.8"
                + " (sudo apt-get install libpcap0.8), or set the system property "
                + Libpcap.LIB_NAME_PROPERTY + " to the full path of libpcap.so.*.", null, cause);
    }

    /** Maps a failure to open or activate {@code interfaceName}. */
    public static LiveCaptureException openFailed(String interfaceName, PcapNativeException e) {
        String msg = e.getMessage();
        Integer rc = e.getReturnCode();
        if (isPermission(rc, msg)) {
            return permissionDenied(interfaceName, msg, e);
        }
        if (rc != null && rc == PCAP_ERROR_NO_SUCH_DEVICE
                || msg != null && msg.toLowerCase(Locale.ROOT).contains("no such device")) {
            return noSuchInterface(interfaceName, e);
        }
        return new LiveCaptureException(Reason.CAPTURE_FAILED,
                "Cannot open interface " + interfaceName + ": " + msg, msg, e);
    }

    public static LiveCaptureException noSuchInterface(String interfaceName, Throwable cause) {
        return new LiveCaptureException(Reason.NO_SUCH_INTERFACE, "No such network interface: " + interfaceName,
                cause == null ? null : cause.getMessage(), cause);
    }

    public static LiveCaptureException permissionDenied(String interfaceName, String libpcapMessage, Throwable cause) {
        return new LiveCaptureException(Reason.PERMISSION_DENIED, "No permission to open " + interfaceName
                + " for capture or injection (" + libpcapMessage + "). Run as root, or give the Java binary the capture"
                + " capabilities once: sudo setcap cap_net_raw,cap_net_admin=eip " + javaBinary(),
                libpcapMessage, cause);
    }

    static boolean isPermission(Integer rc, String msg) {
        if (rc != null && (rc == PCAP_ERROR_PERM_DENIED || rc == PCAP_ERROR_PROMISC_PERM_DENIED)) {
            return true;
        }
        if (msg == null) {
            return false;
        }
        String m = msg.toLowerCase(Locale.ROOT);
        return m.contains("permission") || m.contains("operation not permitted");
    }

    /** The real path of the running java binary (setcap needs the file, not a symlink). */
    public static String javaBinary() {
        Path p = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            return p.toRealPath().toString();
        } catch (Exception e) {
            return Files.exists(p) ? p.toString() : "$JAVA_HOME/bin/java";
        }
    }

    /** JNA's message starts "Unable to load library 'x':" and gives the dlopen error on the next line. */
    static String firstLines(String s) {
        if (s == null) {
            return null;
        }
        String[] lines = s.strip().split("\n");
        String first = lines[0].strip();
        return first.endsWith(":") && lines.length > 1 ? first + " " + lines[1].strip() : first;
    }
}

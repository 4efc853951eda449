package org.multitunnel.ui.session;

import java.nio.file.Files;
import java.nio.file.Path;

import org.multitunnel.capture.live.LiveCaptureException;

/**
 * Turns a live capture failure into a dialog a user can act on: what failed, in libpcap's words where there are
 * any, and how to fix it (run as root or grant the Java binary the capture capabilities; install libpcap; correct
 * the filter). Kept apart from the dialog so the wording is testable without a display or an unprivileged user.
 */
public final class LiveCaptureErrors {
    private LiveCaptureErrors() {
    }

    public static CaptureErrors.Problem describe(String interfaceName, LiveCaptureException e) {
        String itf = interfaceName == null || interfaceName.isBlank() ? "the interface" : interfaceName;
        String lib = e.libpcapMessage() != null && !e.libpcapMessage().isBlank()
                ? "\n\nlibpcap said: " + e.libpcapMessage().strip()
                : "";
        return switch (e.reason()) {
            case PERMISSION_DENIED -> new CaptureErrors.Problem("Live capture not permitted",
                    "Capturing on " + itf + " needs the CAP_NET_RAW and CAP_NET_ADMIN capabilities, and this"
                            + " workbench process does not have them." + lib
                            + "\n\nTo fix it, either\n"
                            + "  • run the workbench as root (sudo ./workbench), or\n"
                            + "  • give the Java binary the capture capabilities once, then restart the workbench:\n"
                            + "      sudo setcap cap_net_raw,cap_net_admin+eip " + javaBinary()
                            + "\n\nNothing was captured; the open capture is unchanged.");
            case LIBPCAP_MISSING -> new CaptureErrors.Problem("libpcap is not available", e.getMessage()
                    + "\n\nInstall it (Debian/Ubuntu: sudo apt-get install libpcap0.8) and restart the workbench."
                    + " Opening capture files works without it.");
            case BAD_FILTER -> new CaptureErrors.Problem("Invalid capture filter", e.getMessage()
                    + "\n\nCorrect the BPF expression (syntax as in tcpdump, e.g. \"udp port 434 or ip proto 4\")"
                    + " or leave it empty to capture everything.");
            case NO_SUCH_INTERFACE -> new CaptureErrors.Problem("No such interface", e.getMessage()
                    + "\n\nChoose one of the interfaces listed in Capture > Start Live Capture....");
            case WRITE_FAILED -> new CaptureErrors.Problem("Cannot write the capture file", e.getMessage()
                    + "\n\nChoose an output file in a writable folder with free space.");
            default -> new CaptureErrors.Problem("Live capture failed", "Capturing on " + itf + " failed: "
                    + e.getMessage());
        };
    }

    /** The real path of the running java binary (setcap needs the file itself, not a symlink). */
    static String javaBinary() {
        Path p = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            return p.toRealPath().toString();
        } catch (Exception e) {
            return Files.exists(p) ? p.toString() : "$JAVA_HOME/bin/java";
        }
    }
}

package org.multitunnel.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.multitunnel.capture.live.LiveCaptureException;
import org.multitunnel.capture.live.LiveCaptureException.Reason;

/** The dialogs a failed live capture shows: what failed, libpcap's words, and how to fix it. */
class LiveCaptureErrorsTest {
    /** What libpcap 1.10 reports to an unprivileged user opening an interface (pcap_activate, PCAP_ERROR_PERM_DENIED). */
    private static final String LIBPCAP_EPERM = "lo: You don't have permission to perform this capture on that device"
            + " (socket: Operation not permitted)";

    @Test
    void permissionDeniedExplainsRootOrSetcapOnTheRealJavaBinary() {
        LiveCaptureException e = new LiveCaptureException(Reason.PERMISSION_DENIED,
                "No permission to open lo for capture or injection (" + LIBPCAP_EPERM + ").", LIBPCAP_EPERM, null);
        CaptureErrors.Problem p = LiveCaptureErrors.describe("lo", e);
        assertEquals("Live capture not permitted", p.title());
        String m = p.message();
        assertTrue(m.startsWith("Capturing on lo needs the CAP_NET_RAW and CAP_NET_ADMIN capabilities"), m);
        assertTrue(m.contains("libpcap said: " + LIBPCAP_EPERM), m);
        assertTrue(m.contains("run the workbench as root (sudo ./workbench)"), m);
        String java = LiveCaptureErrors.javaBinary();
        assertTrue(Path.of(java).isAbsolute() && Files.isRegularFile(Path.of(java)) && !Files.isSymbolicLink(Path.of(java)),
                "setcap needs the real binary: " + java);
        assertTrue(m.contains("sudo setcap cap_net_raw,cap_net_admin+eip " + java + "\n"), m);
        assertTrue(m.endsWith("Nothing was captured; the open capture is unchanged."), m);
    }

    @Test
    void missingLibpcapNamesThePackage() {
        LiveCaptureException e = new LiveCaptureException(Reason.LIBPCAP_MISSING,
                "libpcap could not be loaded (Unable to load library 'pcap')", null, null);
        CaptureErrors.Problem p = LiveCaptureErrors.describe(null, e);
        assertEquals("libpcap is not available", p.title());
        assertTrue(p.message().contains("sudo apt-get install libpcap0.8"), p.message());
        assertTrue(p.message().contains("Unable to load library 'pcap'"), p.message());
    }

    @Test
    void badFilterAndOtherFailuresKeepTheirMessage() {
        CaptureErrors.Problem f = LiveCaptureErrors.describe("lo", new LiveCaptureException(Reason.BAD_FILTER,
                "Invalid capture filter \"udp port\": syntax error", "syntax error", null));
        assertEquals("Invalid capture filter", f.title());
        assertTrue(f.message().startsWith("Invalid capture filter \"udp port\": syntax error"), f.message());
        CaptureErrors.Problem o = LiveCaptureErrors.describe("eth9", new LiveCaptureException(Reason.CAPTURE_FAILED,
                "the interface went down", null, null));
        assertEquals("Live capture failed", o.title());
        assertEquals("Capturing on eth9 failed: the interface went down", o.message());
    }
}

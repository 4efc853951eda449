package org.multitunnel.capture.live.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.multitunnel.capture.live.LiveCaptureException;
import org.multitunnel.capture.live.LiveCaptureException.Reason;
import org.pcap4j.core.PcapNativeException;

/**
 * The advice users get for native failures, with the exact strings libpcap 1.10 and JNA produce (recorded from
 * runs without libpcap and without CAP_NET_RAW, which a root CI cannot reproduce in-process).
 */
class NativeErrorsTest {
    @Test
    void missingLibpcapNamesTheDebianPackage() {
        UnsatisfiedLinkError jna = new UnsatisfiedLinkError("Unable to load library 'pcap':\n"
                + "libpcap.so: cannot open shared object file: No such file or directory");
        LiveCaptureException e = NativeErrors.libpcapMissing(jna);
        assertEquals(Reason.LIBPCAP_MISSING, e.reason());
        assertTrue(e.getMessage().contains("libpcap0.8"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install libpcap0.8"), e.getMessage());
        assertTrue(e.getMessage().contains("(Unable to load library 'pcap': libpcap.so: cannot open shared object file:"
                + " No such file or directory)"), e.getMessage());
        assertTrue(e.getMessage().contains(Libpcap.LIB_NAME_PROPERTY), e.getMessage());
    }

    @Test
    void missingJnaIsNamedAsSuch() {
        LiveCaptureException e = NativeErrors.libpcapMissing(new NoClassDefFoundError("com/sun/jna/Platform"));
        assertEquals(Reason.LIBPCAP_MISSING, e.reason());
        assertTrue(e.getMessage().startsWith("JNA (com.sun.jna) is not available"), e.getMessage());
    }

    @Test
    void activateWithoutCapNetRawSaysRunAsRootOrSetcap() {
        // pcap_activate → PCAP_ERROR_PERM_DENIED (-8), errbuf "socket: Operation not permitted"
        LiveCaptureException e = NativeErrors.openFailed("lo",
                new PcapNativeException("socket: Operation not permitted", -8));
        assertEquals(Reason.PERMISSION_DENIED, e.reason());
        assertEquals("socket: Operation not permitted", e.libpcapMessage());
        assertTrue(e.getMessage().contains("Run as root"), e.getMessage());
        assertTrue(e.getMessage().contains("setcap cap_net_raw,cap_net_admin=eip " + NativeErrors.javaBinary()),
                e.getMessage());
        assertTrue(NativeErrors.javaBinary().endsWith("/bin/java"), NativeErrors.javaBinary());
    }

    @Test
    void permissionIsRecognisedFromTheMessageAlone() {
        // pcap_open_live has no return code: "lo: You don't have permission to perform this capture on that device"
        LiveCaptureException e = NativeErrors.openFailed("lo", new PcapNativeException(
                "lo: You don't have permission to perform this capture on that device "
                        + "(socket: Operation not permitted)"));
        assertEquals(Reason.PERMISSION_DENIED, e.reason());
        assertEquals(Reason.PERMISSION_DENIED,
                NativeErrors.openFailed("eth0", new PcapNativeException("promisc denied", -11)).reason());
    }

    @Test
    void noSuchDeviceAndOtherFailures() {
        assertEquals(Reason.NO_SUCH_INTERFACE,
                NativeErrors.openFailed("x0", new PcapNativeException("No such device exists", -5)).reason());
        LiveCaptureException other = NativeErrors.openFailed("eth0",
                new PcapNativeException("eth0: That device is not up", -9));
        assertEquals(Reason.CAPTURE_FAILED, other.reason());
        assertTrue(other.getMessage().contains("That device is not up"), other.getMessage());
    }
}

package org.multitunnel.capture.live.internal;

import java.util.Optional;

import org.multitunnel.capture.live.LiveCaptureException;
import org.pcap4j.core.Pcaps;

/**
 * Loads libpcap once, before any other pcap4j call: points pcap4j at the library's full path (see
 * {@link LibpcapLocator}) unless the user set {@value #LIB_NAME_PROPERTY}, then forces pcap4j's native binding.
 * pcap4j binds in a static initializer, so a failure is permanent for the JVM; it is remembered and reported as
 * {@link LiveCaptureException.Reason#LIBPCAP_MISSING} on every later call.
 */
public final class Libpcap {
    /** pcap4j's system property naming the library JNA loads (NativeMappings.PCAP_LIB_NAME). */
    public static final String LIB_NAME_PROPERTY = "org.pcap4j.core.pcapLibName";

    private static String version;
    private static Throwable failure;

    private Libpcap() {
    }

    /** @return libpcap's version string ("libpcap version 1.10.3 ...") */
    public static synchronized String ensureLoaded() throws LiveCaptureException {
        if (version != null) {
            return version;
        }
        if (failure == null) {
            configureLibraryPath();
            try {
                version = Pcaps.libVersion();
                return version;
            } catch (LinkageError e) { // UnsatisfiedLinkError, ExceptionInInitializerError, NoClassDefFoundError
                failure = e;
            }
        }
        throw NativeErrors.libpcapMissing(failure);
    }

    /** Sets {@value #LIB_NAME_PROPERTY} to the resolved path on Linux if nobody set it; returns the value in force. */
    static String configureLibraryPath() {
        String set = System.getProperty(LIB_NAME_PROPERTY);
        if (set != null && !set.isBlank()) {
            return set;
        }
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return null; // pcap4j's defaults ("pcap", "wpcap") are right elsewhere
        }
        Optional<java.nio.file.Path> p = LibpcapLocator.find(LibpcapLocator.DEFAULT_DIRS);
        if (p.isEmpty()) {
            return null; // let pcap4j/JNA try and fail with their message
        }
        System.setProperty(LIB_NAME_PROPERTY, p.get().toString());
        return p.get().toString();
    }
}

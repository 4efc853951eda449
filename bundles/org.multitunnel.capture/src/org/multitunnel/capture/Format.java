package org.multitunnel.capture;

/**
 * The container format of a capture, as recognised from the file's first bytes (never from its name). Whether the
 * file was gzip-compressed is reported separately ({@link CaptureFile#compressed()}), since gzip wraps either format.
 */
public enum Format {
    /** Classic libpcap file, microsecond timestamps (magic a1b2c3d4 in either byte order). */
    PCAP,
    /** Classic libpcap file, nanosecond timestamps (magic a1b23c4d in either byte order). */
    PCAP_NANOSECONDS,
    /** Kuznetzov's patched libpcap file (magic a1b2cd34): 8 extra bytes per record header. */
    PCAP_MODIFIED,
    /** pcapng: blocks, sections and per-interface link types (section header 0a0d0d0a). */
    PCAPNG
}

package org.multitunnel.wire.dissect;

/**
 * The pcap/pcapng link-layer header types (tcpdump.org "LINKTYPE_" registry) this codec dissects; the values
 * are the keys of the {@code linktype} table of {@link org.multitunnel.wire.DissectorRegistry}.
 */
public final class LinkTypes {
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    /** DLT_RAW as some platforms number it (OpenBSD 14, others 12); pcap files should say 101. */
    public static final int RAW_12 = 12;
    public static final int RAW_14 = 14;
    public static final int RAW = 101;
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    private LinkTypes() {
    }
}

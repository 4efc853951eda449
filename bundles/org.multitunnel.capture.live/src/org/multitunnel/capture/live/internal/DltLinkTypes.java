package org.multitunnel.capture.live.internal;

/**
 * Maps libpcap's DLT_* values (what pcap_datalink returns) to the LINKTYPE_* values capture files must carry. They
 * are equal except for a few historical ones; DLT_RAW matters here because Linux tun devices (the Mobile IP tunnel
 * endpoints) report it.
 */
public final class DltLinkTypes {
    public static final int LINKTYPE_RAW = 101;
    public static final int LINKTYPE_ATM_RFC1483 = 100;

    private DltLinkTypes() {
    }

    public static int fromDlt(int dlt) {
        return switch (dlt) {
            case 12 -> LINKTYPE_RAW; // DLT_RAW everywhere but OpenBSD (Linux tun devices)
            case 11 -> LINKTYPE_ATM_RFC1483; // DLT_ATM_RFC1483
            default -> dlt;
        };
    }
}

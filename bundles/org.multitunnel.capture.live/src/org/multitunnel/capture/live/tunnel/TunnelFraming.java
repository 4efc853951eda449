package org.multitunnel.capture.live.tunnel;

/**
 * The two tunnel formats the userspace endpoint speaks, as pure byte operations so they can be tested without
 * privileges: IP-in-IP (RFC 2003, IPv4 protocol 4: the inner packet is the whole payload) and GRE (RFC 2784,
 * protocol 47: a 4-octet header with protocol type 0x0800 before the inner packet; on receipt the optional
 * checksum, key and sequence fields of RFC 2784/2890 are skipped).
 */
public enum TunnelFraming {
    IPIP(4, "ipip"), GRE(47, "gre");

    private final int protocol;
    private final String label;

    TunnelFraming(int protocol, String label) {
        this.protocol = protocol;
        this.label = label;
    }

    public int protocol() {
        return protocol;
    }

    public String label() {
        return label;
    }

    public static TunnelFraming byLabel(String s) {
        for (TunnelFraming e : values()) {
            if (e.label.equals(s)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown encapsulation '" + s + "' (ipip or gre)");
    }

    /** Octets this format puts between the outer IPv4 header and the inner packet when sending. */
    public int headerLength() {
        return this == GRE ? 4 : 0;
    }

    /** Writes this format's header into {@code buf} at 0 (the inner packet follows at {@link #headerLength()}). */
    public void writeHeader(byte[] buf) {
        if (this == GRE) {
            buf[0] = 0; // C, K, S and version 0 (RFC 2784 §2.1)
            buf[1] = 0;
            buf[2] = 0x08; // protocol type IPv4
            buf[3] = 0x00;
        }
    }

    /**
     * The offset of the inner IPv4 packet in {@code packet} (which starts with the outer IPv4 header), or -1 when
     * it is not a well-formed packet of this format carrying IPv4.
     */
    public int innerOffset(byte[] packet, int len) {
        if (len < 20 || (packet[0] & 0xf0) != 0x40) {
            return -1;
        }
        int off = (packet[0] & 0x0f) * 4;
        if (off < 20 || (packet[9] & 0xff) != protocol) {
            return -1;
        }
        if (this == GRE) {
            if (len < off + 4 || (packet[off + 1] & 0x07) != 0 || (packet[off + 2] & 0xff) != 0x08
                    || (packet[off + 3] & 0xff) != 0x00) {
                return -1;
            }
            int flags = packet[off] & 0xff;
            off += 4 + ((flags & 0x80) != 0 ? 4 : 0) + ((flags & 0x20) != 0 ? 4 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
        }
        return len >= off + 20 && (packet[off] & 0xf0) == 0x40 ? off : -1;
    }
}

package org.multitunnel.wire.link;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;

/**
 * An Ethernet II header (IEEE 802.3 with an EtherType, RFC 894): destination, source, type. VLAN tags are their
 * own {@link VlanTag} layer, as in Wireshark, so a tag stack is just repeated dispatch on EtherType 0x8100.
 */
public record EthernetHeader(byte[] destination, byte[] source, int etherType) {
    public static final int SIZE = 14;

    public EthernetHeader {
        if (destination.length != 6 || source.length != 6) {
            throw new IllegalArgumentException("MAC addresses are 6 bytes");
        }
        destination = destination.clone();
        source = source.clone();
    }

    @Override
    public byte[] destination() {
        return destination.clone();
    }

    @Override
    public byte[] source() {
        return source.clone();
    }

    public static EthernetHeader decode(ByteBuffer b, int off, int len) {
        if (len < SIZE || off + SIZE > b.limit()) {
            throw DecodeException.truncated(off, "Ethernet header", SIZE, Math.max(0, Math.min(len, b.limit() - off)));
        }
        byte[] d = new byte[6];
        byte[] s = new byte[6];
        b.get(off, d);
        b.get(off + 6, s);
        return new EthernetHeader(d, s, b.getShort(off + 12) & 0xffff);
    }

    /** The frame: this header followed by the payload, byte for byte. */
    public byte[] encode(byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(SIZE + payload.length);
        out.put(destination).put(source).putShort((short) etherType).put(payload);
        return out.array();
    }
}

package org.multitunnel.wire.link;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;

/**
 * Linux "cooked" capture header v1 (LINKTYPE_LINUX_SLL 113, 16 bytes): packet type, ARPHRD type, address length,
 * 8 address bytes, protocol. What "any"-interface captures on Linux carry instead of Ethernet.
 */
public record SllHeader(int packetType, int arphrdType, int addressLength, byte[] address, int protocol) {
    public static final int SIZE = 16;

    public SllHeader {
        if (address.length != 8) {
            throw new IllegalArgumentException("the SLL address field is 8 bytes");
        }
        address = address.clone();
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    public static SllHeader decode(ByteBuffer b, int off, int len) {
        if (len < SIZE || off + SIZE > b.limit()) {
            throw DecodeException.truncated(off, "SLL header", SIZE, Math.max(0, Math.min(len, b.limit() - off)));
        }
        byte[] a = new byte[8];
        b.get(off + 6, a);
        return new SllHeader(b.getShort(off) & 0xffff, b.getShort(off + 2) & 0xffff, b.getShort(off + 4) & 0xffff, a,
                b.getShort(off + 14) & 0xffff);
    }

    public byte[] encode(byte[] payload) {
        return ByteBuffer.allocate(SIZE + payload.length).putShort((short) packetType).putShort((short) arphrdType)
                .putShort((short) addressLength).put(address).putShort((short) protocol).put(payload).array();
    }
}

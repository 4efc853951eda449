package org.multitunnel.wire.link;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;

/**
 * Linux cooked capture header v2 (LINKTYPE_LINUX_SLL2 276, 20 bytes): protocol, reserved, interface index,
 * ARPHRD type, packet type, address length, 8 address bytes. Adds the interface index that multi-interface
 * captures need to tell the mobile node's interfaces apart.
 */
public record Sll2Header(int protocol, int reserved, long interfaceIndex, int arphrdType, int packetType,
        int addressLength, byte[] address) {
    public static final int SIZE = 20;

    public Sll2Header {
        if (address.length != 8) {
            throw new IllegalArgumentException("the SLL2 address field is 8 bytes");
        }
        address = address.clone();
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    public static Sll2Header decode(ByteBuffer b, int off, int len) {
        if (len < SIZE || off + SIZE > b.limit()) {
            throw DecodeException.truncated(off, "SLL2 header", SIZE, Math.max(0, Math.min(len, b.limit() - off)));
        }
        byte[] a = new byte[8];
        b.get(off + 12, a);
        return new Sll2Header(b.getShort(off) & 0xffff, b.getShort(off + 2) & 0xffff, b.getInt(off + 4) & 0xffffffffL,
                b.getShort(off + 8) & 0xffff, b.get(off + 10) & 0xff, b.get(off + 11) & 0xff, a);
    }

    public byte[] encode(byte[] payload) {
        return ByteBuffer.allocate(SIZE + payload.length).putShort((short) protocol).putShort((short) reserved)
                .putInt((int) interfaceIndex).putShort((short) arphrdType).put((byte) packetType)
                .put((byte) addressLength).put(address).put(payload).array();
    }
}

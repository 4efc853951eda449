package org.multitunnel.wire.ip;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;

/**
 * The fixed IPv6 header (RFC 8200 §3). Extension headers are separate layers ({@link Ipv6ExtensionHeader}),
 * chained by next header, just as on the wire. {@link Builder} fixes the payload length by default.
 */
public record Ipv6Header(int version, int trafficClass, int flowLabel, int payloadLength, int nextHeader,
        int hopLimit, byte[] source, byte[] destination) {
    public static final int SIZE = 40;

    public Ipv6Header {
        if (source.length != 16 || destination.length != 16) {
            throw new IllegalArgumentException("IPv6 addresses are 16 bytes");
        }
        source = source.clone();
        destination = destination.clone();
    }

    @Override
    public byte[] source() {
        return source.clone();
    }

    @Override
    public byte[] destination() {
        return destination.clone();
    }

    public static Ipv6Header decode(ByteBuffer b, int off, int len) {
        int avail = Math.max(0, Math.min(len, b.limit() - off));
        if (avail < SIZE) {
            throw DecodeException.truncated(off, "IPv6 header", SIZE, avail);
        }
        int w = b.getInt(off);
        int v = w >>> 28;
        if (v != 6) {
            throw DecodeException.malformed(off, "IPv6 version is " + v);
        }
        byte[] s = new byte[16];
        byte[] d = new byte[16];
        b.get(off + 8, s);
        b.get(off + 24, d);
        return new Ipv6Header(v, (w >>> 20) & 0xff, w & 0xfffff, b.getShort(off + 4) & 0xffff, b.get(off + 6) & 0xff,
                b.get(off + 7) & 0xff, s, d);
    }

    public byte[] encode(byte[] payload) {
        return ByteBuffer.allocate(SIZE + payload.length)
                .putInt((version << 28) | ((trafficClass & 0xff) << 20) | (flowLabel & 0xfffff))
                .putShort((short) payloadLength).put((byte) nextHeader).put((byte) hopLimit).put(source)
                .put(destination).put(payload).array();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Crafts IPv6 packets; fixes the payload length unless {@link #fixLength(boolean)} is switched off. */
    public static final class Builder {
        private int version = 6, trafficClass, flowLabel, payloadLength, nextHeader = 59, hopLimit = 64;
        private byte[] source = new byte[16], destination = new byte[16];
        private boolean fixLength = true;

        public Builder version(int v) { version = v; return this; }
        public Builder trafficClass(int v) { trafficClass = v; return this; }
        public Builder flowLabel(int v) { flowLabel = v; return this; }
        public Builder payloadLength(int v) { payloadLength = v; return this; }
        public Builder nextHeader(int v) { nextHeader = v; return this; }
        public Builder hopLimit(int v) { hopLimit = v; return this; }
        public Builder source(byte[] v) { source = v.clone(); return this; }
        public Builder destination(byte[] v) { destination = v.clone(); return this; }
        public Builder fixLength(boolean on) { fixLength = on; return this; }

        public byte[] build(byte[] payload) {
            return new Ipv6Header(version, trafficClass, flowLabel, fixLength ? payload.length : payloadLength,
                    nextHeader, hopLimit, source, destination).encode(payload);
        }
    }
}

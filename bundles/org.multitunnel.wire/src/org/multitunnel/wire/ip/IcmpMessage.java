package org.multitunnel.wire.ip;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;

/**
 * An ICMP message (RFC 792): type, code, checksum and the rest kept as bytes. Agent advertisements and
 * solicitations (RFC 5944 §2) are ICMP types 9 and 10 whose bodies {@link AgentAdvertisement} builds.
 * {@link Builder} computes the checksum over the whole message unless switched off.
 */
public record IcmpMessage(int type, int code, int checksum, byte[] body) {
    public static final int HEADER = 4;

    public IcmpMessage {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public static IcmpMessage decode(ByteBuffer b, int off, int len) {
        int avail = Math.max(0, Math.min(len, b.limit() - off));
        if (avail < HEADER) {
            throw DecodeException.truncated(off, "ICMP header", HEADER, avail);
        }
        byte[] body = new byte[avail - HEADER];
        b.get(off + HEADER, body);
        return new IcmpMessage(b.get(off) & 0xff, b.get(off + 1) & 0xff, b.getShort(off + 2) & 0xffff, body);
    }

    public byte[] encode() {
        return ByteBuffer.allocate(HEADER + body.length).put((byte) type).put((byte) code).putShort((short) checksum)
                .put(body).array();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Crafts ICMP messages; fixes the checksum unless {@link #fixChecksum(boolean)} is off. */
    public static final class Builder {
        private int type, code, checksum;
        private byte[] body = new byte[0];
        private boolean fixChecksum = true;

        public Builder type(int v) { type = v; return this; }
        public Builder code(int v) { code = v; return this; }
        public Builder checksum(int v) { checksum = v; return this; }
        public Builder body(byte[] v) { body = v.clone(); return this; }
        public Builder fixChecksum(boolean on) { fixChecksum = on; return this; }

        public byte[] build() {
            byte[] out = new IcmpMessage(type, code, fixChecksum ? 0 : checksum, body).encode();
            if (fixChecksum) {
                int c = InternetChecksum.compute(out, 0, out.length);
                out[2] = (byte) (c >>> 8);
                out[3] = (byte) c;
            }
            return out;
        }
    }
}

package org.multitunnel.wire.tunnel;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.ip.InternetChecksum;

/**
 * The minimal forwarding header of RFC 2004 §3 (IP protocol 55): Protocol | S | reserved(7) | header checksum |
 * original destination | original source (only when S is set). It replaces the inner IP header, whose other
 * fields are copied from the outer one. {@link Builder} computes the header checksum (over this header only)
 * unless switched off.
 */
public record MinimalEncapsulationHeader(int protocol, boolean sourcePresent, int reserved, int checksum,
        int originalDestination, int originalSource) {
    public static final int SHORT = 8;
    public static final int LONG = 12;

    public int size() {
        return sourcePresent ? LONG : SHORT;
    }

    public static MinimalEncapsulationHeader decode(ByteBuffer b, int off, int len) {
        int avail = Math.max(0, Math.min(len, b.limit() - off));
        if (avail < SHORT) {
            throw DecodeException.truncated(off, "minimal forwarding header", SHORT, avail);
        }
        boolean s = (b.get(off + 1) & 0x80) != 0;
        if (s && avail < LONG) {
            throw DecodeException.truncated(off, "minimal forwarding header with original source", LONG, avail);
        }
        return new MinimalEncapsulationHeader(b.get(off) & 0xff, s, b.get(off + 1) & 0x7f,
                b.getShort(off + 2) & 0xffff, b.getInt(off + 4), s ? b.getInt(off + 8) : 0);
    }

    public byte[] encode(byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(size() + payload.length);
        out.put((byte) protocol).put((byte) ((sourcePresent ? 0x80 : 0) | (reserved & 0x7f)))
                .putShort((short) checksum).putInt(originalDestination);
        if (sourcePresent) {
            out.putInt(originalSource);
        }
        return out.put(payload).array();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Crafts minimal encapsulation headers; S follows from whether an original source was given. */
    public static final class Builder {
        private int protocol, reserved, checksum, destination;
        private Integer source;
        private boolean fixChecksum = true;

        public Builder protocol(int v) { protocol = v; return this; }
        public Builder originalDestination(int v) { destination = v; return this; }
        public Builder originalSource(int v) { source = v; return this; }
        public Builder reserved(int v) { reserved = v; return this; }
        public Builder checksum(int v) { checksum = v; return this; }
        public Builder fixChecksum(boolean on) { fixChecksum = on; return this; }

        public byte[] build(byte[] payload) {
            MinimalEncapsulationHeader h = new MinimalEncapsulationHeader(protocol, source != null, reserved,
                    fixChecksum ? 0 : checksum, destination, source == null ? 0 : source);
            byte[] out = h.encode(payload);
            if (fixChecksum) {
                int c = InternetChecksum.compute(out, 0, h.size());
                out[2] = (byte) (c >>> 8);
                out[3] = (byte) c;
            }
            return out;
        }
    }
}

package org.multitunnel.wire.mip6;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.ip.InternetChecksum;

/**
 * The Mobile IPv6 Mobility Header (RFC 6275 §6.1.1, IPv6 next header 135): Payload Proto | Header Len (8-octet
 * units, excluding the first 8) | MH Type | Reserved | Checksum | message data (fixed part + mobility options).
 * {@link Builder} pads the options to a multiple of 8 octets (RFC 6275 §6.2.1, with Pad1/PadN), fixes the header
 * length and the checksum over the IPv6 pseudo-header (RFC 6275 §6.1.1) — each switchable.
 */
public record MobilityHeader(int payloadProto, int headerLength, int mhType, int reserved, int checksum,
        byte[] data) {
    public static final int FIXED = 6;
    public static final int PROTOCOL = 135;
    /** Next header value of the pre-RFC 3775 drafts, still seen in old captures. */
    public static final int OLD_DRAFT_PROTOCOL = 62;

    public MobilityHeader {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Length on the wire per the Header Len field. */
    public int declaredSize() {
        return (headerLength + 1) * 8;
    }

    public static MobilityHeader decode(ByteBuffer b, int off, int len) {
        int avail = Math.max(0, Math.min(len, b.limit() - off));
        if (avail < 8) {
            throw DecodeException.truncated(off, "mobility header", 8, avail);
        }
        int size = ((b.get(off + 1) & 0xff) + 1) * 8;
        if (size > avail) {
            throw DecodeException.truncated(off, "mobility header", size, avail);
        }
        byte[] data = new byte[size - FIXED];
        b.get(off + FIXED, data);
        return new MobilityHeader(b.get(off) & 0xff, b.get(off + 1) & 0xff, b.get(off + 2) & 0xff,
                b.get(off + 3) & 0xff, b.getShort(off + 4) & 0xffff, data);
    }

    public byte[] encode() {
        return ByteBuffer.allocate(FIXED + data.length).put((byte) payloadProto).put((byte) headerLength)
                .put((byte) mhType).put((byte) reserved).putShort((short) checksum).put(data).array();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Crafts mobility headers from a message's fixed part and its options. */
    public static final class Builder {
        private int payloadProto = 59, headerLength, mhType, reserved, checksum;
        private byte[] message = new byte[0];
        private final java.io.ByteArrayOutputStream options = new java.io.ByteArrayOutputStream();
        private boolean fixLength = true, fixChecksum = true, pad = true;
        private byte[] src, dst;

        public Builder payloadProto(int v) { payloadProto = v; return this; }
        public Builder headerLength(int v) { headerLength = v; return this; }
        public Builder mhType(int v) { mhType = v; return this; }
        public Builder reserved(int v) { reserved = v; return this; }
        public Builder checksum(int v) { checksum = v; return this; }
        /** The message's fixed part, e.g. from {@link MobilityMessages#bindingUpdate}. */
        public Builder message(byte[] v) { message = v.clone(); return this; }
        public Builder option(MobilityOption o) { options.writeBytes(o.encode()); return this; }
        public Builder fixLength(boolean on) { fixLength = on; return this; }
        public Builder fixChecksum(boolean on) { fixChecksum = on; return this; }
        /** Switch off to send options that end off the 8-octet boundary. */
        public Builder pad(boolean on) { pad = on; return this; }

        /** IPv6 addresses for the checksum's pseudo-header; without them the checksum is left as set. */
        public Builder addresses(byte[] source, byte[] destination) {
            src = source.clone();
            dst = destination.clone();
            return this;
        }

        public byte[] build() {
            java.io.ByteArrayOutputStream d = new java.io.ByteArrayOutputStream();
            d.writeBytes(message);
            d.writeBytes(options.toByteArray());
            int total = FIXED + d.size();
            if (pad && total % 8 != 0) {
                int n = 8 - total % 8;
                d.writeBytes(n == 1 ? MobilityOption.pad1().encode() : MobilityOption.padN(n - 2).encode());
            }
            byte[] data = d.toByteArray();
            int hlen = fixLength ? (FIXED + data.length + 7) / 8 - 1 : headerLength;
            boolean sum = fixChecksum && src != null;
            byte[] out = new MobilityHeader(payloadProto, hlen, mhType, reserved, sum ? 0 : checksum, data).encode();
            if (sum) {
                int c = InternetChecksum.fold(InternetChecksum.sum(out, 0, out.length,
                        InternetChecksum.pseudoIpv6(src, dst, PROTOCOL, out.length)));
                out[4] = (byte) (c >>> 8);
                out[5] = (byte) c;
            }
            return out;
        }
    }
}

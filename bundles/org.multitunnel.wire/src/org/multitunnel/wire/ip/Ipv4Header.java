package org.multitunnel.wire.ip;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;

/**
 * An IPv4 header (RFC 791 §3.1) with its options kept as raw bytes, so a decoded header re-encodes to exactly the
 * bytes it came from. {@link Builder} computes IHL, total length and checksum by default; each can be switched
 * off to craft a deliberately wrong header.
 */
public record Ipv4Header(int version, int ihl, int dscpEcn, int totalLength, int identification, int flags,
        int fragmentOffset, int ttl, int protocol, int checksum, int source, int destination, byte[] options) {
    public static final int MIN_SIZE = 20;

    public Ipv4Header {
        options = options.clone();
    }

    @Override
    public byte[] options() {
        return options.clone();
    }

    public int headerLength() {
        return MIN_SIZE + options.length;
    }

    /** Decodes the header at off; checks version, IHL and the total length against the header, not the payload. */
    public static Ipv4Header decode(ByteBuffer b, int off, int len) {
        int avail = Math.max(0, Math.min(len, b.limit() - off));
        if (avail < MIN_SIZE) {
            throw DecodeException.truncated(off, "IPv4 header", MIN_SIZE, avail);
        }
        int v = (b.get(off) & 0xf0) >>> 4;
        int ihl = b.get(off) & 0x0f;
        if (v != 4) {
            throw DecodeException.malformed(off, "IPv4 version is " + v);
        }
        if (ihl < 5) {
            throw DecodeException.malformed(off, "IPv4 header length " + ihl * 4 + " is below 20");
        }
        if (avail < ihl * 4) {
            throw DecodeException.truncated(off, "IPv4 header with options", ihl * 4, avail);
        }
        int total = b.getShort(off + 2) & 0xffff;
        if (total < ihl * 4) {
            throw DecodeException.malformed(off + 2, "IPv4 total length " + total + " is below the header length "
                    + ihl * 4);
        }
        byte[] opts = new byte[ihl * 4 - MIN_SIZE];
        b.get(off + MIN_SIZE, opts);
        int ff = b.getShort(off + 6) & 0xffff;
        return new Ipv4Header(v, ihl, b.get(off + 1) & 0xff, total, b.getShort(off + 4) & 0xffff, ff >>> 13,
                ff & 0x1fff, b.get(off + 8) & 0xff, b.get(off + 9) & 0xff, b.getShort(off + 10) & 0xffff,
                b.getInt(off + 12), b.getInt(off + 16), opts);
    }

    /** Writes exactly these field values (no fix-ups) followed by the payload. */
    public byte[] encode(byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(headerLength() + payload.length);
        out.put((byte) ((version << 4) | (ihl & 0xf))).put((byte) dscpEcn).putShort((short) totalLength)
                .putShort((short) identification).putShort((short) ((flags << 13) | fragmentOffset))
                .put((byte) ttl).put((byte) protocol).putShort((short) checksum).putInt(source).putInt(destination)
                .put(options).put(payload);
        return out.array();
    }

    public Builder toBuilder() {
        return new Builder().dscpEcn(dscpEcn).identification(identification).flags(flags)
                .fragmentOffset(fragmentOffset).ttl(ttl).protocol(protocol).source(source).destination(destination)
                .options(options).version(version).ihl(ihl).totalLength(totalLength).checksum(checksum);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Crafts IPv4 packets; by default fixes IHL, total length and header checksum. */
    public static final class Builder {
        private int version = 4, ihl, dscpEcn, totalLength, identification, flags, fragmentOffset, ttl = 64, protocol,
                checksum, source, destination;
        private byte[] options = new byte[0];
        private boolean fixIhl = true, fixLength = true, fixChecksum = true;

        public Builder version(int v) { version = v; return this; }
        public Builder ihl(int v) { ihl = v; return this; }
        public Builder dscpEcn(int v) { dscpEcn = v; return this; }
        public Builder totalLength(int v) { totalLength = v; return this; }
        public Builder identification(int v) { identification = v; return this; }
        public Builder flags(int v) { flags = v; return this; }
        public Builder fragmentOffset(int v) { fragmentOffset = v; return this; }
        public Builder ttl(int v) { ttl = v; return this; }
        public Builder protocol(int v) { protocol = v; return this; }
        public Builder checksum(int v) { checksum = v; return this; }
        public Builder source(int v) { source = v; return this; }
        public Builder destination(int v) { destination = v; return this; }
        public Builder options(byte[] v) { options = v.clone(); return this; }
        /** Switch off to keep the IHL given with {@link #ihl}. */
        public Builder fixIhl(boolean on) { fixIhl = on; return this; }
        /** Switch off to keep the total length given with {@link #totalLength}. */
        public Builder fixLength(boolean on) { fixLength = on; return this; }
        /** Switch off to keep the checksum given with {@link #checksum}. */
        public Builder fixChecksum(boolean on) { fixChecksum = on; return this; }

        /** The header with fix-ups applied for this payload. */
        public Ipv4Header header(int payloadLength) {
            int h = ihl;
            if (fixIhl) {
                if (options.length % 4 != 0) {
                    throw new IllegalArgumentException("IPv4 options must be padded to 4 bytes");
                }
                h = 5 + options.length / 4;
            }
            int total = fixLength ? MIN_SIZE + options.length + payloadLength : totalLength;
            Ipv4Header draft = new Ipv4Header(version, h, dscpEcn, total, identification, flags, fragmentOffset, ttl,
                    protocol, fixChecksum ? 0 : checksum, source, destination, options);
            if (!fixChecksum) {
                return draft;
            }
            byte[] hdr = draft.encode(new byte[0]);
            return new Ipv4Header(version, h, dscpEcn, total, identification, flags, fragmentOffset, ttl, protocol,
                    InternetChecksum.compute(hdr, 0, hdr.length), source, destination, options);
        }

        public byte[] build(byte[] payload) {
            return header(payload.length).encode(payload);
        }
    }
}

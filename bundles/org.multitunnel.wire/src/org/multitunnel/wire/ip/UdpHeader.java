package org.multitunnel.wire.ip;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;

/**
 * A UDP header (RFC 768). {@link Builder} fixes the length and, given the IP addresses, the checksum over the
 * pseudo-header; either can be switched off.
 */
public record UdpHeader(int sourcePort, int destinationPort, int length, int checksum) {
    public static final int SIZE = 8;

    public static UdpHeader decode(ByteBuffer b, int off, int len) {
        int avail = Math.max(0, Math.min(len, b.limit() - off));
        if (avail < SIZE) {
            throw DecodeException.truncated(off, "UDP header", SIZE, avail);
        }
        return new UdpHeader(b.getShort(off) & 0xffff, b.getShort(off + 2) & 0xffff, b.getShort(off + 4) & 0xffff,
                b.getShort(off + 6) & 0xffff);
    }

    public byte[] encode(byte[] payload) {
        return ByteBuffer.allocate(SIZE + payload.length).putShort((short) sourcePort)
                .putShort((short) destinationPort).putShort((short) length).putShort((short) checksum).put(payload)
                .array();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Crafts UDP datagrams. The checksum is computed only when addresses were given (IPv4 or IPv6). */
    public static final class Builder {
        private int sourcePort, destinationPort, length, checksum;
        private boolean fixLength = true, fixChecksum = true;
        private long pseudo = -1;

        public Builder sourcePort(int v) { sourcePort = v; return this; }
        public Builder destinationPort(int v) { destinationPort = v; return this; }
        public Builder length(int v) { length = v; return this; }
        public Builder checksum(int v) { checksum = v; return this; }
        public Builder fixLength(boolean on) { fixLength = on; return this; }
        public Builder fixChecksum(boolean on) { fixChecksum = on; return this; }

        /** IPv4 addresses for the pseudo-header; without them the checksum field is left as set (0: none). */
        public Builder ipv4(int src, int dst) {
            pseudo = InternetChecksum.pseudoIpv4(src, dst, 17, 0);
            return this;
        }

        public Builder ipv6(byte[] src, byte[] dst) {
            pseudo = InternetChecksum.pseudoIpv6(src, dst, 17, 0);
            return this;
        }

        public byte[] build(byte[] payload) {
            int len = fixLength ? SIZE + payload.length : length;
            byte[] out = new UdpHeader(sourcePort, destinationPort, len, fixChecksum && pseudo >= 0 ? 0 : checksum)
                    .encode(payload);
            if (fixChecksum && pseudo >= 0) {
                // RFC 768: the pseudo-header carries the UDP length; a computed 0 is sent as 0xffff.
                int c = InternetChecksum.fold(InternetChecksum.sum(out, 0, out.length, pseudo + SIZE + payload.length));
                c = c == 0 ? 0xffff : c;
                out[6] = (byte) (c >>> 8);
                out[7] = (byte) c;
            }
            return out;
        }
    }
}

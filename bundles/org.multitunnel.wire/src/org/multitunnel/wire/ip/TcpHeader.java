package org.multitunnel.wire.ip;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;

/**
 * A TCP header (RFC 9293 §3.1) with its options kept raw. Present so tunnelled TCP flows show ports and flags;
 * {@link Builder} fixes the data offset and (given addresses) the checksum, each switchable.
 */
public record TcpHeader(int sourcePort, int destinationPort, long sequence, long acknowledgment, int dataOffset,
        int flags, int window, int checksum, int urgentPointer, byte[] options) {
    public static final int MIN_SIZE = 20;

    public TcpHeader {
        options = options.clone();
    }

    @Override
    public byte[] options() {
        return options.clone();
    }

    public int headerLength() {
        return MIN_SIZE + options.length;
    }

    public static TcpHeader decode(ByteBuffer b, int off, int len) {
        int avail = Math.max(0, Math.min(len, b.limit() - off));
        if (avail < MIN_SIZE) {
            throw DecodeException.truncated(off, "TCP header", MIN_SIZE, avail);
        }
        int doff = (b.get(off + 12) & 0xf0) >>> 4;
        if (doff < 5) {
            throw DecodeException.malformed(off + 12, "TCP header length " + doff * 4 + " is below 20");
        }
        if (avail < doff * 4) {
            throw DecodeException.truncated(off, "TCP header with options", doff * 4, avail);
        }
        byte[] opts = new byte[doff * 4 - MIN_SIZE];
        b.get(off + MIN_SIZE, opts);
        return new TcpHeader(b.getShort(off) & 0xffff, b.getShort(off + 2) & 0xffff, b.getInt(off + 4) & 0xffffffffL,
                b.getInt(off + 8) & 0xffffffffL, doff, b.getShort(off + 12) & 0x0fff, b.getShort(off + 14) & 0xffff,
                b.getShort(off + 16) & 0xffff, b.getShort(off + 18) & 0xffff, opts);
    }

    public byte[] encode(byte[] payload) {
        return ByteBuffer.allocate(headerLength() + payload.length).putShort((short) sourcePort)
                .putShort((short) destinationPort).putInt((int) sequence).putInt((int) acknowledgment)
                .putShort((short) ((dataOffset << 12) | (flags & 0x0fff))).putShort((short) window)
                .putShort((short) checksum).putShort((short) urgentPointer).put(options).put(payload).array();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Crafts TCP segments; the checksum is computed only when addresses were given. */
    public static final class Builder {
        private int sourcePort, destinationPort, dataOffset, flags, window = 65535, checksum, urgentPointer;
        private long sequence, acknowledgment;
        private byte[] options = new byte[0];
        private boolean fixOffset = true, fixChecksum = true;
        private long pseudo = -1;

        public Builder sourcePort(int v) { sourcePort = v; return this; }
        public Builder destinationPort(int v) { destinationPort = v; return this; }
        public Builder sequence(long v) { sequence = v; return this; }
        public Builder acknowledgment(long v) { acknowledgment = v; return this; }
        public Builder dataOffset(int v) { dataOffset = v; return this; }
        public Builder flags(int v) { flags = v; return this; }
        public Builder window(int v) { window = v; return this; }
        public Builder checksum(int v) { checksum = v; return this; }
        public Builder urgentPointer(int v) { urgentPointer = v; return this; }
        public Builder options(byte[] v) { options = v.clone(); return this; }
        public Builder fixOffset(boolean on) { fixOffset = on; return this; }
        public Builder fixChecksum(boolean on) { fixChecksum = on; return this; }

        public Builder ipv4(int src, int dst) {
            pseudo = InternetChecksum.pseudoIpv4(src, dst, 6, 0);
            return this;
        }

        public byte[] build(byte[] payload) {
            int doff = fixOffset ? 5 + (options.length + 3) / 4 : dataOffset;
            byte[] opts = fixOffset ? java.util.Arrays.copyOf(options, (doff - 5) * 4) : options;
            boolean sum = fixChecksum && pseudo >= 0;
            byte[] out = new TcpHeader(sourcePort, destinationPort, sequence, acknowledgment, doff, flags, window,
                    sum ? 0 : checksum, urgentPointer, opts).encode(payload);
            if (sum) {
                int c = InternetChecksum.fold(InternetChecksum.sum(out, 0, out.length, pseudo + out.length));
                out[16] = (byte) (c >>> 8);
                out[17] = (byte) c;
            }
            return out;
        }
    }
}

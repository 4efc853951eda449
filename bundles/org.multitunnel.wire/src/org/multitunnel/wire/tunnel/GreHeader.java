package org.multitunnel.wire.tunnel;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.ip.InternetChecksum;

/**
 * A GRE header: RFC 2784 §2 (C bit, reserved0, version, protocol type, optional checksum + reserved1) with the
 * RFC 2890 §2 key (K) and sequence number (S) extensions. The R/s/recur bits of RFC 1701 are kept in
 * {@code flagsAndVersion} so a decoded header re-encodes exactly; optional fields are present exactly when their
 * bit is set (RFC 2784 §2.5: checksum and reserved1 are present if C is set — RFC 1701 also when R is set).
 */
public record GreHeader(int flagsAndVersion, int protocol, int checksum, int reserved1, long key, long sequence,
        byte[] routing) {
    public static final int C = 0x8000, R = 0x4000, K = 0x2000, S = 0x1000;
    public static final int BASE = 4;

    public GreHeader {
        routing = routing.clone();
    }

    @Override
    public byte[] routing() {
        return routing.clone();
    }

    public boolean hasChecksum() {
        return (flagsAndVersion & (C | R)) != 0;
    }

    public boolean hasKey() {
        return (flagsAndVersion & K) != 0;
    }

    public boolean hasSequence() {
        return (flagsAndVersion & S) != 0;
    }

    public int version() {
        return flagsAndVersion & 0x7;
    }

    public int size() {
        return BASE + (hasChecksum() ? 4 : 0) + (hasKey() ? 4 : 0) + (hasSequence() ? 4 : 0) + routing.length;
    }

    /** Size of the fixed part at off from its flags, without reading past it (0 when the routing list is bad). */
    public static int fixedSize(int flagsAndVersion) {
        return BASE + ((flagsAndVersion & (C | R)) != 0 ? 4 : 0) + ((flagsAndVersion & K) != 0 ? 4 : 0)
                + ((flagsAndVersion & S) != 0 ? 4 : 0);
    }

    public static GreHeader decode(ByteBuffer b, int off, int len) {
        int avail = Math.max(0, Math.min(len, b.limit() - off));
        if (avail < BASE) {
            throw DecodeException.truncated(off, "GRE header", BASE, avail);
        }
        int fv = b.getShort(off) & 0xffff;
        int size = fixedSize(fv);
        if (avail < size) {
            throw DecodeException.truncated(off, "GRE header with optional fields", size, avail);
        }
        int p = off + BASE;
        int checksum = 0, reserved1 = 0;
        long key = 0, seq = 0;
        if ((fv & (C | R)) != 0) {
            checksum = b.getShort(p) & 0xffff;
            reserved1 = b.getShort(p + 2) & 0xffff;
            p += 4;
        }
        if ((fv & K) != 0) {
            key = b.getInt(p) & 0xffffffffL;
            p += 4;
        }
        if ((fv & S) != 0) {
            seq = b.getInt(p) & 0xffffffffL;
            p += 4;
        }
        byte[] routing = new byte[0];
        if ((fv & R) != 0) {
            // RFC 1701 §2.1: Source Route Entries (AF 16, SRE offset 8, SRE length 8, data) until a NULL SRE.
            int q = p;
            while (true) {
                if (q + 4 > off + avail) {
                    throw DecodeException.truncated(q, "GRE source route entry", 4, off + avail - q);
                }
                int sreLen = b.get(q + 3) & 0xff;
                int af = b.getShort(q) & 0xffff;
                q += 4 + sreLen;
                if (af == 0 && sreLen == 0) {
                    break;
                }
            }
            if (q > off + avail) {
                throw DecodeException.truncated(p, "GRE routing", q - p, off + avail - p);
            }
            routing = new byte[q - p];
            b.get(p, routing);
        }
        return new GreHeader(fv, b.getShort(off + 2) & 0xffff, checksum, reserved1, key, seq, routing);
    }

    public byte[] encode(byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(size() + payload.length);
        out.putShort((short) flagsAndVersion).putShort((short) protocol);
        if (hasChecksum()) {
            out.putShort((short) checksum).putShort((short) reserved1);
        }
        if (hasKey()) {
            out.putInt((int) key);
        }
        if (hasSequence()) {
            out.putInt((int) sequence);
        }
        return out.put(routing).put(payload).array();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Crafts GRE packets. The C, K and S bits follow from which fields were set; the checksum (over the GRE header
     * and payload, RFC 2784 §2.5) is computed unless {@link #fixChecksum(boolean)} is off.
     */
    public static final class Builder {
        private int protocol = 0x0800, checksum, version, extraFlags;
        private Long key, sequence;
        private boolean withChecksum, fixChecksum = true;

        public Builder protocol(int v) { protocol = v; return this; }
        public Builder key(long v) { key = v; return this; }
        public Builder sequence(long v) { sequence = v; return this; }
        public Builder withChecksum(boolean on) { withChecksum = on; return this; }
        public Builder checksum(int v) { checksum = v; return this; }
        public Builder fixChecksum(boolean on) { fixChecksum = on; return this; }
        public Builder version(int v) { version = v; return this; }
        /** Raw extra bits of the flags word (reserved0), for negative tests. */
        public Builder extraFlags(int v) { extraFlags = v; return this; }

        public byte[] build(byte[] payload) {
            int fv = (withChecksum ? C : 0) | (key != null ? K : 0) | (sequence != null ? S : 0) | extraFlags
                    | (version & 7);
            GreHeader h = new GreHeader(fv, protocol, withChecksum && fixChecksum ? 0 : checksum, 0,
                    key == null ? 0 : key, sequence == null ? 0 : sequence, new byte[0]);
            byte[] out = h.encode(payload);
            if (withChecksum && fixChecksum) {
                int c = InternetChecksum.compute(out, 0, out.length);
                out[4] = (byte) (c >>> 8);
                out[5] = (byte) c;
            }
            return out;
        }
    }
}

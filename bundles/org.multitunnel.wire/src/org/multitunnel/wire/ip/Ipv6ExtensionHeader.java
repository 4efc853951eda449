package org.multitunnel.wire.ip;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;

/**
 * One IPv6 extension header in the common TLV shape of RFC 8200 §4 (next header, length in 8-octet units not
 * counting the first 8, data) — hop-by-hop (0), routing (43), destination options (60) — or the fixed 8-byte
 * fragment header (44, whose second byte is reserved rather than a length). Kept raw so it re-encodes exactly.
 */
public record Ipv6ExtensionHeader(int protocol, int nextHeader, byte[] body) {
    // body: everything after the next header byte (length or reserved byte first), so encode is exact.
    public static final int HOP_BY_HOP = 0;
    public static final int ROUTING = 43;
    public static final int FRAGMENT = 44;
    public static final int DESTINATION_OPTIONS = 60;

    public Ipv6ExtensionHeader {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Total size on the wire: the next header byte plus the body (which starts with the length byte). */
    public int size() {
        return 1 + body.length;
    }

    /** Size of the extension header at off from its own length byte (8 for a fragment header). */
    public static int sizeAt(ByteBuffer b, int off, int protocol) {
        return protocol == FRAGMENT ? 8 : ((b.get(off + 1) & 0xff) + 1) * 8;
    }

    public static Ipv6ExtensionHeader decode(ByteBuffer b, int off, int len, int protocol) {
        int avail = Math.max(0, Math.min(len, b.limit() - off));
        if (avail < 8) {
            throw DecodeException.truncated(off, "IPv6 extension header", 8, avail);
        }
        int size = sizeAt(b, off, protocol);
        if (size > avail) {
            throw DecodeException.truncated(off, "IPv6 extension header", size, avail);
        }
        byte[] body = new byte[size - 1];
        b.get(off + 1, body);
        return new Ipv6ExtensionHeader(protocol, b.get(off) & 0xff, body);
    }

    public byte[] encode(byte[] payload) {
        return ByteBuffer.allocate(size() + payload.length).put((byte) nextHeader).put(body).put(payload).array();
    }

    /** A TLV extension header with a correct length byte for {@code options} (padded by the caller to 8n+6). */
    public static Ipv6ExtensionHeader options(int protocol, int nextHeader, byte[] options) {
        if ((options.length + 2) % 8 != 0) {
            throw new IllegalArgumentException("extension header data must make the header a multiple of 8 bytes");
        }
        byte[] body = new byte[options.length + 1];
        body[0] = (byte) ((options.length + 2) / 8 - 1);
        System.arraycopy(options, 0, body, 1, options.length);
        return new Ipv6ExtensionHeader(protocol, nextHeader, body);
    }
}

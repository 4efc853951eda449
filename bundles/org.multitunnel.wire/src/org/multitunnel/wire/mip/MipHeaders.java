package org.multitunnel.wire.mip;

import java.nio.ByteBuffer;

/**
 * Allocation-free reads of Mobile IPv4 header fields straight from a {@link ByteBuffer} (absolute gets, position
 * untouched), for the per-packet hot path (classify, index, count). Callers check {@code len >=}
 * {@link #fixedLength(int)} first; these methods do no validation beyond what the buffer does.
 */
public final class MipHeaders {
    private MipHeaders() {
    }

    /** Extension types framed in the long format by default (RFC 3012 36, RFC 3115 38, RFC 5563 47, RFC 7629 154). */
    private static final boolean[] LONG_FRAMED = new boolean[256];

    private static final int[] FIXED = new int[256];

    static {
        java.util.Arrays.fill(FIXED, -1);
        FIXED[MessageTypes.REGISTRATION_REQUEST] = RegistrationRequest.FIXED_LENGTH;
        FIXED[MessageTypes.REGISTRATION_REPLY] = RegistrationReply.FIXED_LENGTH;
        FIXED[MessageTypes.TUNNEL_DATA] = TunnelData.HEADER_LENGTH;
        FIXED[MessageTypes.REVOCATION] = Revocation.FIXED_LENGTH;
        FIXED[MessageTypes.REVOCATION_ACK] = RevocationAck.FIXED_LENGTH;
        LONG_FRAMED[36] = true;
        LONG_FRAMED[38] = true;
        LONG_FRAMED[47] = true;
        LONG_FRAMED[154] = true;
    }

    public static int type(ByteBuffer b, int off) {
        return b.get(off) & 0xff;
    }

    /** Fixed-part length of a message type, or -1 when unknown (tunnel data: its 4-byte header). */
    public static int fixedLength(int type) {
        return type < 0 || type > 255 ? -1 : FIXED[type];
    }

    /** True when the message is a request or reply with its whole fixed part present. */
    public static boolean isRegistration(ByteBuffer b, int off, int len) {
        if (len < 1) {
            return false;
        }
        int t = type(b, off);
        return (t == MessageTypes.REGISTRATION_REQUEST || t == MessageTypes.REGISTRATION_REPLY)
                && len >= fixedLength(t);
    }

    /** Request flags octet (S B D M G r T x). */
    public static int flags(ByteBuffer b, int off) {
        return b.get(off + 1) & 0xff;
    }

    /** Reply code. */
    public static int code(ByteBuffer b, int off) {
        return b.get(off + 1) & 0xff;
    }

    /** Lifetime of a request or reply. */
    public static int lifetime(ByteBuffer b, int off) {
        return b.getShort(off + 2) & 0xffff;
    }

    /** Home address of a request, reply, revocation or revocation ack. */
    public static int homeAddress(ByteBuffer b, int off) {
        return b.getInt(off + 4);
    }

    /** Home agent of a request or reply. */
    public static int homeAgent(ByteBuffer b, int off) {
        return b.getInt(off + 8);
    }

    /** Care-of address of a request. */
    public static int careOfAddress(ByteBuffer b, int off) {
        return b.getInt(off + 12);
    }

    /** Identification of a request or reply. */
    public static long identification(ByteBuffer b, int off) {
        return b.getLong(off + (type(b, off) == MessageTypes.REGISTRATION_REQUEST ? 16 : 12));
    }

    /** Next Header of an RFC 3519 tunnel data message. */
    public static int tunnelNextHeader(ByteBuffer b, int off) {
        return b.get(off + 1) & 0xff;
    }

    /**
     * Absolute offset of the first extension of {@code type} (and {@code subtype}, or any when -1) in the request
     * or reply at {@code off}, or -1. Walks the extensions with the default framing; stops at a truncated one.
     */
    public static int findExtension(ByteBuffer b, int off, int len, int type, int subtype) {
        int t = type(b, off);
        int fixed = fixedLength(t);
        if (fixed < 0 || t == MessageTypes.TUNNEL_DATA || len < fixed) {
            return -1;
        }
        int end = off + len;
        int p = off + fixed;
        while (p < end) {
            int et = b.get(p) & 0xff;
            boolean lng = LONG_FRAMED[et];
            int hdr = lng ? 4 : 2;
            if (end - p < hdr) {
                return -1;
            }
            int elen = lng ? b.getShort(p + 2) & 0xffff : b.get(p + 1) & 0xff;
            if (end - p - hdr < elen) {
                return -1;
            }
            if (et == type && (subtype < 0 || (lng && (b.get(p + 1) & 0xff) == subtype)
                    || (!lng && elen >= 1 && (b.get(p + 2) & 0xff) == subtype))) {
                return p;
            }
            p += hdr + elen;
        }
        return -1;
    }

    /** The RFC 7629 Multipath Extension's BID in a request, or -1 when there is none. */
    public static int multipathBid(ByteBuffer b, int off, int len) {
        int p = findExtension(b, off, len, 154, 1);
        return p < 0 || (b.getShort(p + 2) & 0xffff) < 3 ? -1 : b.get(p + 6) & 0xff;
    }
}

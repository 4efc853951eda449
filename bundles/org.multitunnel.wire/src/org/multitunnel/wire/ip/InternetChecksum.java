package org.multitunnel.wire.ip;

import java.nio.ByteBuffer;

/**
 * The RFC 1071 ones'-complement checksum shared by IPv4, ICMP, UDP, TCP, GRE (RFC 2784 §2.5) and minimal
 * encapsulation (RFC 2004 §3). Reads with absolute gets only and allocates nothing.
 */
public final class InternetChecksum {
    private InternetChecksum() {
    }

    /** Ones'-complement sum (not yet complemented) of [off, off+len), added to {@code initial}. */
    public static long sum(ByteBuffer b, int off, int len, long initial) {
        long s = initial;
        int i = off;
        int end = off + len;
        for (; i + 1 < end; i += 2) {
            s += b.getShort(i) & 0xffff;
        }
        if (i < end) {
            s += (b.get(i) & 0xff) << 8;
        }
        return s;
    }

    public static long sum(byte[] b, int off, int len, long initial) {
        return sum(ByteBuffer.wrap(b), off, len, initial);
    }

    /** Folds a sum to 16 bits and complements it: the value to put in a checksum field. */
    public static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) (~s & 0xffff);
    }

    /** Checksum of [off, off+len): 0 over a region that includes a correct checksum field. */
    public static int compute(ByteBuffer b, int off, int len) {
        return fold(sum(b, off, len, 0));
    }

    public static int compute(byte[] b, int off, int len) {
        return fold(sum(b, off, len, 0));
    }

    /** Sum of an IPv4 pseudo-header (RFC 768 / RFC 793): src, dst, zero+protocol, length. */
    public static long pseudoIpv4(int src, int dst, int protocol, int length) {
        return ((src >>> 16) & 0xffff) + (src & 0xffff) + ((dst >>> 16) & 0xffff) + (dst & 0xffff) + protocol + length;
    }

    /** Sum of an IPv6 pseudo-header (RFC 8200 §8.1): src, dst, upper-layer length, next header. */
    public static long pseudoIpv6(byte[] src, byte[] dst, int nextHeader, long length) {
        long s = sum(src, 0, 16, 0) + sum(dst, 0, 16, 0);
        return s + ((length >>> 16) & 0xffff) + (length & 0xffff) + nextHeader;
    }
}

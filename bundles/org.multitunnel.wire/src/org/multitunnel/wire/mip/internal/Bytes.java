package org.multitunnel.wire.mip.internal;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;

/**
 * Big-endian reads and writes plus dotted-quad conversion shared by the Mobile IPv4 codec. Kept separate so the
 * message and extension classes stay about their format, not about byte twiddling. Not API.
 */
public final class Bytes {
    private Bytes() {
    }

    public static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    public static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    public static long u32(byte[] b, int off) {
        return ((long) (b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8)
                | (b[off + 3] & 0xff);
    }

    public static int i32(byte[] b, int off) {
        return (int) u32(b, off);
    }

    public static long u64(byte[] b, int off) {
        return (u32(b, off) << 32) | u32(b, off + 4);
    }

    public static byte[] slice(byte[] b, int off, int len) {
        byte[] out = new byte[len];
        System.arraycopy(b, off, out, 0, len);
        return out;
    }

    public static byte[] copy(byte[] b) {
        return b == null ? new byte[0] : b.clone();
    }

    /** Throws a typed truncation error unless {@code need} bytes remain at {@code off} of a region ending at {@code end}. */
    public static void require(int off, int end, int need, String what) {
        if (end - off < need) {
            throw DecodeException.truncated(off, what, need, Math.max(0, end - off));
        }
    }

    public static String ipv4(int addr) {
        return ((addr >>> 24) & 0xff) + "." + ((addr >>> 16) & 0xff) + "." + ((addr >>> 8) & 0xff) + "." + (addr & 0xff);
    }

    public static String ipv4(byte[] b, int off) {
        return ipv4(i32(b, off));
    }

    /** Parses a dotted quad strictly (four decimal octets 0..255). */
    public static int parseIpv4(String s) {
        String[] parts = s.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + s);
        }
        int v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not an IPv4 address: " + s);
            }
            int o = Integer.parseInt(p);
            if (o > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + s);
            }
            v = (v << 8) | o;
        }
        return v;
    }

    /** IPv6 text form (RFC 5952 compressed) of 16 bytes at {@code off}. */
    public static String ipv6(byte[] b, int off) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = u16(b, off + 2 * i);
        }
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8;) {
            if (g[i] == 0) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen && j - i >= 2) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    public static void putU8(ByteBuffer out, int v) {
        out.put((byte) v);
    }

    public static void putU16(ByteBuffer out, int v) {
        out.putShort((short) v);
    }

    public static void putU32(ByteBuffer out, long v) {
        out.putInt((int) v);
    }
}

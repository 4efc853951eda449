package org.multitunnel.wire.dissect;

import java.nio.ByteBuffer;

/**
 * Text forms of addresses exactly as Wireshark prints them (dotted quad, RFC 5952 compressed IPv6, colon MAC),
 * so that our JSON values compare equal to tshark's without any normalisation in between.
 */
public final class Addresses {
    private Addresses() {
    }

    public static String ipv4(int a) {
        return ((a >>> 24) & 0xff) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }

    public static String ipv4(ByteBuffer b, int off) {
        return ipv4(b.getInt(off));
    }

    /** RFC 5952 §4: lowercase, no leading zeros, the longest run (first if tied) of two or more zero groups as "::". */
    public static String ipv6(ByteBuffer b, int off) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = b.getShort(off + 2 * i) & 0xffff;
        }
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }

    public static String mac(ByteBuffer b, int off) {
        StringBuilder s = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                s.append(':');
            }
            int v = b.get(off + i) & 0xff;
            s.append(Character.forDigit(v >>> 4, 16)).append(Character.forDigit(v & 0xf, 16));
        }
        return s.toString();
    }

    /** Parses a dotted quad into an int (for builders and tests). */
    public static int parseIpv4(String text) {
        long a = ipv4OrMinusOne(text);
        if (a < 0) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        return (int) a;
    }

    /**
     * The dotted-quad IPv4 address as an unsigned value, or -1 when {@code text} is not one (null, IPv6, junk):
     * one pass over the characters, no split and no allocation, for code that parses addresses per binding.
     */
    public static long ipv4OrMinusOne(String text) {
        if (text == null) {
            return -1;
        }
        int n = text.length();
        long a = 0;
        int parts = 0;
        int i = 0;
        while (parts < 4) {
            int v = 0;
            int digits = 0;
            while (i < n && digits < 4) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                v = v * 10 + (c - '0');
                digits++;
                i++;
            }
            if (digits == 0 || digits > 3 || v > 255) {
                return -1;
            }
            a = (a << 8) | v;
            parts++;
            if (parts < 4) {
                if (i >= n || text.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == n ? a : -1;
    }

    /** Parses any textual IPv6 address into 16 bytes (for builders and tests). */
    public static byte[] parseIpv6(String text) {
        try {
            byte[] b = java.net.InetAddress.getByName(text.contains(":") ? text : "invalid:" + text).getAddress();
            if (b.length != 16) {
                throw new IllegalArgumentException("not an IPv6 address: " + text);
            }
            return b;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 address: " + text, e);
        }
    }
}

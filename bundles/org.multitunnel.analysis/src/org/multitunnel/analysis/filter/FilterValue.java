package org.multitunnel.analysis.filter;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The literal on the right of a comparison, read every way it can be meant (integer, IP address, byte string,
 * text); which reading applies is decided per field occurrence by the type of the field's value, as Wireshark
 * decides by the field's type.
 */
final class FilterValue {
    final String text;
    final boolean quoted;
    /** Integer reading (decimal or 0x hex), or null. */
    final BigInteger number;
    /** IPv4 (4 bytes) or IPv6 (16 bytes) reading, or null. */
    final byte[] address;
    /** Byte-string reading (aa:bb:cc, aa-bb, aabb, 0xaabb), or null. */
    final byte[] bytes;

    FilterValue(String text, boolean quoted) {
        this.text = text;
        this.quoted = quoted;
        this.number = quoted ? null : number(text);
        this.address = quoted ? null : address(text);
        this.bytes = quoted ? text.getBytes(StandardCharsets.UTF_8) : bytes(text);
    }

    /** True when the literal has a reading that makes sense for some field (bare words must be one of ours). */
    boolean plausible() {
        return quoted || number != null || address != null || bytes != null || text.matches("[A-Za-z_][\\w.\\-]*");
    }

    /**
     * Compares a field value with this literal: negative, zero, positive, or {@code null} when they cannot be
     * compared (e.g. an address literal against an integer field).
     */
    Integer compare(Object value) {
        if (value instanceof Long l) {
            return number == null ? null : BigInteger.valueOf(l).compareTo(number);
        }
        if (value instanceof Integer i) {
            return number == null ? null : BigInteger.valueOf(i).compareTo(number);
        }
        if (value instanceof BigInteger b) {
            return number == null ? null : b.compareTo(number);
        }
        if (value instanceof byte[] b) {
            return bytes == null ? null : Arrays.compareUnsigned(b, bytes);
        }
        if (value instanceof String s) {
            if (address != null) {
                byte[] a = address(s);
                if (a != null && a.length == address.length) {
                    return Arrays.compareUnsigned(a, address);
                }
            }
            if (!quoted && bytes != null && s.matches("[0-9A-Fa-f]{2}([:\\-][0-9A-Fa-f]{2})+")) {
                return Arrays.compareUnsigned(bytes(s), bytes); // MAC-style text vs a byte literal
            }
            return quoted ? s.compareTo(text) : s.toLowerCase(Locale.ROOT).compareTo(text.toLowerCase(Locale.ROOT));
        }
        return null;
    }

    /** {@code contains}: substring for text, byte subsequence for byte strings. */
    boolean containedIn(Object value) {
        if (value instanceof String s) {
            return quoted ? s.contains(text) : s.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
        }
        if (value instanceof byte[] b && bytes != null) {
            return indexOf(b, bytes) >= 0;
        }
        return false;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer: for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static BigInteger number(String t) {
        if (t.matches("0[xX][0-9A-Fa-f]+")) {
            return new BigInteger(t.substring(2), 16);
        }
        if (t.matches("[0-9]+")) {
            return new BigInteger(t);
        }
        return null;
    }

    static byte[] address(String t) {
        if (t.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            String[] p = t.split("\\.");
            byte[] a = new byte[4];
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(p[i]);
                if (v > 255) {
                    return null;
                }
                a[i] = (byte) v;
            }
            return a;
        }
        // IPv6 literal: only hex digits, colons and an embedded dotted quad, so no name lookup can happen
        if (t.indexOf(':') >= 0 && t.matches("[0-9A-Fa-f:.]+") && (t.contains("::") || t.split(":", -1).length >= 7)) {
            try {
                byte[] a = InetAddress.getByName(t).getAddress();
                return a.length == 16 ? a : null;
            } catch (UnknownHostException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    static byte[] bytes(String t) {
        String h = t;
        if (h.matches("0[xX][0-9A-Fa-f]+")) {
            h = h.substring(2);
        } else if (h.matches("[0-9A-Fa-f]{1,2}([:\\-.][0-9A-Fa-f]{1,2})+")) {
            StringBuilder b = new StringBuilder();
            for (String p : h.split("[:\\-.]")) {
                b.append(p.length() == 1 ? "0" + p : p);
            }
            h = b.toString();
        }
        if (!h.matches("([0-9A-Fa-f]{2})+")) {
            return null;
        }
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}

package org.multitunnel.analysis.filter.internal;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.multitunnel.analysis.filter.FieldType;

/**
 * Equality and order between a field occurrence and a literal, or between two occurrences, by type — integers
 * unsigned, addresses numerically with an optional CIDR prefix, byte strings lexicographically, text by code point —
 * and the {@code contains} and {@code matches} tests. Allocation-free except where text must be made from bytes.
 */
final class Compare {
    private Compare() {
    }

    static long mask4(int prefix) {
        return prefix < 0 || prefix >= 32 ? 0xffffffffL : prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    }

    static long maskHi(int prefix) {
        return prefix < 0 || prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
    }

    static long maskLo(int prefix) {
        return prefix < 0 || prefix >= 128 ? -1L : prefix <= 64 ? 0 : -1L << (128 - prefix);
    }

    /** Negative, zero or positive: occurrence {@code i} of {@code v} against {@code c}. */
    static int cmp(Values v, int i, Constant c) {
        switch (v.type) {
            case UNSIGNED, BOOLEAN -> {
                return c.negative ? 1 : Long.compareUnsigned(v.num[i], c.num);
            }
            case RELATIVE_TIME, ABSOLUTE_TIME -> {
                return Long.compare(v.num[i], c.num);
            }
            case ETHER -> {
                return Long.compare(v.num[i], c.num);
            }
            case IPV4, IPV6, ADDRESS -> {
                boolean six = v.type == FieldType.IPV6 || v.v6[i];
                if (six != c.v6) {
                    return six ? 1 : -1;
                }
                if (!six) {
                    long m = mask4(c.prefix);
                    return Long.compare(v.num[i] & m, c.num & m);
                }
                long mh = maskHi(c.prefix);
                int h = Long.compareUnsigned(v.num[i] & mh, c.num & mh);
                if (h != 0) {
                    return h;
                }
                long ml = maskLo(c.prefix);
                return Long.compareUnsigned(v.low[i] & ml, c.low & ml);
            }
            case STRING -> {
                return v.text(i).compareTo(c.text);
            }
            default -> {
                return cmpBytes(v, i, c.bytes);
            }
        }
    }

    static boolean eq(Values v, int i, Constant c) {
        if (v.type == FieldType.BOOLEAN) {
            return (v.num[i] != 0) == (c.num != 0);
        }
        if (v.type == FieldType.STRING) {
            return v.text(i).equals(c.text);
        }
        if (v.type == FieldType.BYTES || v.type == FieldType.PROTOCOL) {
            return v.len[i] == c.bytes.length && cmpBytes(v, i, c.bytes) == 0;
        }
        return cmp(v, i, c) == 0;
    }

    static int cmpBytes(Values v, int i, byte[] b) {
        int n = Math.min(v.len[i], b.length);
        for (int k = 0; k < n; k++) {
            int d = v.byteAt(i, k) - (b[k] & 0xff);
            if (d != 0) {
                return d;
            }
        }
        return Integer.compare(v.len[i], b.length);
    }

    /** Order between occurrences of two operands of compatible types. */
    static int cmp(Values a, int i, Values b, int j) {
        FieldType t = a.type;
        if (isAddress(t) && isAddress(b.type)) {
            boolean sa = t == FieldType.IPV6 || a.v6[i];
            boolean sb = b.type == FieldType.IPV6 || b.v6[j];
            if (sa != sb) {
                return sa ? 1 : -1;
            }
            int h = sa ? Long.compareUnsigned(a.num[i], b.num[j]) : Long.compare(a.num[i], b.num[j]);
            return h != 0 || !sa ? h : Long.compareUnsigned(a.low[i], b.low[j]);
        }
        return switch (t) {
            case UNSIGNED, BOOLEAN -> Long.compareUnsigned(a.num[i], b.num[j]);
            case RELATIVE_TIME, ABSOLUTE_TIME, ETHER -> Long.compare(a.num[i], b.num[j]);
            case STRING -> a.text(i).compareTo(b.text(j));
            default -> {
                int n = Math.min(a.len[i], b.len[j]);
                for (int k = 0; k < n; k++) {
                    int d = a.byteAt(i, k) - b.byteAt(j, k);
                    if (d != 0) {
                        yield d;
                    }
                }
                yield Integer.compare(a.len[i], b.len[j]);
            }
        };
    }

    static boolean isAddress(FieldType t) {
        return t == FieldType.IPV4 || t == FieldType.IPV6 || t == FieldType.ADDRESS;
    }

    /** True when values of these types can be compared with each other. */
    static boolean compatible(FieldType a, FieldType b) {
        if (a == b) {
            return a != FieldType.NONE;
        }
        if (isAddress(a) && isAddress(b) && (a == FieldType.ADDRESS || b == FieldType.ADDRESS)) {
            return true;
        }
        return (a == FieldType.UNSIGNED && b == FieldType.BOOLEAN) || (a == FieldType.BOOLEAN && b == FieldType.UNSIGNED)
                || (a == FieldType.BYTES && b == FieldType.PROTOCOL) || (a == FieldType.PROTOCOL && b == FieldType.BYTES);
    }

    /** {@code contains}: a substring of text, a byte subsequence of bytes, protocols and MAC addresses. */
    static boolean contains(Values v, int i, Constant c) {
        if (v.type == FieldType.STRING) {
            return v.text(i).contains(c.text != null ? c.text : new String(c.bytes, StandardCharsets.ISO_8859_1));
        }
        byte[] needle = c.bytes;
        if (v.type == FieldType.ETHER) {
            for (int s = 0; s + needle.length <= 6; s++) {
                boolean all = true;
                for (int k = 0; k < needle.length && all; k++) {
                    all = ((v.num[i] >>> (8 * (5 - s - k))) & 0xff) == (needle[k] & 0xff);
                }
                if (all) {
                    return true;
                }
            }
            return false;
        }
        outer: for (int s = 0; s + needle.length <= v.len[i]; s++) {
            for (int k = 0; k < needle.length; k++) {
                if (v.byteAt(i, s + k) != (needle[k] & 0xff)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** {@code matches}: the regular expression found in the text (bytes read one character per byte). */
    static boolean matches(Values v, int i, Pattern p) {
        if (v.type == FieldType.STRING) {
            return p.matcher(v.text(i)).find();
        }
        return p.matcher(new String(v.bytes(i), StandardCharsets.ISO_8859_1)).find();
    }
}

package org.multitunnel.analysis.filter.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.multitunnel.analysis.filter.FieldType;
import org.multitunnel.analysis.filter.FilterSyntaxException;
import org.multitunnel.analysis.filter.internal.Token.Kind;

/**
 * Reads a literal as a given field type, with the formats Wireshark's ftypes accept (integers in decimal, 0x hex, 0
 * octal or as 'c'; dotted quads and IPv6 text with /prefix; hex byte strings with ':', '.' or '-'; quoted strings;
 * absolute times as in ftype-time.c; time offsets in seconds) and an error naming the field and the expected form
 * otherwise. Host names are never resolved.
 */
final class Literals {
    private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final Pattern ABS_TIME = Pattern.compile("(?:(?<mon>[A-Za-z]{3}) (?<d1>\\d{1,2}), (?<y1>\\d{4}) "
            + "(?<h1>\\d{1,2}):(?<mi1>\\d{1,2}):(?<s1>\\d{1,2})|(?<y>\\d{4})-(?<mo>\\d{1,2})-(?<d>\\d{1,2})"
            + "(?:(?<sep>[T ])(?<h>\\d{1,2})(?::(?<mi>\\d{1,2})(?::(?<s>\\d{1,2}))?)?)?)(?:\\.(?<frac>\\d+))?"
            + "\\s*(?<zone>UTC|Z|[+-]\\d{2}:?\\d{2})?");
    private static final String[] MONTHS = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
            "nov", "dec" };
    static final String TIME_EXAMPLE = "\"2023-11-14 22:13:21.5\", \"2023-11-14T22:13:21Z\" or \"Nov 14, 2023 22:13:21\"";

    private Literals() {
    }

    /** Reads {@code t} as a value of {@code type} for comparison with {@code field}. */
    static Constant read(FieldType type, Token t, String field) throws FilterSyntaxException {
        Constant c = new Constant(type, t.text());
        boolean quoted = t.kind() == Kind.STRING || t.kind() == Kind.RAW_STRING;
        switch (type) {
            case UNSIGNED, BOOLEAN -> {
                if (quoted) {
                    throw error(t, "a string cannot be compared with " + field + ", which is " + describe(type));
                }
                if (type == FieldType.BOOLEAN && t.kind() == Kind.WORD
                        && (t.text().equalsIgnoreCase("true") || t.text().equalsIgnoreCase("false"))) {
                    c.num = t.text().equalsIgnoreCase("true") ? 1 : 0;
                    return c;
                }
                BigInteger v = t.kind() == Kind.CHAR ? new BigInteger(t.text()) : integer(t.text());
                if (v == null) {
                    throw error(t, "'" + t.text() + "' is not an integer (" + field + " is " + describe(type) + ")");
                }
                if (v.compareTo(MAX_U64) > 0) {
                    throw error(t, t.text() + " is too large for a 64-bit integer");
                }
                if (v.signum() < 0) {
                    c.negative = true;
                    c.num = v.longValue();
                } else {
                    c.num = v.longValue();
                }
                if (type == FieldType.BOOLEAN) {
                    c.num = c.num != 0 ? 1 : 0;
                }
            }
            case IPV4, IPV6, ADDRESS -> address(c, type, t, field, quoted);
            case ETHER -> {
                byte[] b = quoted || t.kind() == Kind.CHAR ? null : bytes(t.text());
                if (b == null || b.length != 6) {
                    throw error(t, "'" + t.text() + "' is not a MAC address (six hex bytes such as 02:00:5e:00:00:01)");
                }
                long v = 0;
                for (byte x : b) {
                    v = (v << 8) | (x & 0xff);
                }
                c.num = v;
                c.bytes = b;
            }
            case BYTES, PROTOCOL -> {
                if (quoted) {
                    c.bytes = stringBytes(t.text());
                } else if (t.kind() == Kind.CHAR) {
                    c.bytes = new byte[] { (byte) Integer.parseInt(t.text()) };
                } else {
                    c.bytes = bytes(t.text());
                    if (c.bytes == null) {
                        throw error(t, "'" + t.text() + "' is not a byte string (hex bytes such as 1a:2b:3c, or \"text\")");
                    }
                }
            }
            case STRING -> c.text = t.kind() == Kind.CHAR ? String.valueOf((char) Integer.parseInt(t.text()))
                    : t.text();
            case ABSOLUTE_TIME -> {
                if (!quoted) {
                    throw error(t, field + " is a date and time: quote it, e.g. " + TIME_EXAMPLE);
                }
                c.num = absoluteTime(t);
            }
            case RELATIVE_TIME -> {
                if (quoted || t.kind() != Kind.WORD) {
                    throw error(t, field + " is in seconds: write a number without quotes, e.g. 1.5");
                }
                Long v = seconds(t.text());
                if (v == null) {
                    throw error(t, "'" + t.text() + "' is not a number of seconds (up to nine decimals, e.g. 0.25)");
                }
                c.num = v;
            }
            case NONE -> throw error(t, field + " has no value: test it alone");
        }
        return c;
    }

    /** A regular expression for {@code matches}: case-insensitive unless it says (?-i), as Wireshark's PCRE2. */
    static Constant regex(Token t) throws FilterSyntaxException {
        if (t.kind() != Kind.STRING && t.kind() != Kind.RAW_STRING) {
            throw error(t, "matches needs a quoted regular expression, e.g. matches \"^mn[0-9]+@\"");
        }
        Constant c = new Constant(FieldType.STRING, t.text());
        try {
            c.pattern = Pattern.compile(t.text(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            throw error(t, "bad regular expression: " + e.getDescription());
        }
        return c;
    }

    static String describe(FieldType type) {
        return switch (type) {
            case UNSIGNED -> "an integer";
            case BOOLEAN -> "a flag (0/1, true/false)";
            case IPV4 -> "an IPv4 address";
            case IPV6 -> "an IPv6 address";
            case ADDRESS -> "an IPv4 or IPv6 address";
            case ETHER -> "a MAC address";
            case BYTES -> "a byte string";
            case STRING -> "text";
            case ABSOLUTE_TIME -> "a date and time";
            case RELATIVE_TIME -> "a number of seconds";
            case PROTOCOL -> "a protocol";
            case NONE -> "a group of fields";
        };
    }

    static FilterSyntaxException error(Token t, String detail) {
        return new FilterSyntaxException(t.pos(), detail);
    }

    /** Decimal, 0x hex, 0 octal (strtoull base 0, as Wireshark), optionally negative; null if not an integer. */
    static BigInteger integer(String s) {
        boolean neg = s.startsWith("-");
        String d = neg ? s.substring(1) : s;
        BigInteger v;
        try {
            if (d.matches("0[xX][0-9A-Fa-f]+")) {
                v = new BigInteger(d.substring(2), 16);
            } else if (d.matches("0[0-9]+")) { // a leading 0 means octal; 09 is no number (strtoull stops at 9)
                if (!d.matches("0[0-7]+")) {
                    return null;
                }
                v = new BigInteger(d.substring(1), 8);
            } else if (d.matches("[0-9]+")) {
                v = new BigInteger(d);
            } else {
                return null;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return neg ? v.negate() : v;
    }

    private static void address(Constant c, FieldType type, Token t, String field, boolean quoted)
            throws FilterSyntaxException {
        String s = t.text();
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        if (!quoted && t.kind() == Kind.WORD) {
            long v4 = ipv4(addr);
            long[] v6 = v4 < 0 ? ipv6(addr) : null;
            boolean ok = (v4 >= 0 && type != FieldType.IPV6) || (v6 != null && type != FieldType.IPV4);
            if (ok) {
                int max = v4 >= 0 ? 32 : 128;
                if (slash >= 0) {
                    String p = s.substring(slash + 1);
                    if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > max) {
                        throw error(t, "'/" + p + "' is not a prefix length (0-" + max + ")");
                    }
                    c.prefix = Integer.parseInt(p);
                }
                if (v4 >= 0) {
                    c.num = v4;
                } else {
                    c.v6 = true;
                    c.num = v6[0];
                    c.low = v6[1];
                }
                return;
            }
        }
        String what = quoted ? "a string" : "'" + s + "'";
        throw error(t, (quoted ? what + " cannot be compared with " + field + "; write the address without quotes"
                : what + " is not " + describe(type)) + (quoted ? "" : " (host names are not resolved)"));
    }

    /** Dotted quad as an unsigned value, or -1 (no regular expressions: it also reads the analysis' addresses). */
    static long ipv4(String s) {
        long v = 0;
        int parts = 0;
        int digits = 0;
        int octet = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                octet = octet * 10 + (c - '0');
                if (++digits > 3 || octet > 255) {
                    return -1;
                }
            } else if (c == '.' && digits > 0 && parts < 4) {
                v = (v << 8) | octet;
                parts++;
                digits = 0;
                octet = 0;
            } else {
                return -1;
            }
        }
        return parts == 4 ? v : -1;
    }

    /** RFC 4291 §2.2 text (with :: and an embedded dotted quad) as {high, low}, or null. Never resolves names. */
    static long[] ipv6(String s) {
        if (s.isEmpty() || !s.matches("[0-9A-Fa-f:.]+") || s.indexOf(':') < 0) {
            return null;
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] h = groups(head);
        int[] t = groups(tail);
        if (h == null || t == null) {
            return null;
        }
        int total = h.length + t.length;
        if (dbl < 0 ? total != 8 : total > 7) {
            return null;
        }
        int[] g = new int[8];
        System.arraycopy(h, 0, g, 0, h.length);
        System.arraycopy(t, 0, g, 8 - t.length, t.length);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = (hi << 16) | g[i];
            lo = (lo << 16) | g[i + 4];
        }
        return new long[] { hi, lo };
    }

    private static int[] groups(String part) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] p = part.split(":", -1);
        int extra = 0;
        long quad = -1;
        if (p[p.length - 1].contains(".")) {
            quad = ipv4(p[p.length - 1]);
            if (quad < 0) {
                return null;
            }
            extra = 1;
        }
        int[] g = new int[p.length + extra];
        for (int i = 0; i < p.length - extra; i++) {
            if (!p[i].matches("[0-9A-Fa-f]{1,4}")) {
                return null;
            }
            g[i] = Integer.parseInt(p[i], 16);
        }
        if (quad >= 0) {
            g[p.length - 1] = (int) (quad >>> 16);
            g[p.length] = (int) (quad & 0xffff);
        }
        return g;
    }

    /**
     * Hex bytes: {@code 1a:2b}, {@code 1a-2b}, {@code 1a.2b}, {@code 0200.5e00.0001}, {@code 1a2b} (an even number
     * of digits), a single byte {@code 1a}, or a one-byte hex integer {@code 0x1a}; null otherwise.
     */
    static byte[] bytes(String s) {
        String h;
        if (s.matches("0[xX][0-9A-Fa-f]{1,2}")) {
            h = s.length() == 3 ? "0" + s.substring(2) : s.substring(2);
        } else if (s.matches("[0-9A-Fa-f]{1,2}([:.\\-][0-9A-Fa-f]{1,2})*")) {
            StringBuilder b = new StringBuilder();
            for (String p : s.split("[:.\\-]")) {
                b.append(p.length() == 1 ? "0" + p : p);
            }
            h = b.toString();
        } else if (s.matches("[0-9A-Fa-f]{4}(\\.[0-9A-Fa-f]{4})+")) {
            h = s.replace(".", "");
        } else if (s.matches("([0-9A-Fa-f]{2})+")) {
            h = s;
        } else {
            return null;
        }
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** A string literal's bytes: one byte per character when all are below 256 (\xNN escapes), else UTF-8. */
    static byte[] stringBytes(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xff) {
                return s.getBytes(StandardCharsets.UTF_8);
            }
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Seconds with up to nine decimals as nanoseconds ({@code 1.5}, {@code .25}, {@code -2}), or null. */
    static Long seconds(String s) {
        Matcher m = Pattern.compile("(-)?([0-9]*)(?:\\.([0-9]*))?").matcher(s);
        if (!m.matches() || (m.group(2).isEmpty() && (m.group(3) == null || m.group(3).isEmpty()))) {
            return null;
        }
        String frac = m.group(3) == null ? "" : m.group(3).replaceAll("0+$", "");
        if (frac.length() > 9 || m.group(2).length() > 11) {
            return null;
        }
        long secs = m.group(2).isEmpty() ? 0 : Long.parseLong(m.group(2));
        long nanos = frac.isEmpty() ? 0 : Long.parseLong((frac + "000000000").substring(0, 9));
        long v = secs * 1_000_000_000L + nanos;
        return m.group(1) != null ? -v : v;
    }

    /** Wireshark's absolute time formats; local time unless a zone (UTC, Z, +hh:mm) follows. Nanoseconds since 1970. */
    static long absoluteTime(Token t) throws FilterSyntaxException {
        String s = t.text().strip();
        Matcher m = ABS_TIME.matcher(s);
        if (!m.matches()) {
            throw error(t, "\"" + t.text() + "\" is not a valid absolute time; e.g. " + TIME_EXAMPLE);
        }
        int year;
        int month;
        int day;
        int hour;
        int minute;
        int second;
        boolean hasSeconds;
        if (m.group("mon") != null) {
            month = -1;
            for (int i = 0; i < 12; i++) {
                if (MONTHS[i].equals(m.group("mon").toLowerCase(Locale.ROOT))) {
                    month = i + 1;
                }
            }
            if (month < 0) {
                throw error(t, "'" + m.group("mon") + "' is not a month (Jan, Feb, ...)");
            }
            year = Integer.parseInt(m.group("y1"));
            day = Integer.parseInt(m.group("d1"));
            hour = Integer.parseInt(m.group("h1"));
            minute = Integer.parseInt(m.group("mi1"));
            second = Integer.parseInt(m.group("s1"));
            hasSeconds = true;
        } else {
            year = Integer.parseInt(m.group("y"));
            month = Integer.parseInt(m.group("mo"));
            day = Integer.parseInt(m.group("d"));
            hour = m.group("h") == null ? 0 : Integer.parseInt(m.group("h"));
            minute = m.group("mi") == null ? 0 : Integer.parseInt(m.group("mi"));
            second = m.group("s") == null ? 0 : Integer.parseInt(m.group("s"));
            hasSeconds = m.group("s") != null;
            if ("T".equals(m.group("sep")) && !hasSeconds) {
                throw error(t, "\"" + t.text() + "\": a time after T needs hours, minutes and seconds");
            }
        }
        long nanos = 0;
        if (m.group("frac") != null) {
            if (!hasSeconds) {
                throw error(t, "\"" + t.text() + "\": fractions of a second need a seconds field");
            }
            String frac = m.group("frac");
            if (frac.replaceAll("0+$", "").length() > 9) {
                throw error(t, "\"" + t.text() + "\": at most nine decimals (nanoseconds)");
            }
            nanos = Long.parseLong((frac + "000000000").substring(0, 9));
        }
        LocalDateTime local;
        try {
            local = LocalDateTime.of(year, month, day, hour, minute, second);
        } catch (java.time.DateTimeException e) {
            throw error(t, "\"" + t.text() + "\" is not a valid date and time: " + e.getMessage());
        }
        String zone = m.group("zone");
        ZonedDateTime z;
        if (zone == null) {
            z = local.atZone(ZoneId.systemDefault());
        } else if (zone.equals("UTC") || zone.equals("Z")) {
            z = local.atZone(ZoneOffset.UTC);
        } else {
            z = local.atZone(ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3)
                    : zone));
        }
        return z.toEpochSecond() * 1_000_000_000L + nanos;
    }
}

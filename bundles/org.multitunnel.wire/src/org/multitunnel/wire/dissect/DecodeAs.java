package org.multitunnel.wire.dissect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One "Decode As" entry — UDP ports whose datagrams are Mobile IPv4 — written the way Wireshark's {@code -d}
 * option writes it, {@code udp.port==4434,mip}, so the command line, the capture files the product writes and the
 * documentation all use the spelling tshark users already type. {@link #parse} accepts what tshark 4.0 accepts for
 * this form: spaces before the layer type, around {@code ==} and after the comma; a single {@code =} (tshark warns
 * and reads it as {@code ==}; see {@link #usesSingleEquals}); decimal, {@code 0x} hexadecimal and leading-zero
 * octal numbers with an optional {@code +}; a range {@code 4434-4436}; a start and count {@code 4434:3}. It is a
 * little more lenient than tshark in one place: spaces before the comma are ignored, where tshark rejects them.
 * Port 0 and ports above 65535 are rejected with a message (tshark ignores them silently).
 *
 * <p>A pcapng file records the ports the product used when it wrote the file as comment lines
 * {@code multitunnel:decode-as udp.port==4435,mip} ({@link #COMMENT_PREFIX}, one space, one entry; see
 * docs/decode-as.md), in the section header or an interface description; {@link #inComment} reads them back.
 *
 * @param firstPort the first UDP port of the entry
 * @param lastPort  the last one (equal to {@code firstPort} for a single port)
 */
public record DecodeAs(int firstPort, int lastPort) {
    /** Wireshark's dissector table of UDP ports: the only layer type Mobile IPv4 is found on. */
    public static final String LAYER_TYPE = "udp.port";
    /** Wireshark's short name of Mobile IPv4 ("mip"): the only protocol this product decodes by port. */
    public static final String PROTOCOL = "mip";
    /** Starts a comment line in a pcapng file that records a Decode As entry. */
    public static final String COMMENT_PREFIX = "multitunnel:decode-as";

    public DecodeAs {
        if (firstPort < 1 || firstPort > 65535 || lastPort < firstPort || lastPort > 65535) {
            throw new IllegalArgumentException("UDP ports are 1-65535: " + firstPort
                    + (lastPort != firstPort ? "-" + lastPort : ""));
        }
    }

    /** The entry for one port. */
    public static DecodeAs port(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(port + " is not a UDP port (1-65535)");
        }
        return new DecodeAs(port, port);
    }

    /**
     * Reads {@code layer==selector,protocol} as tshark's {@code -d} does (see the class comment).
     *
     * @throws IllegalArgumentException with a one-line message naming what is wrong and the text
     */
    public static DecodeAs parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a Decode As entry is missing: want " + LAYER_TYPE + "==PORT,"
                    + PROTOCOL);
        }
        String s = stripLeadingSpaces(text);
        int eq = s.indexOf('=');
        int comma = s.indexOf(',', Math.max(eq, 0));
        if (eq < 0 || comma < 0) {
            throw new IllegalArgumentException("'" + text + "' does not follow " + LAYER_TYPE + "==PORT," + PROTOCOL
                    + " (e.g. udp.port==4434,mip)");
        }
        String layer = stripTrailingSpaces(s.substring(0, eq));
        int selectorStart = s.startsWith("==", eq) ? eq + 2 : eq + 1;
        if (!layer.equals(LAYER_TYPE)) {
            throw new IllegalArgumentException("unknown layer type '" + layer + "' in '" + text
                    + "': Mobile IP is decoded on " + LAYER_TYPE);
        }
        String selector = s.substring(selectorStart, comma).strip();
        String protocol = s.substring(comma + 1).strip();
        if (!protocol.equals(PROTOCOL)) {
            throw new IllegalArgumentException("unknown protocol '" + protocol + "' in '" + text + "': the protocol "
                    + "for " + LAYER_TYPE + " is '" + PROTOCOL + "' (Mobile IP)");
        }
        return selector(selector, text);
    }

    /** True when {@code text} joins layer and port with a single '=' (tshark warns; read as '=='). */
    public static boolean usesSingleEquals(String text) {
        int eq = text == null ? -1 : text.indexOf('=');
        return eq >= 0 && !text.startsWith("==", eq);
    }

    /** PORT, FIRST-LAST or FIRST:COUNT, each number as C's strtol with base 0 reads it. */
    private static DecodeAs selector(String sel, String text) {
        int dash = sel.indexOf('-', 1);
        int colon = sel.indexOf(':');
        try {
            if (dash > 0) {
                int first = number(sel.substring(0, dash));
                int last = number(sel.substring(dash + 1));
                if (last < first) {
                    throw new IllegalArgumentException();
                }
                return range(first, last, text);
            }
            if (colon > 0) {
                int first = number(sel.substring(0, colon));
                int count = number(sel.substring(colon + 1));
                if (count < 1) {
                    throw new IllegalArgumentException();
                }
                return range(first, first + count - 1, text);
            }
            int port = number(sel);
            return range(port, port, text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port '" + sel + "' in '" + text
                    + "': want a number 1-65535, a range like 4434-4436 or a start and count like 4434:3");
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null) {
                throw e;
            }
            throw new IllegalArgumentException("invalid port range '" + sel + "' in '" + text
                    + "': the first port must not exceed the last, and a count must be at least 1");
        }
    }

    private static DecodeAs range(int first, int last, String text) {
        if (first < 1 || last > 65535) {
            throw new IllegalArgumentException("port " + (first < 1 ? first : last) + " in '" + text
                    + "' is not a UDP port (1-65535)");
        }
        return new DecodeAs(first, last);
    }

    /** Optional '+', then 0x/0X hexadecimal, a leading 0 octal, or decimal; nothing else (no spaces inside). */
    private static int number(String s) {
        String t = s.startsWith("+") ? s.substring(1) : s;
        if (t.isEmpty() || t.startsWith("+") || t.startsWith("-")) {
            throw new NumberFormatException(s);
        }
        long v;
        if (t.length() > 2 && (t.startsWith("0x") || t.startsWith("0X"))) {
            v = Long.parseLong(t.substring(2), 16);
        } else if (t.length() > 1 && t.startsWith("0")) {
            v = Long.parseLong(t.substring(1), 8);
        } else {
            v = Long.parseLong(t, 10);
        }
        return (int) Math.min(v, Integer.MAX_VALUE);
    }

    private static String stripLeadingSpaces(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return s.substring(i);
    }

    private static String stripTrailingSpaces(String s) {
        int i = s.length();
        while (i > 0 && s.charAt(i - 1) == ' ') {
            i--;
        }
        return s.substring(0, i);
    }

    /** The ports of this entry in ascending order. */
    public List<Integer> ports() {
        List<Integer> l = new ArrayList<>(lastPort - firstPort + 1);
        for (int p = firstPort; p <= lastPort; p++) {
            l.add(p);
        }
        return l;
    }

    /** The ports of all {@code entries}, in order, duplicates kept (MipPorts drops them). */
    public static List<Integer> ports(Collection<DecodeAs> entries) {
        List<Integer> l = new ArrayList<>();
        for (DecodeAs d : entries) {
            l.addAll(d.ports());
        }
        return l;
    }

    /** The canonical spelling, e.g. {@code udp.port==4434,mip} or {@code udp.port==4434-4436,mip}. */
    @Override
    public String toString() {
        return LAYER_TYPE + "==" + firstPort + (lastPort != firstPort ? "-" + lastPort : "") + "," + PROTOCOL;
    }

    /** The pcapng comment line recording this entry: {@code multitunnel:decode-as udp.port==4434,mip}. */
    public String comment() {
        return COMMENT_PREFIX + " " + this;
    }

    /**
     * The fewest entries naming exactly {@code ports}: ascending runs of consecutive ports become one range each
     * ({@code [434, 4434, 4435, 4436]} → {@code udp.port==434,mip} and {@code udp.port==4434-4436,mip}).
     */
    public static List<DecodeAs> entries(Collection<Integer> ports) {
        java.util.BitSet set = new java.util.BitSet(65536);
        for (int p : ports) {
            port(p); // validates
            set.set(p);
        }
        List<DecodeAs> out = new ArrayList<>();
        for (int first = set.nextSetBit(1); first >= 0; ) {
            int end = set.nextClearBit(first); // one past the run
            out.add(new DecodeAs(first, end - 1));
            first = end > 65535 ? -1 : set.nextSetBit(end);
        }
        return out;
    }

    /** The comment lines recording {@code ports} ({@link #entries}: ranges merged), for a file's section header. */
    public static List<String> comments(Collection<Integer> ports) {
        List<String> out = new ArrayList<>();
        for (DecodeAs d : entries(ports)) {
            out.add(d.comment());
        }
        return out;
    }

    /**
     * The Decode As entries a pcapng comment records: every line that starts with {@link #COMMENT_PREFIX} followed
     * by white space and an entry. Other lines are ordinary comments and ignored; a line with the prefix whose
     * entry is not valid is skipped and described in {@code problems} (for the reader's warnings).
     */
    public static List<DecodeAs> inComment(String comment, List<String> problems) {
        List<DecodeAs> out = new ArrayList<>();
        if (comment == null || !comment.contains(COMMENT_PREFIX)) {
            return out;
        }
        for (String line : comment.split("\r?\n|\r")) {
            String l = line.strip();
            if (!l.startsWith(COMMENT_PREFIX)) {
                continue;
            }
            String rest = l.substring(COMMENT_PREFIX.length());
            if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0))) {
                problems.add("comment '" + l + "' does not follow '" + COMMENT_PREFIX + " udp.port==PORT,mip'");
                continue;
            }
            try {
                out.add(parse(rest.strip()));
            } catch (IllegalArgumentException e) {
                problems.add("comment '" + l + "' ignored: " + e.getMessage());
            }
        }
        return out;
    }
}

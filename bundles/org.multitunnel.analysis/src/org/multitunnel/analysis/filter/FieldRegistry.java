package org.multitunnel.analysis.filter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every name a display filter accepts — the dissectors' fields, Wireshark's frame and address fields, protocol
 * names and the analysis' pseudo-fields — with its type, origin and description, read from one data file
 * ({@code fields.txt} beside this class). It is the single source of the field list: the filter parser checks names
 * and literal types against it, the filter bar completes from it, and {@code docs/fields.md} is rendered from it
 * ({@link FieldsDoc}; a test keeps the two identical, and the wire bundle's tests check that the dissectors emit
 * exactly the documented names).
 *
 * <p>Data file lines: {@code name TAB type TAB origin TAB description} for a field (type as in
 * {@link FieldType#docName()}); {@code //} comments; every other line is Markdown copied into the document as is.
 */
public final class FieldRegistry {
    /** Wireshark's Mobile IPv6 protocol is "mipv6" but its fields are named "mip6.*"; ours follow it. */
    private static final Map<String, String> PROTOCOL_ALIASES = Map.of("mip6", "mipv6");
    private static volatile FieldRegistry standard;

    private final Map<String, FieldInfo> byName;
    private final List<FieldInfo> fields;
    private final List<String> lines;

    private FieldRegistry(List<String> lines) {
        this.lines = List.copyOf(lines);
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : lines) {
            if (isRow(line)) {
                String[] cols = line.split("\t", -1);
                if (cols.length != 4 || FieldType.ofDocName(cols[1]) == null) {
                    throw new IllegalStateException("bad field registry line: " + line);
                }
                if (rows.put(cols[0], cols) != null) {
                    throw new IllegalStateException("field registered twice: " + cols[0]);
                }
            }
        }
        Map<String, FieldInfo> map = new LinkedHashMap<>();
        for (String[] c : rows.values()) {
            map.put(c[0], new FieldInfo(c[0], FieldType.ofDocName(c[1]), c[2], c[3], protocolOf(c[0], rows)));
        }
        this.byName = Collections.unmodifiableMap(map);
        this.fields = List.copyOf(map.values());
    }

    /** The registry of this build (the bundled data file), loaded once. */
    public static FieldRegistry standard() {
        FieldRegistry r = standard;
        if (r == null) {
            synchronized (FieldRegistry.class) {
                if (standard == null) {
                    standard = load();
                }
                r = standard;
            }
        }
        return r;
    }

    private static FieldRegistry load() {
        try (InputStream in = FieldRegistry.class.getResourceAsStream("fields.txt")) {
            if (in == null) {
                throw new IllegalStateException("fields.txt is missing beside " + FieldRegistry.class.getName());
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                lines.add(l);
            }
            return new FieldRegistry(lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the field registry", e);
        }
    }

    static boolean isRow(String line) {
        return line.indexOf('\t') > 0 && !line.startsWith("//");
    }

    /** The data file's lines (for {@link FieldsDoc}). */
    List<String> lines() {
        return lines;
    }

    /** Every field, in document order. */
    public List<FieldInfo> fields() {
        return fields;
    }

    /** The field of this exact name, or null. */
    public FieldInfo find(String name) {
        return byName.get(name);
    }

    /** Fields whose name starts with {@code prefix} (completion), in document order. */
    public List<FieldInfo> withPrefix(String prefix) {
        List<FieldInfo> out = new ArrayList<>();
        for (FieldInfo f : fields) {
            if (f.name().startsWith(prefix)) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * Up to {@code max} known names closest to an unknown {@code name}: those at the smallest edit distance (with
     * transpositions; a name it is the start of counts as one edit), at most a quarter of its length; empty when
     * nothing is that close.
     */
    public List<String> closest(String name, int max) {
        String n = name.toLowerCase(Locale.ROOT);
        int limit = Math.max(1, n.length() / 4);
        List<Map.Entry<String, Integer>> scored = new ArrayList<>();
        for (String known : byName.keySet()) {
            int d = known.startsWith(n) && n.length() >= 3 ? 1 : distance(n, known, limit);
            if (d <= limit) {
                scored.add(Map.entry(known, d));
            }
        }
        scored.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                .thenComparingInt(e -> Math.abs(e.getKey().length() - n.length())).thenComparing(Map.Entry::getKey));
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : scored) {
            if (out.size() == max || e.getValue() > scored.get(0).getValue()) {
                break;
            }
            out.add(e.getKey());
        }
        return out;
    }

    /** Optimal string alignment distance, abandoned (returns limit+1) once every path exceeds {@code limit}. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
        }
        return d[a.length()][b.length()];
    }

    /** The protocol a name belongs to: the longest dotted prefix (itself included) registered as a protocol. */
    private static String protocolOf(String name, Map<String, String[]> rows) {
        String best = "";
        String n = name;
        int dot = n.indexOf('.');
        String head = dot < 0 ? n : n.substring(0, dot);
        String alias = PROTOCOL_ALIASES.get(head);
        if (alias != null) {
            return alias;
        }
        for (int i = 0; i <= n.length(); i++) {
            if (i == n.length() || n.charAt(i) == '.') {
                String[] row = rows.get(n.substring(0, i));
                if (row != null && row[1].equals(FieldType.PROTOCOL.docName())) {
                    best = n.substring(0, i);
                }
            }
        }
        return best;
    }
}

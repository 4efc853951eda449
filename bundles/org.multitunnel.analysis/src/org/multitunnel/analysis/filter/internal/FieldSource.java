package org.multitunnel.analysis.filter.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.multitunnel.analysis.filter.FieldInfo;
import org.multitunnel.analysis.filter.FieldRegistry;
import org.multitunnel.analysis.filter.FieldType;

/**
 * Where the values of one filter name come from: the frame record ({@code frame.*}), the analysis context
 * ({@code finding}, {@code tunnel.*}), the fast header walk (ids of {@link FastFields}) or the dissection tree (the
 * dissector field names it collects — one for a plain field, two for an alias such as {@code ip.addr}). Also says
 * which walked layers could hold it, so a frame whose complete walk has none of them is known not to have it
 * without dissecting.
 */
final class FieldSource {
    static final int FRAME_NUMBER = 1, FRAME_TIME = 2, FRAME_EPOCH = 3, FRAME_RELATIVE = 4, FRAME_DELTA = 5,
            FRAME_LEN = 6, FRAME_CAP_LEN = 7, FRAME_BYTES = 8;
    static final int CTX_FINDING = 1, CTX_COA = 2, CTX_HA = 3;
    /** Tree collection modes beyond "values of these names". */
    static final int TREE_VALUES = 0, TREE_IPIP = 1, TREE_PROTOCOLS = 2, TREE_GROUP = 3;

    private static final Map<String, String[]> ALIASES = Map.ofEntries(
            Map.entry("ip.addr", new String[] { "ip.src", "ip.dst" }),
            Map.entry("ip.host", new String[] { "ip.src", "ip.dst" }),
            Map.entry("ip.src_host", new String[] { "ip.src" }),
            Map.entry("ip.dst_host", new String[] { "ip.dst" }),
            Map.entry("ipv6.addr", new String[] { "ipv6.src", "ipv6.dst" }),
            Map.entry("ipv6.host", new String[] { "ipv6.src", "ipv6.dst" }),
            Map.entry("ipv6.src_host", new String[] { "ipv6.src" }),
            Map.entry("ipv6.dst_host", new String[] { "ipv6.dst" }),
            Map.entry("eth.addr", new String[] { "eth.dst", "eth.src" }),
            Map.entry("udp.port", new String[] { "udp.srcport", "udp.dstport" }),
            Map.entry("tcp.port", new String[] { "tcp.srcport", "tcp.dstport" }));

    final String name;
    final FieldType type;
    final int frame;
    final int context;
    final int fast;
    final int treeMode;
    final String[] treeNames;
    /** Per walker kind: true when a layer of that kind could hold one of {@link #treeNames}. */
    final boolean[] heldBy = new boolean[HeaderWalk.NAMES.length];

    private FieldSource(String name, FieldType type, int frame, int context, int fast, int treeMode,
            String[] treeNames) {
        this.name = name;
        this.type = type;
        this.frame = frame;
        this.context = context;
        this.fast = fast;
        this.treeMode = treeMode;
        this.treeNames = treeNames;
        for (int k = 1; k < heldBy.length; k++) {
            for (String t : treeNames) {
                heldBy[k] |= canHold(k, t);
            }
        }
    }

    /** A dissector layer named as walker kind {@code k} holds only its own name and names below it. */
    static boolean canHold(int k, String field) {
        if (k == HeaderWalk.MIP_TUNNEL) { // RFC 3519 tunnel data: the dissector emits exactly these
            return field.equals("mip") || field.equals("mip.type") || field.equals("mip.nattt.nexthdr")
                    || field.equals("mip.nattt.reserved");
        }
        String layer = HeaderWalk.NAMES[k];
        return field.equals(layer) || field.startsWith(layer + ".")
                || (k == HeaderWalk.MIP_SIG && field.startsWith("_ws."));
    }

    static FieldSource of(FieldInfo f) {
        String n = f.name();
        int frame = switch (n) {
            case "frame.number" -> FRAME_NUMBER;
            case "frame.time" -> FRAME_TIME;
            case "frame.time_epoch" -> FRAME_EPOCH;
            case "frame.time_relative" -> FRAME_RELATIVE;
            case "frame.time_delta" -> FRAME_DELTA;
            case "frame.len" -> FRAME_LEN;
            case "frame.cap_len" -> FRAME_CAP_LEN;
            case "frame" -> FRAME_BYTES;
            default -> 0;
        };
        int context = switch (n) {
            case "finding" -> CTX_FINDING;
            case "tunnel.coa" -> CTX_COA;
            case "tunnel.ha" -> CTX_HA;
            default -> 0;
        };
        int mode = n.equals("ipip") ? TREE_IPIP : n.equals("frame.protocols") ? TREE_PROTOCOLS : TREE_VALUES;
        String[] tree = ALIASES.getOrDefault(n, new String[] { n });
        if (mode != TREE_VALUES) {
            tree = new String[0];
        }
        return new FieldSource(n, f.type(), frame, context, FastFields.id(n), mode, tree);
    }

    /**
     * A name that is no field but the start of some ({@code mip.ext.mp}): a test for any field below it (this
     * project's filters accepted such group names before the registry existed).
     */
    static FieldSource group(String prefix, FieldRegistry registry) {
        List<String> names = new ArrayList<>();
        for (FieldInfo f : registry.withPrefix(prefix + ".")) {
            names.add(f.name());
        }
        if (names.isEmpty()) {
            return null;
        }
        return new FieldSource(prefix, FieldType.NONE, 0, 0, -1, TREE_GROUP, names.toArray(new String[0]));
    }

    boolean frameField() {
        return frame != 0;
    }

    boolean contextField() {
        return context != 0;
    }
}

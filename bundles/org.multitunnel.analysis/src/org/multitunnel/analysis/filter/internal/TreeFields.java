package org.multitunnel.analysis.filter.internal;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.multitunnel.analysis.filter.FieldType;
import org.multitunnel.wire.Field;

/**
 * Reads a filter name's values from a dissection (the slow path, and the reference the fast path is tested against):
 * every node with one of the source's dissector names, depth first in packet order, converted to the field's type;
 * the layer number of an occurrence is the count of top-level layers of the same name up to the one holding it.
 */
final class TreeFields {
    private TreeFields() {
    }

    /**
     * @param frame     the frame's bytes (positions 0.. = field offsets), or null when only the tree is known
     */
    static void load(FieldSource s, List<Field> layers, ByteBuffer frame, int linkType, Values out) {
        switch (s.treeMode) {
            case FieldSource.TREE_IPIP -> {
                for (int i = 1; i < layers.size(); i++) {
                    if (isIp(layers.get(i).name()) && isIp(layers.get(i - 1).name())) {
                        out.addNumber(0, layerNumber(layers, i));
                    }
                }
            }
            case FieldSource.TREE_PROTOCOLS -> out.addText(protocols(layers, linkType), 1);
            default -> {
                for (int i = 0; i < layers.size(); i++) {
                    collect(s, layers.get(i), layerNumber(layers, i), frame, out);
                }
            }
        }
    }

    private static boolean isIp(String n) {
        return n.equals("ip") || n.equals("ipv6");
    }

    static int layerNumber(List<Field> layers, int index) {
        String name = layers.get(index).name();
        int c = 0;
        for (int i = 0; i <= index; i++) {
            if (layers.get(i).name().equals(name)) {
                c++;
            }
        }
        return c;
    }

    private static void collect(FieldSource s, Field f, int layer, ByteBuffer frame, Values out) {
        for (String n : s.treeNames) {
            if (n.equals(f.name())) {
                add(s, f, layer, frame, out);
                break;
            }
        }
        for (Field c : f.children()) {
            collect(s, c, layer, frame, out);
        }
    }

    private static void add(FieldSource s, Field f, int layer, ByteBuffer frame, Values out) {
        Object v = f.value();
        FieldType t = s.treeMode == FieldSource.TREE_GROUP ? FieldType.NONE : s.type;
        switch (t) {
            case NONE -> out.addNumber(0, layer);
            case PROTOCOL -> {
                if (frame == null) {
                    out.addBytes(new byte[0], 0, 0, layer);
                } else {
                    int o = Math.min(f.offset(), frame.limit());
                    out.addBytes(frame, o, frame.limit() - o, layer);
                }
            }
            case UNSIGNED, BOOLEAN -> {
                if (v instanceof Long l) {
                    out.addNumber(l, layer);
                } else if (v instanceof Integer i) {
                    out.addNumber(i, layer);
                } else if (v instanceof BigInteger b) {
                    out.addNumber(b.longValue(), layer);
                }
            }
            case RELATIVE_TIME, ABSOLUTE_TIME -> { // nanoseconds as a whole number, or seconds as a decimal
                if (v instanceof Long l) {
                    out.addNumber(l, layer);
                } else if (v instanceof java.math.BigDecimal d) {
                    out.addNumber(d.movePointRight(9).longValue(), layer);
                } else if (v instanceof String text && Literals.seconds(text) != null) {
                    out.addNumber(Literals.seconds(text), layer);
                }
            }
            case IPV4, IPV6, ADDRESS -> {
                if (v instanceof String a) {
                    long v4 = t == FieldType.IPV6 ? -1 : Literals.ipv4(a);
                    long[] v6 = v4 >= 0 || t == FieldType.IPV4 ? null : Literals.ipv6(a);
                    if (v4 >= 0) {
                        out.addNumber(v4, layer);
                    } else if (v6 != null) {
                        out.addIpv6(v6[0], v6[1], layer);
                    }
                }
            }
            case ETHER -> {
                byte[] b = v instanceof byte[] raw ? raw : v instanceof String m ? Literals.bytes(m) : null;
                if (b != null && b.length == 6) {
                    long m = 0;
                    for (byte x : b) {
                        m = (m << 8) | (x & 0xff);
                    }
                    out.addNumber(m, layer);
                }
            }
            case BYTES -> {
                if (v instanceof byte[] b) {
                    out.addBytes(b, 0, b.length, layer);
                } else if (v != null) {
                    byte[] b = v.toString().getBytes(StandardCharsets.UTF_8);
                    out.addBytes(b, 0, b.length, layer);
                }
            }
            case STRING -> {
                if (v != null) {
                    out.addText(v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v.toString(), layer);
                }
            }
        }
    }

    /**
     * tshark's frame.protocols from the layer names: "ethertype" after a link layer that dispatched by EtherType,
     * "_ws.malformed" after a layer that broke part-way, "raw" first for raw-IP link types.
     */
    static String protocols(List<Field> layers, int linkType) {
        StringBuilder s = new StringBuilder();
        if (linkType == 101 || linkType == 12 || linkType == 14 || linkType == 228 || linkType == 229) {
            s.append("raw");
        }
        for (Field l : layers) {
            if (s.length() > 0) {
                s.append(':');
            }
            s.append(l.name());
            if ((l.name().equals("eth") && l.find("eth.type") != null)
                    || (l.name().equals("vlan") && l.find("vlan.etype") != null)
                    || (l.name().equals("sll") && l.find("sll.etype") != null)) {
                s.append(":ethertype");
            }
            for (Field c : l.children()) {
                if (c.name().equals("_ws.malformed")) {
                    s.append(":_ws.malformed");
                }
            }
        }
        return s.toString();
    }
}

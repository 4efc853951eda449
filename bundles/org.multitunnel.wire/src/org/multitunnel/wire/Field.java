package org.multitunnel.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One node of a dissection tree: a named value at a byte range of the packet. Trees are built only for the
 * packet a user looks at (or a {@code decode} run), never on the per-packet hot path, so this class favours
 * clarity over compactness. Names are stable display-filter names ({@code mip.homeaddr}), documented in
 * {@code docs/fields.md}; a layer is itself a field whose name is the protocol ({@code ip}, {@code mip}).
 *
 * <p>Values are {@link Long} for integers and booleans (0/1), {@link String} for addresses and text,
 * {@code byte[]} for byte strings, or {@code null} for pure grouping nodes.
 */
public final class Field {
    private final String name;
    private final String display;
    private final Object value;
    private final int offset;
    private final int length;
    private final List<Field> children;

    private Field(String name, String display, Object value, int offset, int length, List<Field> children) {
        this.name = name;
        this.display = display;
        this.value = value;
        this.offset = offset;
        this.length = length;
        this.children = children;
    }

    /** A leaf with a value. {@code display} is the full human text, e.g. "Home Address: 10.1.0.5". */
    public static Field leaf(String name, String display, Object value, int offset, int length) {
        return new Field(name, display, value, offset, length, List.of());
    }

    /** A node with children (a layer, an extension, a flags word with its bits). */
    public static Field node(String name, String display, Object value, int offset, int length, List<Field> children) {
        return new Field(name, display, value, offset, length, Collections.unmodifiableList(new ArrayList<>(children)));
    }

    public String name() {
        return name;
    }

    public String display() {
        return display;
    }

    public Object value() {
        return value;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    public List<Field> children() {
        return children;
    }

    /** Depth-first search for the first field of this name in this subtree (including this node). */
    public Field find(String fieldName) {
        if (name.equals(fieldName)) {
            return this;
        }
        for (Field c : children) {
            Field f = c.find(fieldName);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /** All fields of this name in this subtree, in packet order. */
    public List<Field> findAll(String fieldName) {
        List<Field> out = new ArrayList<>();
        collect(fieldName, out);
        return out;
    }

    private void collect(String fieldName, List<Field> out) {
        if (name.equals(fieldName)) {
            out.add(this);
        }
        for (Field c : children) {
            c.collect(fieldName, out);
        }
    }

    /** The value as JSON text per the headless contract: decimal integers, quoted strings, lowercase hex. */
    public String jsonValue() {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        if (value instanceof byte[] bytes) {
            return '"' + Hex.encode(bytes) + '"';
        }
        return Json.quote(value.toString());
    }

    @Override
    public String toString() {
        return name + "@" + offset + "+" + length + " " + display;
    }
}

package org.multitunnel.wire.mip.internal;

import java.util.List;

import org.multitunnel.wire.Field;
import org.multitunnel.wire.Hex;

/**
 * Shorthands for building Mobile IP {@link Field} leaves with the value conventions of the headless contract
 * (Long for integers and flags, dotted String for IPv4, byte[] for byte strings). Not API.
 */
public final class Fields {
    private Fields() {
    }

    public static Field num(String name, String label, long value, int off, int len) {
        return Field.leaf(name, label + ": " + value, value, off, len);
    }

    public static Field hexNum(String name, String label, long value, int off, int len) {
        return Field.leaf(name, label + ": 0x" + Long.toHexString(value), value, off, len);
    }

    public static Field named(String name, String label, long value, String meaning, int off, int len) {
        return Field.leaf(name, label + ": " + (meaning == null ? "Unknown" : meaning) + " (" + value + ")", value, off,
                len);
    }

    /** A single-bit flag; {@code mask} is within a field of {@code len} bytes at {@code off}. */
    public static Field flag(String name, String label, long word, long mask, int off, int len) {
        long v = (word & mask) != 0 ? 1L : 0L;
        return Field.leaf(name, label + ": " + (v == 1 ? "Set" : "Not set"), v, off, len);
    }

    public static Field ipv4(String name, String label, int addr, int off) {
        String s = Bytes.ipv4(addr);
        return Field.leaf(name, label + ": " + s, s, off, 4);
    }

    public static Field bytes(String name, String label, byte[] value, int off) {
        return Field.leaf(name, label + ": " + Hex.encode(value), value.clone(), off, value.length);
    }

    public static Field text(String name, String label, String value, int off, int len) {
        return Field.leaf(name, label + ": " + value, value, off, len);
    }

    /** A flags word: a node carrying the word's value with one child per bit. */
    public static Field flags(String name, String label, long value, int off, int len, List<Field> bits) {
        return Field.node(name, label + ": 0x" + Long.toHexString(value), value, off, len, bits);
    }

    public static Field node(String name, String display, int off, int len, List<Field> children) {
        return Field.node(name, display, null, off, len, children);
    }
}

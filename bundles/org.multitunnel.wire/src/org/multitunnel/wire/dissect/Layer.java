package org.multitunnel.wire.dissect;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.Field;

/**
 * Collects the fields of one layer (or one option inside it) while a dissector walks the bytes. Every read is
 * bounds-checked against the layer's end and fails with a typed {@link DecodeException} carrying the absolute
 * offset, so dissectors never see an {@code IndexOutOfBoundsException}; every field it adds carries its exact
 * absolute offset and length. Used only when a field tree is asked for — never on the hot path.
 */
public final class Layer {
    private final ByteBuffer buf;
    private final int start;
    private final int end;
    private final List<Field> fields = new ArrayList<>();

    /** A layer over [offset, offset+length), clipped to the buffer's limit. */
    public Layer(ByteBuffer buf, int offset, int length) {
        this.buf = buf;
        this.start = offset;
        this.end = (int) Math.max(offset, Math.min((long) offset + Math.max(0, length), buf.limit()));
    }

    public ByteBuffer buf() {
        return buf;
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    /** Bytes available from {@code off} to the end of this layer. */
    public int remaining(int off) {
        return Math.max(0, end - off);
    }

    /** Throws TRUNCATED unless n bytes are available at off. */
    public void need(int off, int n, String what) {
        if (off < start || n < 0 || (long) off + n > end) {
            throw DecodeException.truncated(off, what, n, remaining(off));
        }
    }

    public int u8(int off, String what) {
        need(off, 1, what);
        return buf.get(off) & 0xff;
    }

    public int u16(int off, String what) {
        need(off, 2, what);
        return buf.getShort(off) & 0xffff;
    }

    public long u32(int off, String what) {
        need(off, 4, what);
        return buf.getInt(off) & 0xffffffffL;
    }

    public byte[] bytes(int off, int len, String what) {
        need(off, len, what);
        byte[] b = new byte[len];
        buf.get(off, b);
        return b;
    }

    public Field add(Field f) {
        fields.add(f);
        return f;
    }

    public List<Field> fields() {
        return fields;
    }

    /** An unsigned integer of {@code size} bytes (1, 2, 3, 4 or 8), shown in decimal. */
    public long uint(String name, String label, int off, int size) {
        long v = read(off, size, label);
        add(Field.leaf(name, label + ": " + Long.toUnsignedString(v), boxed(v), off, size));
        return v;
    }

    /** Values are Long; a 64-bit value above Long.MAX_VALUE becomes a BigInteger so it prints unsigned. */
    private static Object boxed(long v) {
        return v >= 0 ? (Object) v : new java.math.BigInteger(Long.toUnsignedString(v));
    }

    /** An unsigned integer shown in hex (value still decimal in JSON, as the contract wants). */
    public long hex(String name, String label, int off, int size) {
        long v = read(off, size, label);
        add(Field.leaf(name, label + ": 0x" + pad(Long.toHexString(v), size * 2), boxed(v), off, size));
        return v;
    }

    /** An integer with a name from a table ("Type: Binding Update (5)"). */
    public long named(String name, String label, int off, int size, String meaning) {
        long v = read(off, size, label);
        add(Field.leaf(name, label + ": " + (meaning == null ? "Unknown" : meaning) + " (" + v + ")", v, off, size));
        return v;
    }

    /** A bit field of the {@code size}-byte word at off: value = (word &amp; mask) shifted down. */
    public long bits(String name, String label, int off, int size, long mask) {
        long word = read(off, size, label);
        long v = (word & mask) >>> Long.numberOfTrailingZeros(mask);
        add(Field.leaf(name, bitPattern(word, mask, size) + " = " + label + ": " + v, v, off, size));
        return v;
    }

    /** A one-bit flag as 0/1. */
    public boolean flag(String name, String label, int off, int size, long mask) {
        long word = read(off, size, label);
        boolean set = (word & mask) != 0;
        add(Field.leaf(name, bitPattern(word, mask, size) + " = " + label + ": " + (set ? "Set" : "Not set"),
                set ? 1L : 0L, off, size));
        return set;
    }

    public String ipv4(String name, String label, int off) {
        need(off, 4, label);
        String a = Addresses.ipv4(buf, off);
        add(Field.leaf(name, label + ": " + a, a, off, 4));
        return a;
    }

    public String ipv6(String name, String label, int off) {
        need(off, 16, label);
        String a = Addresses.ipv6(buf, off);
        add(Field.leaf(name, label + ": " + a, a, off, 16));
        return a;
    }

    public String mac(String name, String label, int off) {
        need(off, 6, label);
        String a = Addresses.mac(buf, off);
        add(Field.leaf(name, label + ": " + a, a, off, 6));
        return a;
    }

    /** A byte string shown in hex. */
    public byte[] raw(String name, String label, int off, int len) {
        byte[] b = bytes(off, len, label);
        add(Field.leaf(name, label + ": " + org.multitunnel.wire.Hex.encode(b), b, off, len));
        return b;
    }

    /**
     * Ends a layer that broke part-way: keeps the fields read so far (as tshark does), appends a
     * {@code _ws.malformed} node and records the error in the context, so the packet is still flagged malformed.
     */
    public Field partial(org.multitunnel.wire.DissectContext ctx, DecodeException e, String name, String display) {
        ctx.errors().add(e);
        fields.add(Field.node("_ws.malformed", "[Malformed Packet: " + e.getMessage() + "]", null, e.offset(), 0,
                List.of(Field.leaf("_ws.malformed.offset", "Error offset: " + e.offset(), (long) e.offset(),
                        e.offset(), 0))));
        return build(name, display, end - start);
    }

    /** This layer's fields as one node over [start, start+length). */
    public Field build(String name, String display, int length) {
        return Field.node(name, display, null, start, length, fields);
    }

    private long read(int off, int size, String what) {
        need(off, size, what);
        long v = 0;
        for (int i = 0; i < size; i++) {
            v = (v << 8) | (buf.get(off + i) & 0xff);
        }
        return v;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    /** Wireshark-style bit picture: "..1. ...." for the mask's bits within the word. */
    static String bitPattern(long word, long mask, int size) {
        StringBuilder s = new StringBuilder();
        for (int i = size * 8 - 1; i >= 0; i--) {
            long bit = 1L << i;
            s.append((mask & bit) == 0 ? '.' : ((word & bit) != 0 ? '1' : '0'));
            if (i % 4 == 0 && i > 0) {
                s.append(' ');
            }
        }
        return s.toString();
    }
}

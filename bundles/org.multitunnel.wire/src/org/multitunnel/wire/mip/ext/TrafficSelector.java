package org.multitunnel.wire.mip.ext;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.internal.Bytes;
import org.multitunnel.wire.mip.internal.Fields;

/**
 * The traffic selector carried by an RFC 7629 Flow Binding Extension: an RFC 6088 binary selector (format 1 IPv4,
 * 2 IPv6) or opaque bytes for other formats. RFC 7629 §4.2 puts a TS Format octet before the selector, while
 * RFC 6088 §3.1/3.2 selectors begin with their own "TS Format | Reserved" octets; the documents leave open
 * whether both appear, so the bytes are read both ways:
 * <ul>
 * <li>the bare reading (flags first: the RFC 7629 §4.2 reading of "the format that follows is the IPv4 Binary
 * Traffic Selector") and the embedded reading (RFC 6088's TS Format and Reserved octets, then flags);</li>
 * <li>a reading whose flags account for every byte beats one that leaves bytes missing or over;</li>
 * <li>when both account for every byte the bare reading wins ({@link #ambiguous()}, so the analyzer can say the
 * other was possible); when neither does, the bare reading is kept. {@link #alternative()} keeps the reading not
 * chosen.</li>
 * </ul>
 * Fields are kept as found: flagged fields the bytes do not hold are {@link #missingFields()}, a last field cut
 * short and bytes after the last field are {@link #leftover()}. The encoder writes exactly what it is given
 * (reserved flags, an end without its start, a tail of missing fields, trailing bytes), and a built selector
 * reads back equal to itself: {@code decode(encode(s)).equals(s)} for every bare selector that holds all its
 * flagged fields; a selector that does not (embedded header, missing tail, trailing bytes) reads back as itself
 * unless its bytes also account exactly for the other reading, and then {@code alternative()} equals it.
 * <p>IPv6 selectors are written with 3-octet flow label fields; a reading with 32-bit flow label fields
 * ({@link #wideFlowLabel()}, see {@link TsLayout}) is tried when the 3-octet one does not account for every byte,
 * within each of the bare and embedded readings, and wins only when it does.
 */
public final class TrafficSelector {
    public static final int FORMAT_IPV4 = 1;
    public static final int FORMAT_IPV6 = 2;

    private final int format;
    private final boolean embeddedHeader;
    private final int innerFormat;
    private final int reserved;
    private final boolean hasFlags;
    private final int flags;
    private final Map<String, byte[]> values;
    private final byte[] leftover;
    private final TrafficSelector alternative;
    private final boolean wideFlowLabel;

    private TrafficSelector(int format, boolean embeddedHeader, int innerFormat, int reserved, boolean hasFlags,
            int flags, Map<String, byte[]> values, byte[] leftover, TrafficSelector alternative,
            boolean wideFlowLabel) {
        this.format = format;
        this.embeddedHeader = embeddedHeader;
        this.innerFormat = innerFormat;
        this.reserved = reserved;
        this.hasFlags = hasFlags;
        this.flags = flags;
        this.values = values;
        this.leftover = leftover;
        this.alternative = alternative;
        this.wideFlowLabel = wideFlowLabel;
    }

    /** Decodes {@code ts} as a selector of {@code format} (the Flow Binding Extension's TS Format). */
    public static TrafficSelector decode(int format, byte[] ts) {
        List<TsLayout.Item> layout = TsLayout.forFormat(format);
        if (layout == null || ts.length < 2) {
            return opaque(format, ts);
        }
        TrafficSelector bare = fittingWidth(format, ts, false);
        // The embedded reading needs its two header octets and a flags word, and a first octet that names a
        // format RFC 6088 defines (RFC 7629-4.2-TS-FORMAT-MISMATCH reports one other than the extension's).
        if (ts.length < 4 || TsLayout.forFormat(ts[0] & 0xff) == null) {
            return bare;
        }
        TrafficSelector embedded = fittingWidth(format, ts, true);
        return embedded.exact() && !bare.exact() ? embedded.withAlternative(bare) : bare.withAlternative(embedded);
    }

    /**
     * The bare or embedded reading of {@code ts} with 3-octet flow label fields, unless it leaves bytes unaccounted
     * for and the reading with 32-bit flow label fields does not (only IPv6 selectors flagging a flow label).
     */
    private static TrafficSelector fittingWidth(int format, byte[] ts, boolean embedded) {
        TrafficSelector usual = parse(format, ts, embedded, false);
        if (usual.exact() || format != FORMAT_IPV6 || (usual.flags & TsLayout.FLOW_LABEL_FLAGS) == 0) {
            return usual;
        }
        TrafficSelector wide = parse(format, ts, embedded, true);
        return wide.exact() ? wide : usual;
    }

    /** One reading of {@code ts}: fields in flag order; a field the bytes cannot hold ends the reading. */
    private static TrafficSelector parse(int format, byte[] ts, boolean embedded, boolean wideFlowLabel) {
        int off = embedded ? 2 : 0;
        int flags = Bytes.u16(ts, off);
        off += 2;
        Map<String, byte[]> values = new LinkedHashMap<>();
        for (TsLayout.Item item : TsLayout.forFormat(format, wideFlowLabel)) {
            if ((flags & item.mask()) == 0) {
                continue;
            }
            if (ts.length - off < item.size()) {
                break;
            }
            values.put(item.field(), Bytes.slice(ts, off, item.size()));
            off += item.size();
        }
        return new TrafficSelector(format, embedded, embedded ? ts[0] & 0xff : 0, embedded ? ts[1] & 0xff : 0, true,
                flags, values, Bytes.slice(ts, off, ts.length - off), null, wideFlowLabel);
    }

    private TrafficSelector withAlternative(TrafficSelector other) {
        return new TrafficSelector(format, embeddedHeader, innerFormat, reserved, hasFlags, flags, values, leftover,
                other, wideFlowLabel);
    }

    public static Builder builder(int format) {
        return new Builder(format);
    }

    /** Opaque selector bytes, for TS formats RFC 6088 does not define. */
    public static TrafficSelector opaque(int format, byte[] bytes) {
        return new TrafficSelector(format, false, 0, 0, false, 0, Map.of(), Bytes.copy(bytes), null, false);
    }

    public int format() {
        return format;
    }

    /** True when the selector began with RFC 6088's own TS Format and Reserved octets. */
    public boolean embeddedHeader() {
        return embeddedHeader;
    }

    /** The embedded TS Format octet (0 when not embedded). */
    public int innerFormat() {
        return innerFormat;
    }

    public int reserved() {
        return reserved;
    }

    /** True when the IPv6 flow label fields are 32 bits wide (read so, or built so), not 3 octets. */
    public boolean wideFlowLabel() {
        return wideFlowLabel;
    }

    /** False for an opaque selector (unknown format or fewer than 2 bytes). */
    public boolean hasFlags() {
        return hasFlags;
    }

    public int flags() {
        return flags;
    }

    /**
     * The reading of the same bytes that was not chosen (bare or embedded), or null when only one was possible.
     * Not part of {@link #equals}: it describes the bytes, not the selector.
     */
    public TrafficSelector alternative() {
        return alternative;
    }

    /** True when both readings account for every byte (this is then the bare one): the wire cannot tell. */
    public boolean ambiguous() {
        return exact() && alternative != null && alternative.exact();
    }

    /** Field name → value (Long, or String for addresses) of the fields present, in wire order. */
    public Map<String, Object> values() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (TsLayout.Item item : layout()) {
            byte[] v = values.get(item.field());
            if (v != null) {
                out.put(item.field(), valueOf(item, v));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Bytes after the last field read: a last field cut short, or bytes no flag accounts for. */
    public byte[] leftover() {
        return leftover.clone();
    }

    /** Names of the fields the flags announce but the bytes do not hold, in wire order. */
    public List<String> missingFields() {
        List<String> out = new ArrayList<>();
        if (hasFlags) {
            for (TsLayout.Item item : layout()) {
                if ((flags & item.mask()) != 0 && !values.containsKey(item.field())) {
                    out.add(item.field());
                }
            }
        }
        return out;
    }

    /** Bytes the flags announce beyond those present (0 when every flagged field is there). */
    public int missingBytes() {
        int need = 0;
        for (String f : missingFields()) {
            need += TsLayout.item(format, f, wideFlowLabel).size();
        }
        return missingFields().isEmpty() ? 0 : need - leftover.length;
    }

    /** Bytes present beyond every field the flags announce (0 when a field is missing). */
    public int extraBytes() {
        return hasFlags && missingFields().isEmpty() ? leftover.length : 0;
    }

    /** True when the flags account for every byte: no field missing, nothing left over. */
    public boolean exact() {
        return hasFlags && leftover.length == 0 && missingFields().isEmpty();
    }

    public int encodedLength() {
        int n = (embeddedHeader ? 2 : 0) + (hasFlags ? 2 : 0) + leftover.length;
        for (byte[] v : values.values()) {
            n += v.length;
        }
        return n;
    }

    public void encodeTo(ByteBuffer out) {
        if (embeddedHeader) {
            Bytes.putU8(out, innerFormat);
            Bytes.putU8(out, reserved);
        }
        if (hasFlags) {
            Bytes.putU16(out, flags);
        }
        for (TsLayout.Item item : layout()) {
            byte[] v = values.get(item.field());
            if (v != null) {
                out.put(v);
            }
        }
        out.put(leftover);
    }

    /** The selector's bytes as {@link #encodeTo} writes them. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(encodedLength());
        encodeTo(b);
        return b.array();
    }

    private List<TsLayout.Item> layout() {
        List<TsLayout.Item> l = TsLayout.forFormat(format, wideFlowLabel);
        return l == null ? List.of() : l;
    }

    private static Object valueOf(TsLayout.Item item, byte[] v) {
        if (item.address()) {
            return v.length == 4 ? Bytes.ipv4(v, 0) : Bytes.ipv6(v, 0);
        }
        long n = 0;
        for (byte b : v) {
            n = (n << 8) | (b & 0xff);
        }
        return n;
    }

    /** Human summary, e.g. "ipv4 dst_start=10.0.0.1 proto_start=6". */
    public String text() {
        StringBuilder sb = new StringBuilder(format == FORMAT_IPV4 ? "ipv4" : format == FORMAT_IPV6 ? "ipv6"
                : "format " + format);
        values().forEach((k, v) -> sb.append(' ').append(k.substring(k.lastIndexOf('.') + 1)).append('=').append(v));
        if (missingBytes() > 0) {
            sb.append(" -").append(missingBytes()).append(" bytes");
        } else if (leftover.length > 0) {
            sb.append(" +").append(leftover.length).append(" bytes");
        }
        return sb.toString();
    }

    /** The selector's field node at absolute {@code off}. */
    public Field toField(int off) {
        List<Field> f = new ArrayList<>();
        f.add(Field.leaf(MipFields.TS_EMBEDDED, "RFC 6088 header inside selector: " + (embeddedHeader ? "yes" : "no"),
                embeddedHeader ? 1L : 0L, off, embeddedHeader ? 2 : 0));
        int o = off;
        if (embeddedHeader) {
            f.add(Fields.num(MipFields.TS_FORMAT, "TS Format", innerFormat, o, 1));
            f.add(Fields.hexNum(MipFields.TS_RESERVED, "Reserved", reserved, o + 1, 1));
            o += 2;
        }
        if (hasFlags) {
            f.add(Fields.hexNum(MipFields.TS_FLAGS, "Flags", flags, o, 2));
            o += 2;
        }
        for (TsLayout.Item item : layout()) {
            byte[] v = values.get(item.field());
            if (v != null) {
                Object val = valueOf(item, v);
                f.add(Field.leaf(item.field(), item.label() + ": " + val, val, o, v.length));
                o += v.length;
            }
        }
        if (leftover.length > 0) {
            f.add(Fields.bytes(MipFields.TS_DATA, !hasFlags ? "Selector data" : missingBytes() > 0
                    ? "Field cut short" : "Undecoded selector bytes", leftover, o));
        }
        return Fields.node(MipFields.TS, "Traffic Selector: " + text(), off, encodedLength(), f);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TrafficSelector t) || format != t.format || embeddedHeader != t.embeddedHeader
                || innerFormat != t.innerFormat || reserved != t.reserved || hasFlags != t.hasFlags
                || flags != t.flags || wideFlowLabel != t.wideFlowLabel || !Arrays.equals(leftover, t.leftover)
                || !values.keySet().equals(t.values.keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : values.entrySet()) {
            if (!Arrays.equals(e.getValue(), t.values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(format, embeddedHeader, innerFormat, reserved, hasFlags, flags, wideFlowLabel,
                values.keySet());
        for (byte[] v : values.values()) {
            h = 31 * h + Arrays.hashCode(v);
        }
        return 31 * h + Arrays.hashCode(leftover);
    }

    @Override
    public String toString() {
        return (embeddedHeader ? "[" + innerFormat + "," + reserved + "] " : "") + (hasFlags ? String.format(
                "flags=0x%04x ", flags) : "") + (wideFlowLabel ? "[32-bit flow labels] " : "") + text();
    }

    /**
     * Builds an RFC 6088 selector; flags follow the fields set unless {@link #flags(int)} overrides them. With an
     * override, any flag may be set (reserved bits, an end without its start, fields left out at the end for a
     * short selector), but a field given a value must have its flag, and a flagged field may be left out only
     * after the last field given: the wire cannot skip a field in the middle, and a selector that would not read
     * back as itself is refused with {@link IllegalArgumentException}.
     */
    public static final class Builder {
        private final int format;
        private boolean embedded;
        private int innerFormat;
        private int reserved;
        private Integer flags;
        private boolean wideFlowLabel;
        /** Field → Long (numbers, sized at build) or byte[] (raw bytes and addresses, checked at build). */
        private final Map<String, Object> values = new LinkedHashMap<>();
        private byte[] leftover = new byte[0];

        private Builder(int format) {
            if (TsLayout.forFormat(format) == null) {
                throw new IllegalArgumentException("no RFC 6088 layout for TS format " + format);
            }
            this.format = format;
            this.innerFormat = format;
        }

        private TsLayout.Item item(String field) {
            TsLayout.Item i = TsLayout.item(format, field, wideFlowLabel);
            if (i == null) {
                throw new IllegalArgumentException(field + " is not a field of TS format " + format);
            }
            return i;
        }

        /** Writes RFC 6088's own "TS Format | Reserved" octets at the start of the selector. */
        public Builder embeddedHeader(boolean on) {
            embedded = on;
            return this;
        }

        public Builder embeddedHeader(int innerFormat, int reserved) {
            embedded = true;
            this.innerFormat = innerFormat & 0xff;
            this.reserved = reserved & 0xff;
            return this;
        }

        public Builder flags(int flags) {
            this.flags = flags & 0xffff;
            return this;
        }

        /** Writes the IPv6 flow label fields as 32-bit fields instead of 3 octets (interop and negative tests). */
        public Builder wideFlowLabel(boolean on) {
            wideFlowLabel = on;
            return this;
        }

        /** Sets a numeric field (SPI, port, DS, protocol, flow label, ...), named by its {@code MipFields.TS_*}. */
        public Builder value(String field, long v) {
            item(field);
            values.put(field, v);
            return this;
        }

        /** Sets a field from its raw bytes (exactly the field's size). */
        public Builder raw(String field, byte[] bytes) {
            item(field);
            values.put(field, Bytes.copy(bytes));
            return this;
        }

        /** Sets an address field from its text form. */
        public Builder address(String field, String addr) {
            TsLayout.Item i = item(field);
            byte[] b;
            try {
                b = java.net.InetAddress.getByName(addr).getAddress();
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("not an address: " + addr, e);
            }
            if (b.length != i.size() || !addr.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException(addr + " does not fit " + field);
            }
            values.put(field, b);
            return this;
        }

        /** Bytes written after the fields (none of them announced by a flag, or a last field cut short). */
        public Builder leftover(byte[] bytes) {
            leftover = Bytes.copy(bytes);
            return this;
        }

        private byte[] bytes(TsLayout.Item i, Object v) {
            if (v instanceof byte[] b) {
                if (b.length != i.size()) {
                    throw new IllegalArgumentException(i.field() + " takes " + i.size() + " bytes, not " + b.length);
                }
                return b;
            }
            long n = (Long) v;
            byte[] b = new byte[i.size()];
            for (int k = b.length - 1; k >= 0; k--) {
                b[k] = (byte) n;
                n >>>= 8;
            }
            return b;
        }

        public TrafficSelector build() {
            int f = 0;
            for (String k : values.keySet()) {
                f |= item(k).mask();
            }
            Map<String, byte[]> ordered = new LinkedHashMap<>();
            for (TsLayout.Item i : TsLayout.forFormat(format, wideFlowLabel)) {
                if (values.containsKey(i.field())) {
                    ordered.put(i.field(), bytes(i, values.get(i.field())));
                }
            }
            TrafficSelector ts = new TrafficSelector(format, embedded, embedded ? innerFormat : 0,
                    embedded ? reserved : 0, true, flags != null ? flags : f, ordered, leftover, null,
                    wideFlowLabel && format == FORMAT_IPV6);
            TrafficSelector back = parse(format, ts.encode(), embedded, ts.wideFlowLabel);
            if (!back.equals(ts)) {
                throw new IllegalArgumentException("selector " + ts + " would read back as " + back
                        + ": a field given a value needs its flag, and only fields after the last one given may "
                        + "be left out");
            }
            return ts;
        }
    }
}

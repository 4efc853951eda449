package org.multitunnel.wire.mip.ext;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.internal.Bytes;
import org.multitunnel.wire.mip.internal.Fields;

/**
 * The traffic selector carried by an RFC 7629 Flow Binding Extension: an RFC 6088 binary selector (format 1 IPv4,
 * 2 IPv6) or opaque bytes for other formats. RFC 7629 §4.2 puts a TS Format octet before the selector, while
 * RFC 6088 §3.1/3.2 selectors begin with their own "TS Format | Reserved" octets; the documents leave open
 * whether both appear. Decoding accepts either and records which was seen ({@link #embeddedHeader()}); encoding
 * reproduces it. Fields are kept as found, including a last field cut short (then in {@link #leftover()}).
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

    private TrafficSelector(int format, boolean embeddedHeader, int innerFormat, int reserved, boolean hasFlags,
            int flags, Map<String, byte[]> values, byte[] leftover) {
        this.format = format;
        this.embeddedHeader = embeddedHeader;
        this.innerFormat = innerFormat;
        this.reserved = reserved;
        this.hasFlags = hasFlags;
        this.flags = flags;
        this.values = values;
        this.leftover = leftover;
    }

    /** Decodes {@code ts} as a selector of {@code format} (the Flow Binding Extension's TS Format). */
    public static TrafficSelector decode(int format, byte[] ts) {
        List<TsLayout.Item> layout = TsLayout.forFormat(format);
        if (layout == null || ts.length < 2) {
            return new TrafficSelector(format, false, 0, 0, false, 0, Map.of(), ts.clone());
        }
        TrafficSelector bare = parse(format, ts, false);
        boolean headerPlausible = ts.length >= 4 && TsLayout.forFormat(ts[0] & 0xff) != null;
        if (!headerPlausible) {
            return bare;
        }
        TrafficSelector embedded = parse(format, ts, true);
        boolean exactE = embedded.leftover.length == 0;
        boolean exactB = bare.leftover.length == 0;
        boolean formatEcho = (ts[0] & 0xff) == format;
        if (exactE != exactB) {
            return exactE ? embedded : bare;
        }
        return formatEcho ? embedded : bare;
    }

    private static TrafficSelector parse(int format, byte[] ts, boolean embedded) {
        int off = embedded ? 2 : 0;
        int flags = Bytes.u16(ts, off);
        off += 2;
        Map<String, byte[]> values = new LinkedHashMap<>();
        for (TsLayout.Item item : TsLayout.forFormat(format)) {
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
                flags, values, Bytes.slice(ts, off, ts.length - off));
    }

    public static Builder builder(int format) {
        return new Builder(format);
    }

    /** Opaque selector bytes, for TS formats RFC 6088 does not define. */
    public static TrafficSelector opaque(int format, byte[] bytes) {
        return new TrafficSelector(format, false, 0, 0, false, 0, Map.of(), Bytes.copy(bytes));
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

    /** False for an opaque selector (unknown format or fewer than 2 bytes). */
    public boolean hasFlags() {
        return hasFlags;
    }

    public int flags() {
        return flags;
    }

    /** Field name → value (Long, or String for addresses) of the fields present, in wire order. */
    public Map<String, Object> values() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (TsLayout.Item item : TsLayout.forFormat(format) == null ? List.<TsLayout.Item>of()
                : TsLayout.forFormat(format)) {
            byte[] v = values.get(item.field());
            if (v != null) {
                out.put(item.field(), valueOf(item, v));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    public byte[] leftover() {
        return leftover.clone();
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
        for (TsLayout.Item item : TsLayout.forFormat(format) == null ? List.<TsLayout.Item>of()
                : TsLayout.forFormat(format)) {
            byte[] v = values.get(item.field());
            if (v != null) {
                out.put(v);
            }
        }
        out.put(leftover);
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
        if (leftover.length > 0) {
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
        for (TsLayout.Item item : TsLayout.forFormat(format) == null ? List.<TsLayout.Item>of()
                : TsLayout.forFormat(format)) {
            byte[] v = values.get(item.field());
            if (v != null) {
                Object val = valueOf(item, v);
                f.add(Field.leaf(item.field(), item.label() + ": " + val, val, o, v.length));
                o += v.length;
            }
        }
        if (leftover.length > 0) {
            f.add(Fields.bytes(MipFields.TS_DATA, hasFlags ? "Undecoded selector bytes" : "Selector data", leftover,
                    o));
        }
        return Fields.node(MipFields.TS, "Traffic Selector: " + text(), off, encodedLength(), f);
    }

    /** Builds an RFC 6088 selector; flags follow the fields set unless {@link #flags(int)} overrides them. */
    public static final class Builder {
        private final int format;
        private boolean embedded;
        private int innerFormat;
        private int reserved;
        private Integer flags;
        private final Map<String, byte[]> values = new LinkedHashMap<>();
        private byte[] leftover = new byte[0];

        private Builder(int format) {
            if (TsLayout.forFormat(format) == null) {
                throw new IllegalArgumentException("no RFC 6088 layout for TS format " + format);
            }
            this.format = format;
            this.innerFormat = format;
        }

        private TsLayout.Item item(String field) {
            for (TsLayout.Item i : TsLayout.forFormat(format)) {
                if (i.field().equals(field)) {
                    return i;
                }
            }
            throw new IllegalArgumentException(field + " is not a field of TS format " + format);
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

        /** Sets a numeric field (SPI, port, DS, protocol, flow label, ...), named by its {@code MipFields.TS_*}. */
        public Builder value(String field, long v) {
            TsLayout.Item i = item(field);
            byte[] b = new byte[i.size()];
            for (int k = b.length - 1; k >= 0; k--) {
                b[k] = (byte) v;
                v >>>= 8;
            }
            values.put(field, b);
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

        public Builder leftover(byte[] bytes) {
            leftover = Bytes.copy(bytes);
            return this;
        }

        public TrafficSelector build() {
            int f = 0;
            for (String k : values.keySet()) {
                f |= item(k).mask();
            }
            return new TrafficSelector(format, embedded, embedded ? innerFormat : 0, embedded ? reserved : 0, true,
                    flags != null ? flags : f, new LinkedHashMap<>(values), leftover);
        }
    }
}

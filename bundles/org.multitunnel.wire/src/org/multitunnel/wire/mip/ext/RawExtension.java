package org.multitunnel.wire.mip.ext;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.internal.Bytes;
import org.multitunnel.wire.mip.internal.Fields;

/**
 * An extension kept as its exact bytes: an unknown type, a known type whose data could not hold its structure
 * ({@link #reason()} says why), or one cut short by the end of the message ({@link #truncated()}). Encoding writes
 * the bytes back unchanged, which is what makes decode→encode byte-exact even for broken input.
 */
public final class RawExtension implements MipExtension {
    private final byte[] wire;
    private final ExtensionFormat format;
    private final boolean truncated;
    private final String reason;

    private RawExtension(byte[] wire, ExtensionFormat format, boolean truncated, String reason) {
        if (wire.length == 0) {
            throw new IllegalArgumentException("an extension has at least its Type octet");
        }
        this.wire = wire;
        this.format = format;
        this.truncated = truncated;
        this.reason = reason;
    }

    /** Keeps {@code wire} (the whole extension from its Type octet) as found. */
    public static RawExtension ofWire(byte[] wire, ExtensionFormat format, boolean truncated, String reason) {
        return new RawExtension(wire.clone(), format, truncated, reason);
    }

    /** Builds a well-framed raw extension around {@code data} (subtype ignored for plain short framing). */
    public static RawExtension of(int type, ExtensionFormat format, int subtype, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(format.headerLength() + data.length
                + (format == ExtensionFormat.SHORT_WITH_SUBTYPE ? 1 : 0));
        Bytes.putU8(b, type);
        if (format == ExtensionFormat.LONG) {
            Bytes.putU8(b, subtype);
            Bytes.putU16(b, data.length);
        } else if (format == ExtensionFormat.SHORT_WITH_SUBTYPE) {
            Bytes.putU8(b, data.length + 1);
            Bytes.putU8(b, subtype);
        } else {
            Bytes.putU8(b, data.length);
        }
        b.put(data);
        return new RawExtension(b.array(), format, false, null);
    }

    /**
     * Any extension with its Length field replaced by {@code length} (the bytes after the header unchanged): the
     * universal "wrong length on purpose" fix-up, also for extensions whose builders have no such option.
     */
    public static RawExtension withLength(MipExtension e, int length) {
        byte[] w = e.encode();
        ExtensionFormat f = e.format();
        if (length < 0 || length > f.maxLength()) {
            throw new IllegalArgumentException("Length " + length + " does not fit " + f);
        }
        if (f.lengthFieldSize() == 2) {
            w[2] = (byte) (length >>> 8);
            w[3] = (byte) length;
        } else {
            w[1] = (byte) length;
        }
        return new RawExtension(w, f, false, null);
    }

    @Override
    public int type() {
        return wire[0] & 0xff;
    }

    @Override
    public int subtype() {
        int so = format.subtypeOffset();
        if (so < 0 || so >= wire.length || (format == ExtensionFormat.SHORT_WITH_SUBTYPE && lengthField() < 1)) {
            return -1;
        }
        return wire[so] & 0xff;
    }

    @Override
    public ExtensionFormat format() {
        return format;
    }

    /** The Length field, or -1 when the extension ends before it. */
    @Override
    public int lengthField() {
        if (format.lengthFieldSize() == 2) {
            return wire.length >= 4 ? Bytes.u16(wire, 2) : -1;
        }
        return wire.length >= 2 ? Bytes.u8(wire, 1) : -1;
    }

    public boolean truncated() {
        return truncated;
    }

    /** Why a known type stayed raw, or null for an unknown type or a truncated one. */
    public String reason() {
        return reason;
    }

    /** The bytes after the header that are present (fewer than Length says when truncated). */
    public byte[] data() {
        int h = Math.min(format.headerLength(), wire.length);
        return Bytes.slice(wire, h, wire.length - h);
    }

    public byte[] wire() {
        return wire.clone();
    }

    @Override
    public int encodedLength() {
        return wire.length;
    }

    @Override
    public void encodeTo(ByteBuffer out) {
        out.put(wire);
    }

    @Override
    public Field toField(int offset) {
        List<Field> f = new ArrayList<>();
        f.add(Fields.num(MipFields.EXT_TYPE, "Extension Type", type(), offset, 1));
        if (format == ExtensionFormat.LONG) {
            if (wire.length >= 2) {
                f.add(Fields.num(MipFields.EXT_SUBTYPE, "Sub-Type", wire[1] & 0xff, offset + 1, 1));
            }
            if (wire.length >= 4) {
                f.add(Fields.num(MipFields.EXT_LEN, "Extension Length", lengthField(), offset + 2, 2));
            }
        } else if (wire.length >= 2) {
            f.add(Fields.num(MipFields.EXT_LEN, "Extension Length", lengthField(), offset + 1, 1));
        }
        byte[] data = data();
        if (data.length > 0) {
            f.add(Fields.bytes(MipFields.EXTENSION, "Extension data", data, offset + format.headerLength()));
        }
        String title = "Extension: type " + type() + (truncated ? " [truncated]" : "")
                + (reason != null ? " [" + reason + "]" : "");
        return Fields.node(MipFields.EXT, title, offset, wire.length, f);
    }

    @Override
    public String toString() {
        return "RawExtension(type " + type() + ", " + wire.length + " bytes" + (truncated ? ", truncated" : "")
                + (reason != null ? ", " + reason : "") + ")";
    }
}

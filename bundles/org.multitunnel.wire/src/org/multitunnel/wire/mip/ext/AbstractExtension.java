package org.multitunnel.wire.mip.ext;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.internal.Bytes;
import org.multitunnel.wire.mip.internal.Fields;

/**
 * Shared framing for typed extensions: writes the header with either the computed Length or a declared one (kept
 * from decoding, or set on purpose by a tester), then the structure, then any trailing bytes that the Length
 * covered beyond the structure. Subclasses only describe their structure.
 */
public abstract class AbstractExtension implements MipExtension {
    private final int type;
    private final int declaredLength;
    private final byte[] trailing;

    protected AbstractExtension(int type, int declaredLength, byte[] trailing) {
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("extension type out of range: " + type);
        }
        this.type = type;
        this.declaredLength = declaredLength;
        this.trailing = Bytes.copy(trailing);
    }

    /** Bytes of the structure that a correct Length counts (short-with-subtype: including the Sub-Type). */
    protected abstract int structLength();

    protected abstract void writeStruct(ByteBuffer out);

    /** Fields of the structure; {@code dataOffset} is the absolute offset of the first byte the Length counts. */
    protected abstract List<Field> structFields(int dataOffset);

    /** Human title, e.g. "Mobile-Home Authentication Extension". */
    public abstract String title();

    @Override
    public final int type() {
        return type;
    }

    @Override
    public int subtype() {
        return -1;
    }

    /** True when the Length field is not the computed one (decoded or deliberately wrong). */
    public final boolean hasDeclaredLength() {
        return declaredLength >= 0;
    }

    /** Data length a correct Length field would carry: structure plus trailing bytes. */
    public final int computedLength() {
        return structLength() + trailing.length;
    }

    @Override
    public final int lengthField() {
        return declaredLength >= 0 ? declaredLength : computedLength();
    }

    public final byte[] trailing() {
        return trailing.clone();
    }

    @Override
    public final int encodedLength() {
        return format().headerLength() + computedLength();
    }

    @Override
    public final void encodeTo(ByteBuffer out) {
        int len = lengthField();
        if (len > format().maxLength()) {
            throw new IllegalStateException(title() + ": length " + len + " does not fit its Length field");
        }
        Bytes.putU8(out, type);
        if (format() == ExtensionFormat.LONG) {
            Bytes.putU8(out, Math.max(0, subtype()));
            Bytes.putU16(out, len);
        } else {
            Bytes.putU8(out, len);
        }
        writeStruct(out);
        out.put(trailing);
    }

    /** Type, (Sub-Type,) Length fields; overridden where Wireshark names the second octet differently. */
    protected List<Field> headerFields(int offset) {
        List<Field> f = new ArrayList<>();
        f.add(Fields.num(MipFields.EXT_TYPE, "Extension Type", type, offset, 1));
        if (format() == ExtensionFormat.LONG) {
            f.add(Fields.num(MipFields.EXT_SUBTYPE, "Sub-Type", subtype(), offset + 1, 1));
            f.add(Fields.num(MipFields.EXT_LEN, "Extension Length", lengthField(), offset + 2, 2));
        } else {
            f.add(Fields.num(MipFields.EXT_LEN, "Extension Length", lengthField(), offset + 1, 1));
        }
        return f;
    }

    @Override
    public final Field toField(int offset) {
        List<Field> children = headerFields(offset);
        int data = offset + format().headerLength();
        children.addAll(structFields(data));
        if (trailing.length > 0) {
            children.add(Fields.bytes(MipFields.EXT_TRAILING, "Trailing data", trailing, data + structLength()));
        }
        return Fields.node(MipFields.EXT, "Extension: " + title(), offset, encodedLength(), children);
    }

    @Override
    public String toString() {
        return title() + " (type " + type + (subtype() >= 0 ? "/" + subtype() : "") + ", length " + lengthField() + ")";
    }

    /** Builder plumbing every extension builder shares: the Length and trailing-byte fix-ups. */
    @SuppressWarnings("unchecked")
    public abstract static class Builder<B extends Builder<B>> {
        protected int declaredLength = -1;
        protected byte[] trailing = new byte[0];

        /** Puts this value in the Length field instead of the computed one (a deliberately wrong length). */
        public B declaredLength(int length) {
            this.declaredLength = length;
            return (B) this;
        }

        /** Extra bytes after the structure, counted by the computed Length. */
        public B trailing(byte[] bytes) {
            this.trailing = Bytes.copy(bytes);
            return (B) this;
        }
    }
}

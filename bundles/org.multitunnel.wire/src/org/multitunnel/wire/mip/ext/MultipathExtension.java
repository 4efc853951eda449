package org.multitunnel.wire.mip.ext;

import java.nio.ByteBuffer;
import java.util.List;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.internal.Bytes;
import org.multitunnel.wire.mip.internal.Fields;

/**
 * RFC 7629 §4.1 Multipath Extension (type 154, subtype 1, long framing, Length MUST be 4):
 * Type | Sub-Type | Length(16) | If-ATT(8) | If-Label(8) | Binding-Id(8) | B(1) O(1) Reserved(6).
 * If-ATT comes from the RFC 5213 Access Technology Type registry; If-Label 1-255; BID 1-254 (0, 255 reserved).
 * Values are kept as found; whether they obey those rules is the finding checker's job.
 */
public final class MultipathExtension extends AbstractExtension {
    public static final int B_FLAG = 0x80;
    public static final int O_FLAG = 0x40;
    private final int ifAtt;
    private final int ifLabel;
    private final int bid;
    private final int flags;

    private MultipathExtension(Builder b) {
        super(ExtensionTypes.MULTIPATH, b.declaredLength, b.trailing);
        this.ifAtt = b.ifAtt;
        this.ifLabel = b.ifLabel;
        this.bid = b.bid;
        this.flags = b.flags;
    }

    static void register(ExtensionRegistry r) {
        r.registerSubtype(ExtensionTypes.MULTIPATH, ExtensionTypes.SUBTYPE_MULTIPATH, "Multipath Extension",
                MultipathExtension::decode);
    }

    static MultipathExtension decode(ExtensionHeader h, byte[] d) {
        if (d.length < 4) {
            throw DecodeException.malformed(h.offset() + 2, "Multipath Extension Length " + d.length + " < 4");
        }
        return builder().ifAtt(d[0]).ifLabel(d[1]).bid(d[2]).flags(d[3]).declaredLength(h.declaredLength())
                .trailing(Bytes.slice(d, 4, d.length - 4)).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = builder().ifAtt(ifAtt).ifLabel(ifLabel).bid(bid).flags(flags).trailing(trailing());
        return hasDeclaredLength() ? b.declaredLength(lengthField()) : b;
    }

    @Override
    public int subtype() {
        return ExtensionTypes.SUBTYPE_MULTIPATH;
    }

    public int ifAtt() {
        return ifAtt;
    }

    public int ifLabel() {
        return ifLabel;
    }

    public int bid() {
        return bid;
    }

    /** The whole flags octet: B (0x80), O (0x40) and the 6 reserved bits. */
    public int flags() {
        return flags;
    }

    public boolean bulkReregistration() {
        return (flags & B_FLAG) != 0;
    }

    public boolean overwrite() {
        return (flags & O_FLAG) != 0;
    }

    public int reserved() {
        return flags & 0x3f;
    }

    @Override
    public ExtensionFormat format() {
        return ExtensionFormat.LONG;
    }

    @Override
    protected int structLength() {
        return 4;
    }

    @Override
    protected void writeStruct(ByteBuffer out) {
        Bytes.putU8(out, ifAtt);
        Bytes.putU8(out, ifLabel);
        Bytes.putU8(out, bid);
        Bytes.putU8(out, flags);
    }

    @Override
    protected List<Field> structFields(int off) {
        return List.of(Fields.named(MipFields.MP_IFATT, "Interface Access Technology Type", ifAtt,
                AccessTechnologyTypes.name(ifAtt), off, 1),
                Fields.num(MipFields.MP_IFLABEL, "Interface Label", ifLabel, off + 1, 1),
                Fields.num(MipFields.MP_BID, "Binding Identifier", bid, off + 2, 1),
                Fields.flags(MipFields.MP_FLAGS, "Flags", flags, off + 3, 1,
                        List.of(Fields.flag(MipFields.MP_B, "Bulk Re-registration (B)", flags, B_FLAG, off + 3, 1),
                                Fields.flag(MipFields.MP_O, "Registration Overwrite (O)", flags, O_FLAG, off + 3, 1),
                                Fields.hexNum(MipFields.MP_RESERVED, "Reserved", flags & 0x3f, off + 3, 1))));
    }

    @Override
    public String title() {
        return "Multipath Extension";
    }

    public static final class Builder extends AbstractExtension.Builder<Builder> {
        private int ifAtt;
        private int ifLabel = 1;
        private int bid = 1;
        private int flags;

        public Builder ifAtt(int v) {
            ifAtt = v & 0xff;
            return this;
        }

        public Builder ifLabel(int v) {
            ifLabel = v & 0xff;
            return this;
        }

        public Builder bid(int v) {
            bid = v & 0xff;
            return this;
        }

        /** The whole flags octet, reserved bits included (to send non-zero reserved bits on purpose). */
        public Builder flags(int v) {
            flags = v & 0xff;
            return this;
        }

        public Builder bulkReregistration(boolean on) {
            flags = on ? flags | B_FLAG : flags & ~B_FLAG;
            return this;
        }

        public Builder overwrite(boolean on) {
            flags = on ? flags | O_FLAG : flags & ~O_FLAG;
            return this;
        }

        public MultipathExtension build() {
            return new MultipathExtension(this);
        }
    }
}

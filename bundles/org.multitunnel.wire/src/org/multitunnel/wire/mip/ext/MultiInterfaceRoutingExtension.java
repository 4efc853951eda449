package org.multitunnel.wire.mip.ext;

import java.nio.ByteBuffer;
import java.util.List;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.internal.Bytes;
import org.multitunnel.wire.mip.internal.Fields;

/**
 * Seed 000 (Multi-Interface Routing draft) §4.1 Multi-Interface Routing Extension, short with subtype, Length 6:
 * Type (never assigned; default {@link ExtensionTypes#DEFAULT_MULTI_INTERFACE_ROUTING}) | Length | Sub-Type (0) |
 * If-Id(8) | F W L Reserved-0(5) | If-Type(8) | Link-Weight(8) | Reserved-1(8). W set: Link-Weight is a weighted
 * ratio; W clear: absolute bandwidth in kilobytes, and L asks the HA to rate-limit to it.
 */
public final class MultiInterfaceRoutingExtension extends AbstractExtension {
    public static final int F_FLAG = 0x80;
    public static final int W_FLAG = 0x40;
    public static final int L_FLAG = 0x20;
    private final int subtype;
    private final int ifId;
    private final int flags;
    private final int ifType;
    private final int linkWeight;
    private final int reserved1;

    private MultiInterfaceRoutingExtension(int type, Builder b) {
        super(type, b.declaredLength, b.trailing);
        this.subtype = b.subtype;
        this.ifId = b.ifId;
        this.flags = b.flags;
        this.ifType = b.ifType;
        this.linkWeight = b.linkWeight;
        this.reserved1 = b.reserved1;
    }

    /** Registers this extension at {@code type} (a preference: the draft's number was never assigned). */
    public static void register(ExtensionRegistry r, int type) {
        r.register(type, ExtensionFormat.SHORT_WITH_SUBTYPE, "Multi-Interface Routing Extension",
                MultiInterfaceRoutingExtension::decode);
    }

    static MultiInterfaceRoutingExtension decode(ExtensionHeader h, byte[] d) {
        if (d.length < 6) {
            throw DecodeException.malformed(h.offset() + 1, "Multi-Interface Routing Length " + d.length + " < 6");
        }
        Builder b = builder().subtype(d[0]).ifId(d[1]).flags(d[2]).ifType(d[3]).linkWeight(d[4]).reserved1(d[5]);
        return b.declaredLength(h.declaredLength()).trailing(Bytes.slice(d, 6, d.length - 6)).build(h.type());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int subtype() {
        return subtype;
    }

    public int ifId() {
        return ifId;
    }

    public int flags() {
        return flags;
    }

    public boolean flowContinuity() {
        return (flags & F_FLAG) != 0;
    }

    public boolean weightedMode() {
        return (flags & W_FLAG) != 0;
    }

    public boolean rateLimit() {
        return (flags & L_FLAG) != 0;
    }

    public int reserved0() {
        return flags & 0x1f;
    }

    public int ifType() {
        return ifType;
    }

    public int linkWeight() {
        return linkWeight;
    }

    public int reserved1() {
        return reserved1;
    }

    @Override
    public ExtensionFormat format() {
        return ExtensionFormat.SHORT_WITH_SUBTYPE;
    }

    @Override
    protected int structLength() {
        return 6;
    }

    @Override
    protected void writeStruct(ByteBuffer out) {
        Bytes.putU8(out, subtype);
        Bytes.putU8(out, ifId);
        Bytes.putU8(out, flags);
        Bytes.putU8(out, ifType);
        Bytes.putU8(out, linkWeight);
        Bytes.putU8(out, reserved1);
    }

    @Override
    protected List<Field> structFields(int off) {
        return List.of(Fields.num(MipFields.EXT_SUBTYPE, "Sub-Type", subtype, off, 1),
                Fields.num(MipFields.MIR_IFID, "Interface Identifier", ifId, off + 1, 1),
                Fields.flags(MipFields.MIR_FLAGS, "Flags", flags, off + 2, 1,
                        List.of(Fields.flag(MipFields.MIR_F, "Flow Continuity (F)", flags, F_FLAG, off + 2, 1),
                                Fields.flag(MipFields.MIR_W, "Weighted Mode (W)", flags, W_FLAG, off + 2, 1),
                                Fields.flag(MipFields.MIR_L, "Rate Limit (L)", flags, L_FLAG, off + 2, 1),
                                Fields.hexNum(MipFields.MIR_RESERVED0, "Reserved-0", flags & 0x1f, off + 2, 1))),
                Fields.num(MipFields.MIR_IFTYPE, "Interface Type", ifType, off + 3, 1),
                Fields.num(MipFields.MIR_WEIGHT, weightedMode() ? "Link-Weight (ratio)" : "Link-Weight (kilobytes)",
                        linkWeight, off + 4, 1),
                Fields.hexNum(MipFields.MIR_RESERVED1, "Reserved-1", reserved1, off + 5, 1));
    }

    @Override
    public String title() {
        return "Multi-Interface Routing Extension";
    }

    public static final class Builder extends AbstractExtension.Builder<Builder> {
        private int subtype;
        private int ifId;
        private int flags;
        private int ifType;
        private int linkWeight;
        private int reserved1;

        public Builder subtype(int v) {
            subtype = v & 0xff;
            return this;
        }

        public Builder ifId(int v) {
            ifId = v & 0xff;
            return this;
        }

        /** The whole flags octet (F 0x80, W 0x40, L 0x20, Reserved-0 0x1f). */
        public Builder flags(int v) {
            flags = v & 0xff;
            return this;
        }

        public Builder flowContinuity(boolean on) {
            flags = on ? flags | F_FLAG : flags & ~F_FLAG;
            return this;
        }

        public Builder weightedMode(boolean on) {
            flags = on ? flags | W_FLAG : flags & ~W_FLAG;
            return this;
        }

        public Builder rateLimit(boolean on) {
            flags = on ? flags | L_FLAG : flags & ~L_FLAG;
            return this;
        }

        public Builder ifType(int v) {
            ifType = v & 0xff;
            return this;
        }

        public Builder linkWeight(int v) {
            linkWeight = v & 0xff;
            return this;
        }

        public Builder reserved1(int v) {
            reserved1 = v & 0xff;
            return this;
        }

        /** Builds at the default type number. */
        public MultiInterfaceRoutingExtension build() {
            return build(ExtensionTypes.DEFAULT_MULTI_INTERFACE_ROUTING);
        }

        public MultiInterfaceRoutingExtension build(int type) {
            return new MultiInterfaceRoutingExtension(type, this);
        }
    }
}

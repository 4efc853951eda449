package org.multitunnel.wire.mip.ext;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.internal.Bytes;
import org.multitunnel.wire.mip.internal.Fields;

/**
 * Seed 001 (draft-gundavelli-mip4-multiple-tunnel-support-02) §4.1 Multiple Tunnel Request Extension, short with
 * subtype: Type (IANA-1, never assigned; default {@link ExtensionTypes#DEFAULT_MULTIPLE_TUNNEL_REQUEST}) | Length |
 * Sub-Type (0) | If-Type(8) | Binding-Id(16) | B O Reserved(14) | Interface Bandwidth.
 *
 * <p>The draft is inconsistent: the text says Length MUST be 6 and If-BW is 16 bits, the figure draws If-BW as a
 * 32-bit row, and Length 6 leaves no room for If-BW at all. So the bandwidth width follows the Length found:
 * 6 → absent, 8 → 16 bits, 10 or more → 32 bits (anything beyond stays trailing); the checker reports which.
 */
public final class MultipleTunnelRequestExtension extends AbstractExtension {
    public static final int B_FLAG = 0x8000;
    public static final int O_FLAG = 0x4000;
    private final int subtype;
    private final int ifType;
    private final int bid;
    private final int flags;
    private final int bandwidthSize;
    private final long bandwidth;

    private MultipleTunnelRequestExtension(int type, Builder b) {
        super(type, b.declaredLength, b.trailing);
        this.subtype = b.subtype;
        this.ifType = b.ifType;
        this.bid = b.bid;
        this.flags = b.flags;
        this.bandwidthSize = b.bandwidthSize;
        this.bandwidth = b.bandwidth;
    }

    /** Registers this extension at {@code type} (a preference: the draft's number was never assigned). */
    public static void register(ExtensionRegistry r, int type) {
        r.register(type, ExtensionFormat.SHORT_WITH_SUBTYPE, "Multiple Tunnel Request Extension",
                MultipleTunnelRequestExtension::decode);
    }

    static MultipleTunnelRequestExtension decode(ExtensionHeader h, byte[] d) {
        if (d.length < 6) {
            throw DecodeException.malformed(h.offset() + 1, "Multiple Tunnel Request Length " + d.length + " < 6");
        }
        Builder b = builder().subtype(d[0]).ifType(d[1]).bid(Bytes.u16(d, 2)).flags(Bytes.u16(d, 4));
        int bw = d.length >= 10 ? 4 : d.length >= 8 ? 2 : 0;
        if (bw == 4) {
            b.bandwidth32(Bytes.u32(d, 6));
        } else if (bw == 2) {
            b.bandwidth16(Bytes.u16(d, 6));
        }
        int used = 6 + bw;
        return b.declaredLength(h.declaredLength()).trailing(Bytes.slice(d, used, d.length - used)).build(h.type());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int subtype() {
        return subtype;
    }

    public int ifType() {
        return ifType;
    }

    public int bid() {
        return bid;
    }

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
        return flags & 0x3fff;
    }

    /** 0 (absent), 2 or 4 bytes. */
    public int bandwidthSize() {
        return bandwidthSize;
    }

    public long bandwidth() {
        return bandwidth;
    }

    @Override
    public ExtensionFormat format() {
        return ExtensionFormat.SHORT_WITH_SUBTYPE;
    }

    @Override
    protected int structLength() {
        return 6 + bandwidthSize;
    }

    @Override
    protected void writeStruct(ByteBuffer out) {
        Bytes.putU8(out, subtype);
        Bytes.putU8(out, ifType);
        Bytes.putU16(out, bid);
        Bytes.putU16(out, flags);
        if (bandwidthSize == 2) {
            Bytes.putU16(out, (int) bandwidth);
        } else if (bandwidthSize == 4) {
            Bytes.putU32(out, bandwidth);
        }
    }

    @Override
    protected List<Field> structFields(int off) {
        List<Field> f = new ArrayList<>(List.of(Fields.num(MipFields.EXT_SUBTYPE, "Sub-Type", subtype, off, 1),
                Fields.named(MipFields.MTR_IFTYPE, "Interface Type", ifType,
                        AccessTechnologyTypes.name(ifType), off + 1, 1),
                Fields.num(MipFields.MTR_BID, "Binding-Id", bid, off + 2, 2),
                Fields.flags(MipFields.MTR_FLAGS, "Flags", flags, off + 4, 2,
                        List.of(Fields.flag(MipFields.MTR_B, "Bulk Re-registration (B)", flags, B_FLAG, off + 4, 2),
                                Fields.flag(MipFields.MTR_O, "Registration Overwrite (O)", flags, O_FLAG, off + 4, 2),
                                Fields.hexNum(MipFields.MTR_RESERVED, "Reserved", flags & 0x3fff, off + 4, 2)))));
        if (bandwidthSize > 0) {
            f.add(Fields.num(MipFields.MTR_BW, "Interface Bandwidth (kilobytes)", bandwidth, off + 6, bandwidthSize));
        }
        return f;
    }

    @Override
    public String title() {
        return "Multiple Tunnel Request Extension";
    }

    public static final class Builder extends AbstractExtension.Builder<Builder> {
        private int subtype;
        private int ifType;
        private int bid;
        private int flags;
        private int bandwidthSize;
        private long bandwidth;

        public Builder subtype(int v) {
            subtype = v & 0xff;
            return this;
        }

        public Builder ifType(int v) {
            ifType = v & 0xff;
            return this;
        }

        public Builder bid(int v) {
            bid = v & 0xffff;
            return this;
        }

        /** The whole 16-bit flags word (B 0x8000, O 0x4000, 14 reserved bits). */
        public Builder flags(int v) {
            flags = v & 0xffff;
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

        /** A 16-bit Interface Bandwidth, as the draft's text describes (Length then 8). */
        public Builder bandwidth16(int kilobytes) {
            bandwidthSize = 2;
            bandwidth = kilobytes & 0xffff;
            return this;
        }

        /** A 32-bit Interface Bandwidth, as the draft's figure draws it (Length then 10). */
        public Builder bandwidth32(long kilobytes) {
            bandwidthSize = 4;
            bandwidth = kilobytes & 0xffffffffL;
            return this;
        }

        public Builder noBandwidth() {
            bandwidthSize = 0;
            bandwidth = 0;
            return this;
        }

        public MultipleTunnelRequestExtension build() {
            return build(ExtensionTypes.DEFAULT_MULTIPLE_TUNNEL_REQUEST);
        }

        public MultipleTunnelRequestExtension build(int type) {
            return new MultipleTunnelRequestExtension(type, this);
        }
    }
}

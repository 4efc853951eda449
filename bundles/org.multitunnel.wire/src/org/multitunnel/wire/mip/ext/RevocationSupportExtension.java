package org.multitunnel.wire.mip.ext;

import java.nio.ByteBuffer;
import java.util.List;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.internal.Bytes;
import org.multitunnel.wire.mip.internal.Fields;

/**
 * RFC 3543 §3.1 Revocation Support Extension (type 137, Length 6): Type | Length | I(1) Reserved(15) |
 * Timestamp(32). Layout as dissected by Wireshark (I = 0x8000 of the 16-bit flags word).
 */
public final class RevocationSupportExtension extends AbstractExtension {
    public static final int I_FLAG = 0x8000;
    private final int flags;
    private final long timestamp;

    private RevocationSupportExtension(int flags, long timestamp, int declaredLength, byte[] trailing) {
        super(ExtensionTypes.REVOCATION_SUPPORT, declaredLength, trailing);
        this.flags = flags & 0xffff;
        this.timestamp = timestamp & 0xffffffffL;
    }

    static void register(ExtensionRegistry r) {
        r.register(ExtensionTypes.REVOCATION_SUPPORT, ExtensionFormat.SHORT, "Revocation Support Extension",
                RevocationSupportExtension::decode);
    }

    static RevocationSupportExtension decode(ExtensionHeader h, byte[] d) {
        if (d.length < 6) {
            throw DecodeException.malformed(h.offset() + 1, "revocation support Length " + d.length + " < 6");
        }
        return new RevocationSupportExtension(Bytes.u16(d, 0), Bytes.u32(d, 2), h.declaredLength(),
                Bytes.slice(d, 6, d.length - 6));
    }

    public static RevocationSupportExtension of(boolean iBit, long timestamp) {
        return new RevocationSupportExtension(iBit ? I_FLAG : 0, timestamp, -1, new byte[0]);
    }

    public int flags() {
        return flags;
    }

    public boolean iBit() {
        return (flags & I_FLAG) != 0;
    }

    public long timestamp() {
        return timestamp;
    }

    @Override
    public ExtensionFormat format() {
        return ExtensionFormat.SHORT;
    }

    @Override
    protected int structLength() {
        return 6;
    }

    @Override
    protected void writeStruct(ByteBuffer out) {
        Bytes.putU16(out, flags);
        Bytes.putU32(out, timestamp);
    }

    @Override
    protected List<Field> structFields(int off) {
        return List.of(Fields.flags(MipFields.REXT_FLAGS, "Rev Ext Flags", flags, off, 2,
                List.of(Fields.flag(MipFields.REXT_I, "'I' bit Support", flags, I_FLAG, off, 2),
                        Fields.hexNum(MipFields.REXT_RESERVED, "Reserved", flags & 0x7fff, off, 2))),
                Fields.num(MipFields.REXT_TSTAMP, "Timestamp", timestamp, off + 2, 4));
    }

    @Override
    public String title() {
        return "Revocation Support Extension";
    }
}

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
 * RFC 3115 vendor/organization specific extensions, kept as typed raw: the vendor id and vendor type are parsed,
 * the value stays bytes.
 * <ul>
 * <li>CVSE (type 38, critical): Type | Reserved(8) | Length(16) | Vendor/Org-ID(32) | CVSE-Type(16) | Value —
 * framed like the long format, the Reserved octet in the Sub-Type position.</li>
 * <li>NVSE (type 134, normal): Type | Length(8) | Reserved(16) | Vendor/Org-ID(32) | NVSE-Type(16) | Value.</li>
 * </ul>
 */
public final class VendorExtension extends AbstractExtension {
    private final boolean critical;
    private final int reserved;
    private final long vendorId;
    private final int vendorType;
    private final byte[] value;

    private VendorExtension(boolean critical, int reserved, long vendorId, int vendorType, byte[] value,
            int declaredLength) {
        super(critical ? ExtensionTypes.CVSE : ExtensionTypes.NVSE, declaredLength, new byte[0]);
        this.critical = critical;
        this.reserved = reserved;
        this.vendorId = vendorId & 0xffffffffL;
        this.vendorType = vendorType & 0xffff;
        this.value = value;
    }

    static void register(ExtensionRegistry r) {
        r.register(ExtensionTypes.CVSE, ExtensionFormat.LONG, "Critical Vendor/Organization Specific Extension",
                (h, d) -> {
                    if (d.length < 6) {
                        throw DecodeException.malformed(h.offset() + 2, "CVSE Length " + d.length + " < 6");
                    }
                    return new VendorExtension(true, h.subtype(), Bytes.u32(d, 0), Bytes.u16(d, 4),
                            Bytes.slice(d, 6, d.length - 6), h.declaredLength());
                });
        r.register(ExtensionTypes.NVSE, ExtensionFormat.SHORT, "Normal Vendor/Organization Specific Extension",
                (h, d) -> {
                    if (d.length < 8) {
                        throw DecodeException.malformed(h.offset() + 1, "NVSE Length " + d.length + " < 8");
                    }
                    return new VendorExtension(false, Bytes.u16(d, 0), Bytes.u32(d, 2), Bytes.u16(d, 6),
                            Bytes.slice(d, 8, d.length - 8), h.declaredLength());
                });
    }

    public static VendorExtension cvse(long vendorId, int vendorType, byte[] value) {
        return new VendorExtension(true, 0, vendorId, vendorType, Bytes.copy(value), -1);
    }

    public static VendorExtension nvse(long vendorId, int vendorType, byte[] value) {
        return new VendorExtension(false, 0, vendorId, vendorType, Bytes.copy(value), -1);
    }

    public boolean critical() {
        return critical;
    }

    public long vendorId() {
        return vendorId;
    }

    public int vendorType() {
        return vendorType;
    }

    public byte[] value() {
        return value.clone();
    }

    @Override
    public int subtype() {
        return critical ? reserved : -1;
    }

    @Override
    public ExtensionFormat format() {
        return critical ? ExtensionFormat.LONG : ExtensionFormat.SHORT;
    }

    @Override
    protected int structLength() {
        return (critical ? 6 : 8) + value.length;
    }

    @Override
    protected void writeStruct(ByteBuffer out) {
        if (!critical) {
            Bytes.putU16(out, reserved);
        }
        Bytes.putU32(out, vendorId);
        Bytes.putU16(out, vendorType);
        out.put(value);
    }

    @Override
    protected List<Field> headerFields(int offset) {
        if (!critical) {
            return super.headerFields(offset);
        }
        List<Field> f = new ArrayList<>();
        f.add(Fields.num(MipFields.EXT_TYPE, "Extension Type", type(), offset, 1));
        f.add(Fields.hexNum(MipFields.CVSE_RESERVED, "CVSE Reserved", reserved, offset + 1, 1));
        f.add(Fields.num(MipFields.EXT_LEN, "Extension Length", lengthField(), offset + 2, 2));
        return f;
    }

    @Override
    protected List<Field> structFields(int off) {
        List<Field> f = new ArrayList<>();
        int o = off;
        if (!critical) {
            f.add(Fields.hexNum(MipFields.NVSE_RESERVED, "NVSE Reserved", reserved, o, 2));
            o += 2;
        }
        f.add(Fields.num(critical ? MipFields.CVSE_VENDOR_ID : MipFields.NVSE_VENDOR_ID, "Vendor/Org ID", vendorId,
                o, 4));
        f.add(Fields.hexNum(critical ? MipFields.CVSE_VENDOR_TYPE : MipFields.NVSE_VENDOR_TYPE, "Vendor Type",
                vendorType, o + 4, 2));
        f.add(Fields.bytes(critical ? MipFields.CVSE_VENDOR_VALUE : MipFields.NVSE_VENDOR_VALUE, "Vendor Value",
                value, o + 6));
        return f;
    }

    @Override
    public String title() {
        return critical ? "Critical Vendor/Organization Specific Extension"
                : "Normal Vendor/Organization Specific Extension";
    }
}

package org.multitunnel.wire.mip.ext;

import java.nio.ByteBuffer;
import java.util.List;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.internal.Bytes;
import org.multitunnel.wire.mip.internal.Fields;

/**
 * RFC 4433 §3.1 Dynamic HA Extension (type 139, short with subtype): Type | Length (5) | Sub-Type (1 requested HA,
 * 2 redirected HA) | Home Agent Address(32).
 */
public final class DynamicHaExtension extends AbstractExtension {
    private final int subtype;
    private final int homeAgent;

    private DynamicHaExtension(int subtype, int homeAgent, int declaredLength, byte[] trailing) {
        super(ExtensionTypes.DYNAMIC_HA, declaredLength, trailing);
        this.subtype = subtype & 0xff;
        this.homeAgent = homeAgent;
    }

    static void register(ExtensionRegistry r) {
        r.register(ExtensionTypes.DYNAMIC_HA, ExtensionFormat.SHORT_WITH_SUBTYPE, "Dynamic HA Extension",
                DynamicHaExtension::decode);
    }

    static DynamicHaExtension decode(ExtensionHeader h, byte[] d) {
        if (d.length < 5) {
            throw DecodeException.malformed(h.offset() + 1, "dynamic HA Length " + d.length + " < 5");
        }
        return new DynamicHaExtension(d[0], Bytes.i32(d, 1), h.declaredLength(), Bytes.slice(d, 5, d.length - 5));
    }

    public static DynamicHaExtension of(int subtype, String homeAgent) {
        return new DynamicHaExtension(subtype, Bytes.parseIpv4(homeAgent), -1, new byte[0]);
    }

    @Override
    public int subtype() {
        return subtype;
    }

    public String homeAgent() {
        return Bytes.ipv4(homeAgent);
    }

    @Override
    public ExtensionFormat format() {
        return ExtensionFormat.SHORT_WITH_SUBTYPE;
    }

    @Override
    protected int structLength() {
        return 5;
    }

    @Override
    protected void writeStruct(ByteBuffer out) {
        Bytes.putU8(out, subtype);
        out.putInt(homeAgent);
    }

    @Override
    protected List<Field> structFields(int off) {
        return List.of(Fields.num(MipFields.DYNHA_SUBTYPE, "DynHA Ext SubType", subtype, off, 1),
                Fields.ipv4(MipFields.DYNHA_HA, "DynHA Home Agent", homeAgent, off + 1));
    }

    @Override
    public String title() {
        return "Dynamic HA Extension";
    }
}

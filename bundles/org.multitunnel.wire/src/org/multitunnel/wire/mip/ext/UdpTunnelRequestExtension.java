package org.multitunnel.wire.mip.ext;

import java.nio.ByteBuffer;
import java.util.List;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.internal.Bytes;
import org.multitunnel.wire.mip.internal.Fields;

/**
 * RFC 3519 §3.1 UDP Tunnel Request Extension (type 144, short with subtype, Length 6): Type | Length | Sub-Type |
 * Reserved 1 | F R Reserved 2 (8) | Encapsulation (4 IP-in-IP, 47 GRE, 55 minimal) | Reserved 3 (16).
 * Layout as Wireshark dissects it (F = 0x80: force UDP tunnelling, R = 0x40: FA registration required).
 */
public final class UdpTunnelRequestExtension extends AbstractExtension {
    public static final int F_FLAG = 0x80;
    public static final int R_FLAG = 0x40;
    private final int subtype;
    private final int reserved1;
    private final int flags;
    private final int encapsulation;
    private final int reserved3;

    private UdpTunnelRequestExtension(int subtype, int reserved1, int flags, int encapsulation, int reserved3,
            int declaredLength, byte[] trailing) {
        super(ExtensionTypes.UDP_TUNNEL_REQUEST, declaredLength, trailing);
        this.subtype = subtype & 0xff;
        this.reserved1 = reserved1 & 0xff;
        this.flags = flags & 0xff;
        this.encapsulation = encapsulation & 0xff;
        this.reserved3 = reserved3 & 0xffff;
    }

    static void register(ExtensionRegistry r) {
        r.register(ExtensionTypes.UDP_TUNNEL_REQUEST, ExtensionFormat.SHORT_WITH_SUBTYPE,
                "UDP Tunnel Request Extension", UdpTunnelRequestExtension::decode);
    }

    static UdpTunnelRequestExtension decode(ExtensionHeader h, byte[] d) {
        if (d.length < 6) {
            throw DecodeException.malformed(h.offset() + 1, "UDP tunnel request Length " + d.length + " < 6");
        }
        return new UdpTunnelRequestExtension(d[0], d[1], d[2], d[3], Bytes.u16(d, 4), h.declaredLength(),
                Bytes.slice(d, 6, d.length - 6));
    }

    /** A request for {@code encapsulation} (an IP protocol number), F and R as given. */
    public static UdpTunnelRequestExtension of(int encapsulation, boolean force, boolean faRequired) {
        return new UdpTunnelRequestExtension(0, 0, (force ? F_FLAG : 0) | (faRequired ? R_FLAG : 0), encapsulation,
                0, -1, new byte[0]);
    }

    @Override
    public int subtype() {
        return subtype;
    }

    public int flags() {
        return flags;
    }

    public int encapsulation() {
        return encapsulation;
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
        Bytes.putU8(out, reserved1);
        Bytes.putU8(out, flags);
        Bytes.putU8(out, encapsulation);
        Bytes.putU16(out, reserved3);
    }

    @Override
    protected List<Field> structFields(int off) {
        return List.of(Fields.num(MipFields.UTRQ_SUBTYPE, "UDP TunReq Ext SubType", subtype, off, 1),
                Fields.hexNum(MipFields.UTRQ_RESERVED1, "Reserved 1", reserved1, off + 1, 1),
                Fields.flags(MipFields.UTRQ_FLAGS, "UDP TunReq Ext Flags", flags, off + 2, 1,
                        List.of(Fields.flag(MipFields.UTRQ_F, "Req Forced", flags, F_FLAG, off + 2, 1),
                                Fields.flag(MipFields.UTRQ_R, "FA Registration Required", flags, R_FLAG, off + 2, 1),
                                Fields.hexNum(MipFields.UTRQ_RESERVED2, "Reserved 2", flags & 0x3f, off + 2, 1))),
                Fields.num(MipFields.UTRQ_ENCAPTYPE, "UDP Encap Type", encapsulation, off + 3, 1),
                Fields.hexNum(MipFields.UTRQ_RESERVED3, "Reserved 3", reserved3, off + 4, 2));
    }

    @Override
    public String title() {
        return "UDP Tunnel Request Extension";
    }
}

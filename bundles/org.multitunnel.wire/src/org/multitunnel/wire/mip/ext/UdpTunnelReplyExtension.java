package org.multitunnel.wire.mip.ext;

import java.nio.ByteBuffer;
import java.util.List;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.internal.Bytes;
import org.multitunnel.wire.mip.internal.Fields;

/**
 * RFC 3519 §3.2 UDP Tunnel Reply Extension (type 44, short with subtype, Length 6): Type | Length | Sub-Type |
 * Reply Code (0 will tunnel, 64 declined) | F(1) Reserved(15) | Keepalive Interval(16, seconds). Layout as
 * Wireshark dissects it.
 */
public final class UdpTunnelReplyExtension extends AbstractExtension {
    public static final int F_FLAG = 0x8000;
    private final int subtype;
    private final int replyCode;
    private final int flags;
    private final int keepalive;

    private UdpTunnelReplyExtension(int subtype, int replyCode, int flags, int keepalive, int declaredLength,
            byte[] trailing) {
        super(ExtensionTypes.UDP_TUNNEL_REPLY, declaredLength, trailing);
        this.subtype = subtype & 0xff;
        this.replyCode = replyCode & 0xff;
        this.flags = flags & 0xffff;
        this.keepalive = keepalive & 0xffff;
    }

    static void register(ExtensionRegistry r) {
        r.register(ExtensionTypes.UDP_TUNNEL_REPLY, ExtensionFormat.SHORT_WITH_SUBTYPE, "UDP Tunnel Reply Extension",
                UdpTunnelReplyExtension::decode);
    }

    static UdpTunnelReplyExtension decode(ExtensionHeader h, byte[] d) {
        if (d.length < 6) {
            throw DecodeException.malformed(h.offset() + 1, "UDP tunnel reply Length " + d.length + " < 6");
        }
        return new UdpTunnelReplyExtension(d[0], d[1], Bytes.u16(d, 2), Bytes.u16(d, 4), h.declaredLength(),
                Bytes.slice(d, 6, d.length - 6));
    }

    public static UdpTunnelReplyExtension of(int replyCode, boolean forced, int keepaliveSeconds) {
        return new UdpTunnelReplyExtension(0, replyCode, forced ? F_FLAG : 0, keepaliveSeconds, -1, new byte[0]);
    }

    @Override
    public int subtype() {
        return subtype;
    }

    public int replyCode() {
        return replyCode;
    }

    public int flags() {
        return flags;
    }

    public int keepalive() {
        return keepalive;
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
        Bytes.putU8(out, replyCode);
        Bytes.putU16(out, flags);
        Bytes.putU16(out, keepalive);
    }

    @Override
    protected List<Field> structFields(int off) {
        return List.of(Fields.num(MipFields.UTRP_SUBTYPE, "UDP TunRep Ext SubType", subtype, off, 1),
                Fields.num(MipFields.UTRP_CODE, "UDP TunRep Code", replyCode, off + 1, 1),
                Fields.flags(MipFields.UTRP_FLAGS, "UDP TunRep Ext Flags", flags, off + 2, 2,
                        List.of(Fields.flag(MipFields.UTRP_F, "Rep Forced", flags, F_FLAG, off + 2, 2),
                                Fields.hexNum(MipFields.UTRP_RESERVED, "Reserved", flags & 0x7fff, off + 2, 2))),
                Fields.num(MipFields.UTRP_KEEPALIVE, "Keepalive Interval", keepalive, off + 4, 2));
    }

    @Override
    public String title() {
        return "UDP Tunnel Reply Extension";
    }
}

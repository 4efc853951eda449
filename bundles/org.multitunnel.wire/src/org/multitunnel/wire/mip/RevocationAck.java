package org.multitunnel.wire.mip;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.ext.ExtensionListDecoder;
import org.multitunnel.wire.mip.ext.ExtensionRegistry;
import org.multitunnel.wire.mip.ext.MipExtension;
import org.multitunnel.wire.mip.internal.Bytes;
import org.multitunnel.wire.mip.internal.Fields;

/**
 * RFC 3543 §6.2 Registration Revocation Acknowledgement (type 15), 12 fixed bytes then extensions:
 * Type | Reserved(8) | I Reserved(15) | Home Address | Revocation Identifier(32). Layout and field names as
 * Wireshark's packet-mip.c.
 */
public final class RevocationAck implements MipMessage {
    public static final int FIXED_LENGTH = 12;
    public static final int I_FLAG = 0x8000;

    private final int reserved;
    private final int flags;
    private final int homeAddress;
    private final long revocationId;
    private final List<MipExtension> extensions;

    public RevocationAck(int reserved, int flags, String homeAddress, long revocationId,
            List<MipExtension> extensions) {
        this(reserved, flags, Bytes.parseIpv4(homeAddress), revocationId, extensions);
    }

    private RevocationAck(int reserved, int flags, int homeAddress, long revocationId, List<MipExtension> exts) {
        this.reserved = reserved & 0xff;
        this.flags = flags & 0xffff;
        this.homeAddress = homeAddress;
        this.revocationId = revocationId & 0xffffffffL;
        this.extensions = List.copyOf(exts);
    }

    static RevocationAck decode(byte[] b, int off, int end, ExtensionRegistry r) {
        Bytes.require(off, end, FIXED_LENGTH, "Registration Revocation Acknowledgement");
        return new RevocationAck(Bytes.u8(b, off + 1), Bytes.u16(b, off + 2), Bytes.i32(b, off + 4),
                Bytes.u32(b, off + 8), ExtensionListDecoder.decode(b, off + FIXED_LENGTH, end, r));
    }

    @Override
    public int type() {
        return MessageTypes.REVOCATION_ACK;
    }

    public int flags() {
        return flags;
    }

    public boolean inform() {
        return (flags & I_FLAG) != 0;
    }

    public String homeAddress() {
        return Bytes.ipv4(homeAddress);
    }

    public long revocationId() {
        return revocationId;
    }

    @Override
    public List<MipExtension> extensions() {
        return extensions;
    }

    @Override
    public int fixedLength() {
        return FIXED_LENGTH;
    }

    @Override
    public void encodeFixed(ByteBuffer out) {
        Bytes.putU8(out, MessageTypes.REVOCATION_ACK);
        Bytes.putU8(out, reserved);
        Bytes.putU16(out, flags);
        out.putInt(homeAddress);
        Bytes.putU32(out, revocationId);
    }

    @Override
    public List<Field> fixedFields(int o) {
        List<Field> f = new ArrayList<>();
        f.add(Fields.named(MipFields.TYPE, "Message Type", type(), "Registration Revocation Acknowledgement", o, 1));
        f.add(Fields.hexNum(MipFields.ACK_RESERVED, "Reserved", reserved, o + 1, 1));
        f.add(Fields.flags(MipFields.FLAGS2, "Flags", flags, o + 2, 2, List.of(
                Fields.flag(MipFields.ACK_I, "Inform", flags, I_FLAG, o + 2, 2),
                Fields.hexNum(MipFields.ACK_RESERVED2, "Reserved", flags & 0x7fff, o + 2, 2))));
        f.add(Fields.ipv4(MipFields.HOMEADDR, "Home Address", homeAddress, o + 4));
        f.add(Fields.num(MipFields.REVID, "Revocation Identifier", revocationId, o + 8, 4));
        return f;
    }

    @Override
    public String summary() {
        return "Registration Revocation Ack HoA=" + homeAddress();
    }
}

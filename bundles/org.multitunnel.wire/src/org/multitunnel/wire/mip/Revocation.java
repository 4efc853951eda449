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
 * RFC 3543 §6.1 Registration Revocation (type 7), 20 fixed bytes then extensions (an FA-HA authentication
 * extension in practice): Type | Reserved(8) | A I Reserved(14) | Home Address | Home Domain Address |
 * Foreign Domain Address | Revocation Identifier(32). A: sent by the home agent; I: inform the mobile node.
 * Layout and field names as Wireshark's packet-mip.c.
 */
public final class Revocation implements MipMessage {
    public static final int FIXED_LENGTH = 20;
    public static final int A_FLAG = 0x8000;
    public static final int I_FLAG = 0x4000;

    private final int reserved;
    private final int flags;
    private final int homeAddress;
    private final int homeDomainAddress;
    private final int foreignDomainAddress;
    private final long revocationId;
    private final List<MipExtension> extensions;

    public Revocation(int reserved, int flags, String homeAddress, String homeDomainAddress,
            String foreignDomainAddress, long revocationId, List<MipExtension> extensions) {
        this(reserved, flags, Bytes.parseIpv4(homeAddress), Bytes.parseIpv4(homeDomainAddress),
                Bytes.parseIpv4(foreignDomainAddress), revocationId, extensions);
    }

    private Revocation(int reserved, int flags, int homeAddress, int hda, int fda, long revocationId,
            List<MipExtension> extensions) {
        this.reserved = reserved & 0xff;
        this.flags = flags & 0xffff;
        this.homeAddress = homeAddress;
        this.homeDomainAddress = hda;
        this.foreignDomainAddress = fda;
        this.revocationId = revocationId & 0xffffffffL;
        this.extensions = List.copyOf(extensions);
    }

    static Revocation decode(byte[] b, int off, int end, ExtensionRegistry r) {
        Bytes.require(off, end, FIXED_LENGTH, "Registration Revocation");
        return new Revocation(Bytes.u8(b, off + 1), Bytes.u16(b, off + 2), Bytes.i32(b, off + 4),
                Bytes.i32(b, off + 8), Bytes.i32(b, off + 12), Bytes.u32(b, off + 16),
                ExtensionListDecoder.decode(b, off + FIXED_LENGTH, end, r));
    }

    @Override
    public int type() {
        return MessageTypes.REVOCATION;
    }

    public int flags() {
        return flags;
    }

    public boolean sentByHomeAgent() {
        return (flags & A_FLAG) != 0;
    }

    public boolean inform() {
        return (flags & I_FLAG) != 0;
    }

    public String homeAddress() {
        return Bytes.ipv4(homeAddress);
    }

    public String homeDomainAddress() {
        return Bytes.ipv4(homeDomainAddress);
    }

    public String foreignDomainAddress() {
        return Bytes.ipv4(foreignDomainAddress);
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
        Bytes.putU8(out, MessageTypes.REVOCATION);
        Bytes.putU8(out, reserved);
        Bytes.putU16(out, flags);
        out.putInt(homeAddress);
        out.putInt(homeDomainAddress);
        out.putInt(foreignDomainAddress);
        Bytes.putU32(out, revocationId);
    }

    @Override
    public List<Field> fixedFields(int o) {
        List<Field> f = new ArrayList<>();
        f.add(Fields.named(MipFields.TYPE, "Message Type", type(), "Registration Revocation", o, 1));
        f.add(Fields.hexNum(MipFields.REV_RESERVED, "Reserved", reserved, o + 1, 1));
        f.add(Fields.flags(MipFields.FLAGS2, "Flags", flags, o + 2, 2, List.of(
                Fields.flag(MipFields.REV_A, "Home Agent", flags, A_FLAG, o + 2, 2),
                Fields.flag(MipFields.REV_I, "Inform", flags, I_FLAG, o + 2, 2),
                Fields.hexNum(MipFields.REV_RESERVED2, "Reserved", flags & 0x3fff, o + 2, 2))));
        f.add(Fields.ipv4(MipFields.HOMEADDR, "Home Address", homeAddress, o + 4));
        f.add(Fields.ipv4(MipFields.REV_HDA, "Home Domain Address", homeDomainAddress, o + 8));
        f.add(Fields.ipv4(MipFields.REV_FDA, "Foreign Domain Address", foreignDomainAddress, o + 12));
        f.add(Fields.num(MipFields.REVID, "Revocation Identifier", revocationId, o + 16, 4));
        return f;
    }

    @Override
    public String summary() {
        return "Registration Revocation HoA=" + homeAddress() + " HDA=" + homeDomainAddress() + " FDA="
                + foreignDomainAddress();
    }
}

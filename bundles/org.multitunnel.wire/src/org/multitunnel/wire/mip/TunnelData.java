package org.multitunnel.wire.mip;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.ext.MipExtension;
import org.multitunnel.wire.mip.internal.Bytes;
import org.multitunnel.wire.mip.internal.Fields;

/**
 * RFC 3519 §3.3 tunnel data message (type 4) on UDP port 434: Type | Next Header (4 IP-in-IP, 47 GRE, 55 minimal
 * encapsulation) | Reserved(16) | tunnelled payload. The payload is kept as bytes here; the dissector hands it on
 * by Next Header.
 */
public final class TunnelData implements MipMessage {
    public static final int HEADER_LENGTH = 4;
    private final int nextHeader;
    private final int reserved;
    private final byte[] payload;

    public TunnelData(int nextHeader, int reserved, byte[] payload) {
        this.nextHeader = nextHeader & 0xff;
        this.reserved = reserved & 0xffff;
        this.payload = Bytes.copy(payload);
    }

    static TunnelData decode(byte[] b, int off, int end) {
        Bytes.require(off, end, HEADER_LENGTH, "UDP tunnel data header");
        return new TunnelData(Bytes.u8(b, off + 1), Bytes.u16(b, off + 2),
                Bytes.slice(b, off + HEADER_LENGTH, end - off - HEADER_LENGTH));
    }

    @Override
    public int type() {
        return MessageTypes.TUNNEL_DATA;
    }

    public int nextHeader() {
        return nextHeader;
    }

    public int reserved() {
        return reserved;
    }

    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public int fixedLength() {
        return HEADER_LENGTH + payload.length;
    }

    @Override
    public void encodeFixed(ByteBuffer out) {
        Bytes.putU8(out, MessageTypes.TUNNEL_DATA);
        Bytes.putU8(out, nextHeader);
        Bytes.putU16(out, reserved);
        out.put(payload);
    }

    /** Header fields only; the payload is a layer of its own. */
    @Override
    public List<Field> fixedFields(int o) {
        List<Field> f = new ArrayList<>();
        f.add(Fields.named(MipFields.TYPE, "Message Type", type(), "Tunnel Data", o, 1));
        f.add(Fields.num(MipFields.NATTT_NEXTHDR, "NATTT NextHeader", nextHeader, o + 1, 1));
        f.add(Fields.hexNum(MipFields.NATTT_RESERVED, "Reserved", reserved, o + 2, 2));
        return f;
    }

    @Override
    public List<MipExtension> extensions() {
        return List.of();
    }

    @Override
    public String summary() {
        return "Tunnel Data: Next Header=" + nextHeader + " (" + payload.length + " bytes)";
    }
}

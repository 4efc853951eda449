package org.multitunnel.wire.tunnel;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Layer;

/**
 * ERSPAN type II (GRE protocol 0x88be, draft-foschiano-erspan §4.2): an 8-byte header — version, VLAN, CoS,
 * encapsulation type, truncated bit, session id, reserved, index — before a mirrored Ethernet frame. A payload
 * whose version nibble is not 1 is taken as type I (no header, the Ethernet frame directly). Here so GRE captures
 * of mirrored traffic dissect as deep as tshark does.
 */
public final class ErspanDissector implements Dissector {
    @Override
    public Field dissect(DissectContext ctx, ByteBuffer buf, int offset, int length) {
        Layer l = new Layer(buf, offset, length);
        int version = (l.u8(offset, "ERSPAN version") & 0xf0) >>> 4;
        if (version != 1) {
            ctx.next(DissectorRegistry.ETHERTYPE, 0x6558, buf, offset, l.end() - offset);
            return null;
        }
        l.need(offset, 8, "ERSPAN type II header");
        l.bits("erspan.version", "Version", offset, 2, 0xf000);
        l.bits("erspan.vlan", "Vlan", offset, 2, 0x0fff);
        l.bits("erspan.cos", "COS", offset + 2, 2, 0xe000);
        l.bits("erspan.encap", "Encap", offset + 2, 2, 0x1800);
        l.bits("erspan.truncated", "Truncated", offset + 2, 2, 0x0400);
        l.bits("erspan.spanid", "SpanID", offset + 2, 2, 0x03ff);
        l.bits("erspan.reserved", "Reserved", offset + 4, 4, 0xfff00000L);
        l.bits("erspan.index", "Index", offset + 4, 4, 0x000fffffL);
        ctx.next(DissectorRegistry.ETHERTYPE, 0x6558, buf, offset + 8, l.end() - offset - 8);
        return l.build("erspan", "Encapsulated Remote Switch Packet ANalysis Type II", 8);
    }
}

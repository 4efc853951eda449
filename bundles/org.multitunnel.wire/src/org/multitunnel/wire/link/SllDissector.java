package org.multitunnel.wire.link;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Layer;

/**
 * Linux cooked capture v1 (LINKTYPE 113) and v2 (LINKTYPE 276), with Wireshark's sll.* names. The protocol field
 * is an EtherType when it is at least 0x0600 (sll.etype), otherwise a Linux "ltype" (sll.ltype) left raw.
 */
public final class SllDissector implements Dissector {
    private final boolean v2;

    private SllDissector(boolean v2) {
        this.v2 = v2;
    }

    public static SllDissector v1() {
        return new SllDissector(false);
    }

    public static SllDissector v2() {
        return new SllDissector(true);
    }

    @Override
    public Field dissect(DissectContext ctx, ByteBuffer buf, int offset, int length) {
        Layer l = new Layer(buf, offset, length);
        int size = v2 ? Sll2Header.SIZE : SllHeader.SIZE;
        l.need(offset, size, v2 ? "SLL2 header" : "SLL header");
        if (v2) {
            int proto = (int) l.hex(protocolName(l.u16(offset, "protocol")), "Protocol", offset, 2);
            l.hex("sll.reserved", "Reserved", offset + 2, 2);
            l.uint("sll.ifindex", "Interface index", offset + 4, 4);
            l.uint("sll.hatype", "Link-layer address type", offset + 8, 2);
            l.uint("sll.pkttype", "Packet type", offset + 10, 1);
            int halen = (int) l.uint("sll.halen", "Link-layer address length", offset + 11, 1);
            source(l, offset + 12, halen);
            return finish(ctx, buf, l, proto, offset + size, size, "Linux cooked capture v2");
        }
        l.uint("sll.pkttype", "Packet type", offset, 2);
        l.uint("sll.hatype", "Link-layer address type", offset + 2, 2);
        int halen = (int) l.uint("sll.halen", "Link-layer address length", offset + 4, 2);
        source(l, offset + 6, halen);
        int proto = (int) l.hex(protocolName(l.u16(offset + 14, "protocol")), "Protocol", offset + 14, 2);
        return finish(ctx, buf, l, proto, offset + size, size, "Linux cooked capture v1");
    }

    private static void source(Layer l, int addrOff, int halen) {
        if (halen == 6) {
            l.mac("sll.src.eth", "Source", addrOff);
            l.raw("sll.unused", "Unused", addrOff + 6, 2);
        } else {
            int n = Math.min(halen, 8);
            if (n > 0) {
                l.raw("sll.src.other", "Source", addrOff, n);
            }
            if (n < 8) {
                l.raw("sll.unused", "Unused", addrOff + n, 8 - n);
            }
        }
    }

    private static String protocolName(int proto) {
        return proto >= 0x0600 ? "sll.etype" : "sll.ltype";
    }

    private static Field finish(DissectContext ctx, ByteBuffer buf, Layer l, int proto, int payload, int size,
            String title) {
        if (proto >= 0x0600) {
            ctx.next(DissectorRegistry.ETHERTYPE, proto, buf, payload, l.end() - payload);
        } else {
            ctx.data(buf, payload, l.end() - payload);
        }
        return l.build("sll", title, size);
    }
}

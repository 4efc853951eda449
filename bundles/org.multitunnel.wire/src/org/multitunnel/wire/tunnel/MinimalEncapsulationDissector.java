package org.multitunnel.wire.tunnel;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Layer;
import org.multitunnel.wire.ip.InternetChecksum;

/**
 * Minimal encapsulation within IP (RFC 2004, IP protocol 55). Shows the rebuilt inner header view — the inner
 * protocol, the original destination and (S=1) original source; with S=0 the original source is the outer IP
 * source (RFC 2004 §3) — verifies the header checksum, and dispatches the inner transport payload by its protocol.
 * Wireshark has no dissector for it, so the names minenc.* are ours.
 */
public final class MinimalEncapsulationDissector implements Dissector {
    @Override
    public Field dissect(DissectContext ctx, ByteBuffer buf, int offset, int length) {
        MinimalEncapsulationHeader h = MinimalEncapsulationHeader.decode(buf, offset, length);
        Layer l = new Layer(buf, offset, length);
        l.uint("minenc.proto", "Protocol", offset, 1);
        l.flag("minenc.s", "Original Source Address Present (S)", offset + 1, 1, 0x80);
        l.bits("minenc.reserved", "Reserved", offset + 1, 1, 0x7f);
        l.hex("minenc.checksum", "Header Checksum", offset + 2, 2);
        boolean good = InternetChecksum.compute(buf, offset, h.size()) == 0;
        l.add(Field.leaf("minenc.checksum.status", "[Header checksum status: " + (good ? "Good" : "Bad") + "]",
                good ? 1L : 0L, offset + 2, 2));
        l.ipv4("minenc.dst", "Original Destination Address", offset + 4);
        if (h.sourcePresent()) {
            l.ipv4("minenc.src", "Original Source Address", offset + 8);
        }
        int payload = offset + h.size();
        ctx.next(DissectorRegistry.IP_PROTO, h.protocol(), buf, payload, l.end() - payload);
        return l.build("minenc", "Minimal Encapsulation within IP", h.size());
    }
}

package org.multitunnel.wire.link;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Layer;

/**
 * An MPLS label stack entry (EtherType 0x8847/0x8848, RFC 3032 §2.1): label(20) | TC(3) | S(1) | TTL(8). Entries
 * repeat until S; below the stack the IP version nibble picks IPv4 or IPv6 (RFC 3032 has no payload type).
 * Here so IP carried over MPLS backbones is not lost to the analysis.
 */
public final class MplsDissector implements Dissector {
    @Override
    public Field dissect(DissectContext ctx, ByteBuffer buf, int offset, int length) {
        Layer l = new Layer(buf, offset, length);
        l.need(offset, 4, "MPLS label stack entry");
        long label = l.bits("mpls.label", "MPLS Label", offset, 4, 0xfffff000L);
        l.bits("mpls.exp", "MPLS Experimental Bits", offset, 4, 0x00000e00L);
        boolean bottom = l.bits("mpls.bottom", "MPLS Bottom Of Label Stack", offset, 4, 0x00000100L) != 0;
        l.bits("mpls.ttl", "MPLS TTL", offset, 4, 0x000000ffL);
        int payload = offset + 4;
        int rest = l.end() - payload;
        if (!bottom) {
            ctx.next(DissectorRegistry.ETHERTYPE, 0x8847, buf, payload, rest);
        } else if (rest > 0) {
            int v = (buf.get(payload) & 0xf0) >>> 4;
            if (v == 4 || v == 6) {
                ctx.next(DissectorRegistry.ETHERTYPE, v == 4 ? 0x0800 : 0x86dd, buf, payload, rest);
            } else {
                ctx.data(buf, payload, rest);
            }
        }
        return l.build("mpls", "MultiProtocol Label Switching Header, Label: " + label, 4);
    }
}

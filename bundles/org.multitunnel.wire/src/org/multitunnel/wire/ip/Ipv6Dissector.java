package org.multitunnel.wire.ip;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Layer;

/**
 * IPv6 fixed header (RFC 8200 §3) with Wireshark's ipv6.* names. The payload, bounded by the payload length (or
 * the capture when it is 0, a jumbogram or TSO), goes to the ip.proto table, where the extension headers and
 * upper layers are registered alike.
 */
public final class Ipv6Dissector implements Dissector {
    @Override
    public Field dissect(DissectContext ctx, ByteBuffer buf, int offset, int length) {
        Layer l = new Layer(buf, offset, length);
        Ipv6Header h;
        try {
            h = Ipv6Header.decode(buf, offset, length);
        } catch (DecodeException e) {
            if (l.remaining(offset) > 0) {
                l.bits("ipv6.version", "Version", offset, 1, 0xf0);
            }
            return l.partial(ctx, e, "ipv6", "Internet Protocol Version 6");
        }
        l.bits("ipv6.version", "Version", offset, 1, 0xf0);
        l.bits("ipv6.tclass", "Traffic Class", offset, 4, 0x0ff00000L);
        l.bits("ipv6.flow", "Flow Label", offset, 4, 0x000fffffL);
        l.uint("ipv6.plen", "Payload Length", offset + 4, 2);
        l.uint("ipv6.nxt", "Next Header", offset + 6, 1);
        l.uint("ipv6.hlim", "Hop Limit", offset + 7, 1);
        String src = l.ipv6("ipv6.src", "Source Address", offset + 8);
        String dst = l.ipv6("ipv6.dst", "Destination Address", offset + 24);
        int payload = offset + Ipv6Header.SIZE;
        int avail = l.end() - payload;
        int payloadLen = h.payloadLength() == 0 ? avail : Math.min(h.payloadLength(), avail);
        ctx.next(DissectorRegistry.IP_PROTO, h.nextHeader(), buf, payload, payloadLen);
        return l.build("ipv6", "Internet Protocol Version 6, Src: " + src + ", Dst: " + dst, Ipv6Header.SIZE);
    }
}

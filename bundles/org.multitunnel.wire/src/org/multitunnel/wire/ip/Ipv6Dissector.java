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
        String title = "Internet Protocol Version 6";
        try {
            int version = (l.u8(offset, "IPv6 version") & 0xf0) >>> 4;
            l.bits("ipv6.version", "Version", offset, 1, 0xf0);
            if (version != 6) {
                throw DecodeException.malformed(offset, "IPv6 version is " + version);
            }
            // field by field, so a cut header still shows what was captured (as tshark does)
            l.bits("ipv6.tclass", "Traffic Class", offset, 4, 0x0ff00000L);
            l.bits("ipv6.flow", "Flow Label", offset, 4, 0x000fffffL);
            int plen = (int) l.uint("ipv6.plen", "Payload Length", offset + 4, 2);
            int next = (int) l.uint("ipv6.nxt", "Next Header", offset + 6, 1);
            l.uint("ipv6.hlim", "Hop Limit", offset + 7, 1);
            String src = l.ipv6("ipv6.src", "Source Address", offset + 8);
            String dst = l.ipv6("ipv6.dst", "Destination Address", offset + 24);
            title += ", Src: " + src + ", Dst: " + dst;
            int payload = offset + Ipv6Header.SIZE;
            int avail = l.end() - payload;
            int payloadLen = plen == 0 ? avail : Math.min(plen, avail);
            ctx.next(DissectorRegistry.IP_PROTO, next, buf, payload, payloadLen);
            return l.build("ipv6", title, Ipv6Header.SIZE);
        } catch (DecodeException e) {
            return l.partial(ctx, e, "ipv6", title);
        }
    }
}

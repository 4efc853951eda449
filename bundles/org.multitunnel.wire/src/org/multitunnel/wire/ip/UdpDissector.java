package org.multitunnel.wire.ip;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Layer;

/**
 * UDP (RFC 768) with Wireshark's udp.* names. The checksum is shown but not verified (udp.checksum.status 2,
 * "unverified", Wireshark's default), because the pseudo-header lives in the parent layer. The payload — bounded
 * by udp.length when it is sane — goes to the udp.port table, the lower registered port first (Wireshark's order).
 */
public final class UdpDissector implements Dissector {
    @Override
    public Field dissect(DissectContext ctx, ByteBuffer buf, int offset, int length) {
        Layer l = new Layer(buf, offset, length);
        try {
            // field by field, so a cut header still shows its ports (as tshark does)
            l.uint("udp.srcport", "Source Port", offset, 2);
            l.uint("udp.dstport", "Destination Port", offset + 2, 2);
            l.uint("udp.length", "Length", offset + 4, 2);
            l.hex("udp.checksum", "Checksum", offset + 6, 2);
        } catch (DecodeException e) {
            return l.partial(ctx, e, "udp", "User Datagram Protocol");
        }
        UdpHeader h = UdpHeader.decode(buf, offset, length);
        l.add(Field.leaf("udp.checksum.status", "[Checksum Status: Unverified]", 2L, offset + 6, 2));
        int payload = offset + UdpHeader.SIZE;
        int avail = l.end() - payload;
        int payloadLen = h.length() >= UdpHeader.SIZE ? Math.min(h.length() - UdpHeader.SIZE, avail) : avail;
        dispatch(ctx, DissectorRegistry.UDP_PORT, h.sourcePort(), h.destinationPort(), buf, payload, payloadLen);
        return l.build("udp", "User Datagram Protocol, Src Port: " + h.sourcePort() + ", Dst Port: "
                + h.destinationPort(), UdpHeader.SIZE);
    }

    /** Lower port first when both have a dissector; raw data when neither has. Shared with TCP. */
    static void dispatch(DissectContext ctx, String table, int src, int dst, ByteBuffer buf, int off, int len) {
        int low = Math.min(src, dst);
        int high = Math.max(src, dst);
        int port = ctx.registry().lookup(table, low) != null ? low : high;
        ctx.next(table, port, buf, off, len);
    }
}

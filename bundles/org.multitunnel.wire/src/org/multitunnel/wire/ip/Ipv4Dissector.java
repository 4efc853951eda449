package org.multitunnel.wire.ip;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Addresses;
import org.multitunnel.wire.dissect.Layer;

/**
 * IPv4 (RFC 791) with Wireshark's ip.* names; verifies the header checksum (ip.checksum.status: 1 good, 0 bad, as
 * Wireshark with ip.check_checksum on), keeps options as typed raw nodes, and hands the payload — bounded by the
 * total length — to the ip.proto table. Fragments other than a whole datagram stay raw (no reassembly here).
 */
public final class Ipv4Dissector implements Dissector {
    @Override
    public Field dissect(DissectContext ctx, ByteBuffer buf, int offset, int length) {
        Layer l = new Layer(buf, offset, length);
        Ipv4Header h;
        try {
            h = Ipv4Header.decode(buf, offset, length);
        } catch (DecodeException e) {
            if (l.remaining(offset) > 0) {
                l.bits("ip.version", "Version", offset, 1, 0xf0); // as tshark, show the version that was wrong
            }
            return l.partial(ctx, e, "ip", "Internet Protocol Version 4");
        }
        int hl = h.ihl() * 4;
        l.bits("ip.version", "Version", offset, 1, 0xf0);
        l.add(Field.leaf("ip.hdr_len", "Header Length: " + hl + " bytes (" + h.ihl() + ")", (long) hl, offset, 1));
        l.hex("ip.dsfield", "Differentiated Services Field", offset + 1, 1);
        l.uint("ip.len", "Total Length", offset + 2, 2);
        l.hex("ip.id", "Identification", offset + 4, 2);
        l.bits("ip.flags", "Flags", offset + 6, 1, 0xe0);
        l.flag("ip.flags.rb", "Reserved bit", offset + 6, 1, 0x80);
        l.flag("ip.flags.df", "Don't fragment", offset + 6, 1, 0x40);
        l.flag("ip.flags.mf", "More fragments", offset + 6, 1, 0x20);
        l.bits("ip.frag_offset", "Fragment Offset", offset + 6, 2, 0x1fff);
        l.uint("ip.ttl", "Time to Live", offset + 8, 1);
        l.uint("ip.proto", "Protocol", offset + 9, 1);
        l.hex("ip.checksum", "Header Checksum", offset + 10, 2);
        boolean good = InternetChecksum.compute(buf, offset, hl) == 0;
        l.add(Field.leaf("ip.checksum.status", "[Header checksum status: " + (good ? "Good" : "Bad") + "]",
                good ? 1L : 0L, offset + 10, 2));
        l.ipv4("ip.src", "Source Address", offset + 12);
        l.ipv4("ip.dst", "Destination Address", offset + 16);
        if (hl > Ipv4Header.MIN_SIZE) {
            l.add(Ipv4Options.dissect(buf, offset + Ipv4Header.MIN_SIZE, hl - Ipv4Header.MIN_SIZE));
        }
        int payload = offset + hl;
        int payloadLen = Math.min(h.totalLength(), l.end() - offset) - hl;
        boolean whole = (h.flags() & 1) == 0 && h.fragmentOffset() == 0;
        if (payloadLen > 0) {
            if (whole) {
                ctx.next(DissectorRegistry.IP_PROTO, h.protocol(), buf, payload, payloadLen);
            } else {
                ctx.data(buf, payload, payloadLen);
            }
        }
        return l.build("ip", "Internet Protocol Version 4, Src: " + Addresses.ipv4(h.source()) + ", Dst: "
                + Addresses.ipv4(h.destination()), hl);
    }
}

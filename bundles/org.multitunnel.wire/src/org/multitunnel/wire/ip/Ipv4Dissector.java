package org.multitunnel.wire.ip;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
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
        String title = "Internet Protocol Version 4";
        try {
            int version = (l.u8(offset, "IPv4 version") & 0xf0) >>> 4;
            l.bits("ip.version", "Version", offset, 1, 0xf0);
            if (version != 4) {
                throw DecodeException.malformed(offset, "IPv4 version is " + version);
            }
            // field by field, so a cut header still shows what was captured (as tshark does)
            int hl = (buf.get(offset) & 0x0f) * 4;
            l.add(Field.leaf("ip.hdr_len", "Header Length: " + hl + " bytes (" + hl / 4 + ")", (long) hl, offset, 1));
            l.hex("ip.dsfield", "Differentiated Services Field", offset + 1, 1);
            int total = (int) l.uint("ip.len", "Total Length", offset + 2, 2);
            l.hex("ip.id", "Identification", offset + 4, 2);
            l.bits("ip.flags", "Flags", offset + 6, 1, 0xe0);
            l.flag("ip.flags.rb", "Reserved bit", offset + 6, 1, 0x80);
            l.flag("ip.flags.df", "Don't fragment", offset + 6, 1, 0x40);
            boolean more = l.flag("ip.flags.mf", "More fragments", offset + 6, 1, 0x20);
            long fragOffset = l.bits("ip.frag_offset", "Fragment Offset", offset + 6, 2, 0x1fff);
            l.uint("ip.ttl", "Time to Live", offset + 8, 1);
            int proto = (int) l.uint("ip.proto", "Protocol", offset + 9, 1);
            l.hex("ip.checksum", "Header Checksum", offset + 10, 2);
            // verified when the whole header was captured (1 good, 0 bad), else 2 "unverified" as tshark
            if (hl < Ipv4Header.MIN_SIZE || hl > l.end() - offset) {
                l.add(Field.leaf("ip.checksum.status", "[Header checksum status: Unverified]", 2L, offset + 10, 2));
            } else {
                boolean good = InternetChecksum.compute(buf, offset, hl) == 0;
                l.add(Field.leaf("ip.checksum.status", "[Header checksum status: " + (good ? "Good" : "Bad") + "]",
                        good ? 1L : 0L, offset + 10, 2));
            }
            String src = l.ipv4("ip.src", "Source Address", offset + 12);
            String dst = l.ipv4("ip.dst", "Destination Address", offset + 16);
            title += ", Src: " + src + ", Dst: " + dst;
            // Validate as Ipv4Header.decode does (IHL >= 5, options captured, total length >= header length).
            Ipv4Header.decode(buf, offset, length);
            if (hl > Ipv4Header.MIN_SIZE) {
                l.add(Ipv4Options.dissect(buf, offset + Ipv4Header.MIN_SIZE, hl - Ipv4Header.MIN_SIZE));
            }
            int payload = offset + hl;
            int captured = l.end() - offset;
            int payloadLen = Math.min(total, captured) - hl;
            // Whole datagrams are dissected. A first fragment is dissected too when the capture cut it (it could
            // not be reassembled anyway) — Wireshark's behaviour; other fragments stay raw (no reassembly here).
            boolean dissectPayload = fragOffset == 0 && (!more || captured < total);
            if (payloadLen > 0) {
                if (dissectPayload) {
                    ctx.next(DissectorRegistry.IP_PROTO, proto, buf, payload, payloadLen);
                } else {
                    ctx.data(buf, payload, payloadLen);
                }
            }
            return l.build("ip", title, hl);
        } catch (DecodeException e) {
            return l.partial(ctx, e, "ip", title);
        }
    }
}

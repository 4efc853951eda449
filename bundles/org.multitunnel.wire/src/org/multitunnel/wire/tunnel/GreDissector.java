package org.multitunnel.wire.tunnel;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Layer;
import org.multitunnel.wire.ip.InternetChecksum;

/**
 * GRE (IP protocol 47; RFC 2784, RFC 2890) with Wireshark's gre.* names. Verifies the checksum when present
 * (gre.checksum.status 1 good / 0 bad) and dispatches the payload by EtherType in gre.proto (0x0800 IPv4 — Mobile
 * IP's GRE tunnel, RFC 5944 §4.2 —, 0x86dd IPv6, 0x6558 Ethernet, ...).
 */
public final class GreDissector implements Dissector {
    /** Payload dissectors that differ inside GRE from their plain EtherType form, by protocol type. */
    public static final String GRE_PROTO_TABLE = "gre.proto";

    @Override
    public Field dissect(DissectContext ctx, ByteBuffer buf, int offset, int length) {
        Layer l = new Layer(buf, offset, length);
        StringBuilder title = new StringBuilder("Generic Routing Encapsulation");
        try {
            int fv = l.u16(offset, "GRE flags and version");
            l.hex("gre.flags_and_version", "Flags and Version", offset, 2);
            l.flag("gre.flags.checksum", "Checksum Bit", offset, 2, GreHeader.C);
            l.flag("gre.flags.routing", "Routing Bit", offset, 2, GreHeader.R);
            l.flag("gre.flags.key", "Key Bit", offset, 2, GreHeader.K);
            l.flag("gre.flags.sequence_number", "Sequence Number Bit", offset, 2, GreHeader.S);
            l.flag("gre.flags.strict_source_route", "Strict Source Route Bit", offset, 2, 0x0800);
            l.bits("gre.flags.recursion_control", "Recursion control", offset, 2, 0x0700);
            l.bits("gre.flags.reserved", "Flags (Reserved)", offset, 2, 0x00f8);
            l.bits("gre.flags.version", "Version", offset, 2, 0x0007);
            int proto = (int) l.hex("gre.proto", "Protocol Type", offset + 2, 2);
            title.append(String.format(" (0x%04x)", proto));
            int p = offset + GreHeader.BASE;
            if ((fv & (GreHeader.C | GreHeader.R)) != 0) {
                l.hex("gre.checksum", "Checksum", p, 2);
                if ((fv & GreHeader.C) != 0) {
                    boolean good = InternetChecksum.compute(buf, offset, l.end() - offset) == 0;
                    l.add(Field.leaf("gre.checksum.status", "[Checksum Status: " + (good ? "Good" : "Bad") + "]",
                            good ? 1L : 0L, p, 2));
                }
                l.uint("gre.offset", "Offset", p + 2, 2);
                p += 4;
            }
            if ((fv & GreHeader.K) != 0) {
                long key = l.hex("gre.key", "Key", p, 4);
                title.append(", Key: ").append(key);
                p += 4;
            }
            if ((fv & GreHeader.S) != 0) {
                l.uint("gre.sequence_number", "Sequence Number", p, 4);
                p += 4;
            }
            if ((fv & GreHeader.R) != 0) {
                int routing = GreHeader.decode(buf, offset, length).routing().length;
                l.raw("gre.routing", "Routing", p, routing);
                p += routing;
            }
            // GRE-specific layouts (the "gre.proto" table) win over the plain EtherType table.
            String table = ctx.registry().lookup(GRE_PROTO_TABLE, proto) != null ? GRE_PROTO_TABLE
                    : DissectorRegistry.ETHERTYPE;
            ctx.next(table, proto, buf, p, l.end() - p);
            return l.build("gre", title.toString(), p - offset);
        } catch (DecodeException e) {
            return l.partial(ctx, e, "gre", title.toString());
        }
    }
}

package org.multitunnel.wire.ip;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Layer;

/**
 * ICMP for IPv4 (RFC 792) with Wireshark's icmp.* names and a verified checksum (icmp.checksum.status 1 good,
 * 0 bad). Mobile IP agent discovery: Router Advertisement (9) with the RFC 5944 §2.1 extensions — Mobility Agent
 * Advertisement (16), Prefix-Lengths (19), One-byte Padding (0), others raw — and Router/Agent Solicitation (10).
 * Error messages (3, 4, 5, 11, 12) carry the offending IPv4 header, which is dissected as a further layer.
 */
public final class IcmpDissector implements Dissector {
    @Override
    public Field dissect(DissectContext ctx, ByteBuffer buf, int offset, int length) {
        Layer l = new Layer(buf, offset, length);
        l.need(offset, IcmpMessage.HEADER, "ICMP header");
        int type = (int) l.uint("icmp.type", "Type", offset, 1);
        l.uint("icmp.code", "Code", offset + 1, 1);
        l.hex("icmp.checksum", "Checksum", offset + 2, 2);
        int size = l.end() - offset;
        boolean good = InternetChecksum.compute(buf, offset, size) == 0;
        l.add(Field.leaf("icmp.checksum.status", "[Checksum Status: " + (good ? "Good" : "Bad") + "]",
                good ? 1L : 0L, offset + 2, 2));
        int p = offset + 4;
        if (type == 9) {
            routerAdvertisement(l, p);
        } else if (type == 10) {
            l.raw("icmp.reserved", "Reserved", p, 4);
        } else if (type == 0 || type == 8 || type == 13 || type == 14) {
            l.uint("icmp.ident", "Identifier (BE)", p, 2);
            l.uint("icmp.seq", "Sequence Number (BE)", p + 2, 2);
            if (l.end() > p + 4) {
                l.raw("data.data", "Data", p + 4, l.end() - p - 4);
            }
        } else if (type == 3 || type == 4 || type == 5 || type == 11 || type == 12) {
            l.need(p, 4, "ICMP error header");
            ctx.next(DissectorRegistry.ETHERTYPE, 0x0800, buf, p + 4, l.end() - p - 4);
        } else if (l.end() > p) {
            l.raw("data.data", "Data", p, l.end() - p);
        }
        return l.build("icmp", "Internet Control Message Protocol", size);
    }

    /** RFC 1256 §3 router list, then RFC 5944 §2.1 extensions to the end of the message. */
    private static void routerAdvertisement(Layer l, int p) {
        int n = (int) l.uint("icmp.num_addrs", "Number of addresses", p, 1);
        int entry = (int) l.uint("icmp.addr_entry_size", "Address entry size", p + 1, 1);
        l.uint("icmp.lifetime", "Lifetime", p + 2, 2);
        if (entry < 2) {
            throw DecodeException.malformed(p + 1, "router advertisement address entry size " + entry + " is below 2");
        }
        int q = p + 4;
        for (int i = 0; i < n; i++) {
            l.ipv4("icmp.router_address", "Router address", q);
            long pref = l.u32(q + 4, "preference level");
            l.add(Field.leaf("icmp.pref_level", "Preference level: " + (int) pref, (long) (int) pref, q + 4, 4));
            q += entry * 4;
        }
        l.need(p, q - p, "router address list");
        while (q < l.end()) {
            q = extension(l, q);
        }
    }

    private static int extension(Layer l, int q) {
        Layer e = new Layer(l.buf(), q, l.end() - q);
        int type = (int) e.uint("icmp.mip.type", "Extension Type", q, 1);
        if (type == 0) {
            l.add(e.build("icmp.mip", "One-byte Padding", 1));
            return q + 1;
        }
        int len = (int) e.uint("icmp.mip.length", "Length", q + 1, 1);
        e.need(q + 2, len, "agent advertisement extension");
        int d = q + 2;
        String title;
        if (type == AgentAdvertisement.EXT_MOBILITY_AGENT) {
            title = "Mobility Agent Advertisement Extension";
            if (len < 6) {
                throw DecodeException.malformed(q + 1, "mobility agent advertisement length " + len + " is below 6");
            }
            e.uint("icmp.mip.seq", "Sequence Number", d, 2);
            e.uint("icmp.mip.life", "Registration Lifetime", d + 2, 2);
            e.hex("icmp.mip.flags", "Flags", d + 4, 2);
            e.flag("icmp.mip.r", "Registration Required", d + 4, 2, AgentAdvertisement.R);
            e.flag("icmp.mip.b", "Busy", d + 4, 2, AgentAdvertisement.B);
            e.flag("icmp.mip.h", "Home Agent", d + 4, 2, AgentAdvertisement.H);
            e.flag("icmp.mip.f", "Foreign Agent", d + 4, 2, AgentAdvertisement.F);
            e.flag("icmp.mip.m", "Minimal Encapsulation", d + 4, 2, AgentAdvertisement.M);
            e.flag("icmp.mip.g", "GRE", d + 4, 2, AgentAdvertisement.G);
            e.flag("icmp.mip.v", "r (formerly VJ Compression)", d + 4, 2, AgentAdvertisement.RESERVED_R);
            e.flag("icmp.mip.rt", "Reverse tunneling", d + 4, 2, AgentAdvertisement.T);
            e.flag("icmp.mip.u", "UDP tunneling", d + 4, 2, AgentAdvertisement.U);
            e.flag("icmp.mip.x", "Revocation support", d + 4, 2, AgentAdvertisement.X);
            e.flag("icmp.mip.i", "Regional registration (I)", d + 4, 2, AgentAdvertisement.I);
            e.bits("icmp.mip.reserved", "Reserved", d + 4, 2, 0x001f);
            for (int c = d + 6; c + 4 <= d + len; c += 4) {
                e.ipv4("icmp.mip.coa", "Care-Of-Address", c);
            }
            if ((len - 6) % 4 != 0) {
                e.raw("icmp.mip.content", "Trailing bytes", d + len - (len - 6) % 4, (len - 6) % 4);
            }
        } else if (type == AgentAdvertisement.EXT_PREFIX_LENGTHS) {
            title = "Prefix-Lengths Extension";
            for (int i = 0; i < len; i++) {
                e.uint("icmp.mip.prefixlength", "Prefix Length", d + i, 1);
            }
        } else {
            title = "Extension (" + type + ")";
            if (len > 0) {
                e.raw("icmp.mip.content", "Content", d, len);
            }
        }
        l.add(e.build("icmp.mip", title, 2 + len));
        return d + len;
    }
}

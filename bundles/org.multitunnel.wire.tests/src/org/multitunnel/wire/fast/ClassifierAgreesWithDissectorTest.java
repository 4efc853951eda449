package org.multitunnel.wire.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Addresses;
import org.multitunnel.wire.dissect.Dissection;
import org.multitunnel.wire.dissect.PacketDissector;
import org.multitunnel.wire.dissect.TestPcap;

/**
 * Property: on every packet of the public and the project's own captures, what the hot-path classifier reports
 * (outer addresses and length, GRE key, inner addresses, Mobile IP header, MH type) is what the field-tree
 * dissector shows for the same bytes. Two independent implementations of the same layouts keep each other honest.
 */
class ClassifierAgreesWithDissectorTest {
    @Test
    void classifierAndDissectorAgreeOnEveryCapturedPacket() throws Exception {
        List<Path> files = new ArrayList<>(TestPcap.publicPcaps());
        try (Stream<Path> s = Files.list(TestPcap.PUBLIC.getParent())) {
            s.filter(p -> p.toString().endsWith(".pcap") || p.toString().endsWith(".pcapng")).forEach(files::add);
        }
        PacketDissector dissector = new PacketDissector();
        PacketSummary s = new PacketSummary();
        int checked = 0, tunnelled = 0, signalling = 0;
        List<String> wrong = new ArrayList<>();
        for (Path f : files) {
            TestPcap.Capture c = TestPcap.read(f);
            for (TestPcap.Record r : c.records()) {
                ByteBuffer b = r.data();
                PacketKind kind = PacketClassifier.classify(r.linkType(), b, 0, b.limit(), s);
                if (kind == PacketKind.MALFORMED || kind == PacketKind.OTHER) {
                    continue;
                }
                Dissection d = dissector.dissectFull(r.linkType(), b);
                String at = f.getFileName() + " frame " + r.frame() + " (" + s + "): ";
                if (s.ipVersion() == 4) {
                    expect(wrong, at + "ip.src", Addresses.ipv4(s.outerSrc()), d.find("ip.src"));
                    expect(wrong, at + "ip.dst", Addresses.ipv4(s.outerDst()), d.find("ip.dst"));
                    expect(wrong, at + "ip.len", (long) s.outerTotalLength(), d.find("ip.len"));
                }
                if (s.greKeyPresent() && s.encapsulation() == TunnelEncapsulation.GRE) {
                    expect(wrong, at + "gre.key", s.greKey(), d.find("gre.key"));
                }
                if (kind == PacketKind.TUNNEL_DATA && s.innerVersion() == 4
                        && s.encapsulation() != TunnelEncapsulation.MINENC) {
                    List<Field> src = all(d, "ip.src");
                    if (src.size() >= 2) {
                        expect(wrong, at + "inner ip.src", Addresses.ipv4(s.innerSrc()), src.get(1));
                        expect(wrong, at + "inner ip.dst", Addresses.ipv4(s.innerDst()), all(d, "ip.dst").get(1));
                    }
                    tunnelled++;
                }
                if (kind == PacketKind.TUNNEL_DATA && s.encapsulation() == TunnelEncapsulation.MINENC) {
                    expect(wrong, at + "minenc.dst", Addresses.ipv4(s.innerDst()), d.find("minenc.dst"));
                    tunnelled++;
                }
                if (kind == PacketKind.MIP_SIGNALLING && (s.mipType() == 1 || s.mipType() == 3)) {
                    expect(wrong, at + "mip.type", (long) s.mipType(), d.find("mip.type"));
                    expect(wrong, at + "mip.homeaddr", Addresses.ipv4(s.homeAddress()), d.find("mip.homeaddr"));
                    expect(wrong, at + "mip.haaddr", Addresses.ipv4(s.homeAgent()), d.find("mip.haaddr"));
                    expect(wrong, at + "mip.life", (long) s.mipLifetime(), d.find("mip.life"));
                    if (s.mipType() == 1) {
                        expect(wrong, at + "mip.coa", Addresses.ipv4(s.careOfAddress()), d.find("mip.coa"));
                    } else {
                        expect(wrong, at + "mip.code", (long) s.mipCode(), d.find("mip.code"));
                    }
                    signalling++;
                }
                if (kind == PacketKind.MIP6_MOBILITY) {
                    expect(wrong, at + "mip6.mhtype", (long) s.mhType(), d.find("mip6.mhtype"));
                }
                checked++;
            }
        }
        assertEquals(List.of(), wrong.subList(0, Math.min(30, wrong.size())));
        assertTrue(checked > 1000 && tunnelled > 100 && signalling > 10,
                "too little compared: " + checked + " / " + tunnelled + " / " + signalling);
    }

    private static List<Field> all(Dissection d, String name) {
        return d.layers().stream().flatMap(l -> l.findAll(name).stream()).toList();
    }

    private static void expect(List<String> wrong, String what, Object expected, Field actual) {
        Object v = actual == null ? null : actual.value();
        if (!expected.equals(v)) {
            wrong.add(what + ": classifier " + expected + ", dissector " + v);
        }
    }
}

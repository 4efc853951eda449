package org.multitunnel.wire.tunnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.multitunnel.wire.dissect.TestBytes.all;
import static org.multitunnel.wire.dissect.TestBytes.buf;
import static org.multitunnel.wire.dissect.TestBytes.field;
import static org.multitunnel.wire.dissect.TestBytes.value;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.dissect.Addresses;
import org.multitunnel.wire.dissect.Dissection;
import org.multitunnel.wire.dissect.LinkTypes;
import org.multitunnel.wire.dissect.PacketDissector;
import org.multitunnel.wire.ip.Ipv4Header;

/** IP in IP, GRE with C/K/S, minimal encapsulation (RFC 2004): fields, inner dispatch, errors, builders. */
class TunnelDissectorTest {
    /** Inner IPv4 (10.1.0.5 -> 10.2.0.9, UDP 5000 -> 53, no payload). */
    static final String INNER = "4500001c12344000" + "4011" + "148d" + "0a010005" + "0a020009"
            + "1388" + "0035" + "0008" + "0000";
    static final String GRE = "b000" // C, K and S set, version 0
            + "0800" // protocol type IPv4
            + "3409" // checksum over GRE header and payload (correct)
            + "0000" // reserved1
            + "0000002a" // key 42
            + "00000007" // sequence number 7
            + INNER;

    private final PacketDissector dissector = new PacketDissector();

    private static String outer(int proto, int payloadLength) {
        return Hex.encode(Ipv4Header.builder().protocol(proto).ttl(64).source(Addresses.parseIpv4("192.0.2.1"))
                .destination(Addresses.parseIpv4("198.51.100.7")).header(payloadLength).encode(new byte[0]));
    }

    @Test
    void decodesGreWithChecksumKeyAndSequence() {
        List<Field> l = dissector.dissect(LinkTypes.IPV4, buf(outer(47, GRE.length() / 2) + GRE));
        assertEquals(0xb000L, value(l, "gre.flags_and_version"));
        assertEquals(20, field(l, "gre.flags_and_version").offset());
        assertEquals(1L, value(l, "gre.flags.checksum"));
        assertEquals(0L, value(l, "gre.flags.routing"));
        assertEquals(1L, value(l, "gre.flags.key"));
        assertEquals(1L, value(l, "gre.flags.sequence_number"));
        assertEquals(0L, value(l, "gre.flags.version"));
        assertEquals(0x0800L, value(l, "gre.proto"));
        assertEquals(0x3409L, value(l, "gre.checksum"));
        assertEquals(24, field(l, "gre.checksum").offset());
        assertEquals(1L, value(l, "gre.checksum.status"));
        assertEquals(42L, value(l, "gre.key"));
        assertEquals(28, field(l, "gre.key").offset());
        assertEquals(7L, value(l, "gre.sequence_number"));
        assertEquals(32, field(l, "gre.sequence_number").offset());
        // the inner packet follows the outer one in packet order
        assertEquals(List.of("192.0.2.1", "10.1.0.5"), all(l, "ip.src").stream().map(Field::value).toList());
        assertEquals(53L, value(l, "udp.dstport"));
        assertEquals(List.of("ip", "gre", "ip", "udp"), l.stream().map(Field::name).toList());
    }

    @Test
    void flagsABadGreChecksum() {
        String bad = GRE.substring(0, 8) + "3408" + GRE.substring(12);
        assertEquals(0L, value(dissector.dissect(LinkTypes.IPV4, buf(outer(47, bad.length() / 2) + bad)),
                "gre.checksum.status"));
    }

    @Test
    void truncatedGreKeepsTheFieldsBeforeTheCut() {
        String cut = GRE.substring(0, 20); // flags, protocol, checksum, reserved, half the key
        Dissection d = dissector.dissectFull(LinkTypes.IPV4, buf(outer(47, cut.length() / 2) + cut));
        assertEquals(DecodeException.Kind.TRUNCATED, d.errors().get(0).kind());
        assertEquals(28, d.errors().get(0).offset());
        assertEquals(0x0800L, value(d.layers(), "gre.proto"));
        assertNull(d.layers().get(1).find("gre.key"));
    }

    @Test
    void greBuilderSetsBitsFromFieldsAndRoundTrips() {
        byte[] inner = Hex.decode(INNER);
        byte[] built = GreHeader.builder().withChecksum(true).key(42).sequence(7).build(inner);
        assertEquals(GRE, Hex.encode(built));
        GreHeader h = GreHeader.decode(ByteBuffer.wrap(built), 0, built.length);
        assertEquals(42L, h.key());
        assertArrayEquals(built, h.encode(inner));
        byte[] wrong = GreHeader.builder().withChecksum(true).fixChecksum(false).checksum(0x1111).build(inner);
        assertEquals("800008001111", Hex.encode(wrong).substring(0, 12));
    }

    @Test
    void decodesIpInIpAndIpv6InIp() {
        List<Field> l = dissector.dissect(LinkTypes.IPV4, buf(outer(4, INNER.length() / 2) + INNER));
        assertEquals(List.of(4L, 17L), all(l, "ip.proto").stream().map(Field::value).toList());
        assertEquals("10.2.0.9", all(l, "ip.dst").get(1).value());
        String v6 = "60000000" + "0000" + "3b" + "40" + "20010db8000000000000000000000001"
                + "20010db8000000000000000000000002";
        List<Field> six = dissector.dissect(LinkTypes.IPV4, buf(outer(41, v6.length() / 2) + v6));
        assertEquals("2001:db8::2", value(six, "ipv6.dst"));
    }

    @Test
    void decodesMinimalEncapsulationWithOriginalSource() {
        String minenc = "11" // inner protocol UDP
                + "80" // S set: original source present
                + "3868" // header checksum over these 12 bytes (correct)
                + "0a010005" // original destination 10.1.0.5 (the mobile node)
                + "ac100001" // original source 172.16.0.1
                + "13880035" + "0008" + "0000"; // inner UDP 5000 -> 53
        List<Field> l = dissector.dissect(LinkTypes.IPV4, buf(outer(55, minenc.length() / 2) + minenc));
        assertEquals(17L, value(l, "minenc.proto"));
        assertEquals(1L, value(l, "minenc.s"));
        assertEquals(0x3868L, value(l, "minenc.checksum"));
        assertEquals(1L, value(l, "minenc.checksum.status"));
        assertEquals("10.1.0.5", value(l, "minenc.dst"));
        assertEquals(24, field(l, "minenc.dst").offset());
        assertEquals("172.16.0.1", value(l, "minenc.src"));
        assertEquals(28, field(l, "minenc.src").offset());
        assertEquals(5000L, value(l, "udp.srcport"));
        assertEquals(32, field(l, "udp.srcport").offset());
    }

    @Test
    void minimalEncapsulationWithoutSourceIsEightBytesAndRoundTrips() {
        String minenc = "06" + "00" + "eff9" + "0a010005"; // TCP, S clear, checksum, original destination
        List<Field> l = dissector.dissect(LinkTypes.IPV4, buf(outer(55, 8) + minenc));
        assertEquals(0L, value(l, "minenc.s"));
        assertNull(l.get(1).find("minenc.src"));
        assertEquals(8, l.get(1).length());
        byte[] built = MinimalEncapsulationHeader.builder().protocol(6)
                .originalDestination(Addresses.parseIpv4("10.1.0.5")).build(new byte[0]);
        assertEquals(minenc, Hex.encode(built));
        MinimalEncapsulationHeader h = MinimalEncapsulationHeader.decode(ByteBuffer.wrap(built), 0, 8);
        assertArrayEquals(built, h.encode(new byte[0]));
    }

    @Test
    void truncatedMinimalHeaderIsATypedError() {
        Dissection d = dissector.dissectFull(LinkTypes.IPV4, buf(outer(55, 10) + "1180" + "3868" + "0a010005" + "ac10"));
        assertEquals(DecodeException.Kind.TRUNCATED, d.errors().get(0).kind());
        assertEquals(20, d.errors().get(0).offset());
    }

    @Test
    void everyGreFrameOfThePublicCaptureReEncodesByteForByte() throws Exception {
        int checked = 0;
        for (String name : List.of("tcpdump-mobility-gre/various_gre.pcap", "tcpdump-mobility-gre/erspan-type-ii-3.pcap",
                "tcpdump-mobility-gre/wccp_redirect_gre.pcap")) {
            org.multitunnel.wire.dissect.TestPcap.Capture c = org.multitunnel.wire.dissect.TestPcap.publicCapture(name);
            for (org.multitunnel.wire.dissect.TestPcap.Record r : c.records()) {
                Field ip = dissector.dissect(c.linkType(), r.data()).stream().filter(f -> f.name().equals("ip"))
                        .findFirst().orElse(null);
                if (ip == null || !Long.valueOf(47).equals(ip.find("ip.proto").value())) {
                    continue;
                }
                ByteBuffer b = r.data();
                int ipOff = ip.offset();
                Ipv4Header h = Ipv4Header.decode(b, ipOff, b.limit() - ipOff);
                int greOff = ipOff + h.headerLength();
                int end = Math.min(b.limit(), ipOff + h.totalLength());
                GreHeader g = GreHeader.decode(b, greOff, end - greOff);
                byte[] payload = new byte[end - greOff - g.size()];
                b.get(greOff + g.size(), payload);
                byte[] expected = new byte[end - ipOff];
                b.get(ipOff, expected);
                assertArrayEquals(expected, h.encode(g.encode(payload)), name + " frame " + r.frame());
                checked++;
            }
        }
        assertEquals(30 + 108 + 1, checked);
    }

    @Test
    void classifierSeesGreKeysInThePublicCapture() throws Exception {
        org.multitunnel.wire.dissect.TestPcap.Capture c = org.multitunnel.wire.dissect.TestPcap
                .publicCapture("tcpdump-mobility-gre/various_gre.pcap");
        org.multitunnel.wire.fast.PacketSummary s = new org.multitunnel.wire.fast.PacketSummary();
        int keyed = 0;
        for (org.multitunnel.wire.dissect.TestPcap.Record r : c.records()) {
            org.multitunnel.wire.fast.PacketClassifier.classify(c.linkType(), r.data(), 0, r.data().limit(), s);
            if (s.greKeyPresent()) {
                assertEquals(org.multitunnel.wire.fast.TunnelEncapsulation.GRE, s.encapsulation());
                keyed++;
            }
            Field key = dissector.dissectFull(c.linkType(), r.data()).find("gre.key");
            assertEquals(key != null, s.greKeyPresent(), "frame " + r.frame());
            if (key != null) {
                assertEquals(key.value(), s.greKey());
            }
        }
        assertEquals(true, keyed > 0);
    }
}

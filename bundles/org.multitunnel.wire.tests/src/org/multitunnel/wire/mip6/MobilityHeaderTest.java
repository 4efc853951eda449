package org.multitunnel.wire.mip6;

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
import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.dissect.Addresses;
import org.multitunnel.wire.dissect.Dissection;
import org.multitunnel.wire.dissect.LinkTypes;
import org.multitunnel.wire.dissect.PacketDissector;
import org.multitunnel.wire.dissect.TestPcap;
import org.multitunnel.wire.ip.InternetChecksum;

/** Mobile IPv6 mobility header: BU / BA / BE with RFC 6275, RFC 5648, RFC 6089 and seed 003 options. */
class MobilityHeaderTest {
    /** A Binding Update (RFC 6275 §6.1.7) with a Binding Identifier option (RFC 5648 §6.1) and an IPv6 CoA. */
    static final String BU_WITH_BID = "3b" // payload proto 59
            + "04" // header length 4: (4+1)*8 = 40 bytes
            + "05" // MH type 5, Binding Update
            + "00" // reserved
            + "0000" // checksum (not verified: needs the IPv6 pseudo-header)
            + "03e8" // sequence 1000
            + "c000" // flags A and H
            + "0e10" // lifetime 3600 units of 4 s
            + "23" + "14" // option 35 (Binding Identifier), length 20
            + "0002" // BID 2
            + "00" // status 0
            + "80" // H flag set
            + "20010db8000000000000000000000099" // care-of address 2001:db8::99
            + "0104" + "00000000"; // PadN, length 4 (to the 8-octet boundary: 34 + 6 = 40)

    private final PacketDissector dissector = new PacketDissector();

    private static List<Field> mh(PacketDissector d, String hex) {
        DissectContext ctx = new DissectContext(d.registry());
        ctx.next(DissectorRegistry.IP_PROTO, 135, buf(hex), 0, hex.length() / 2);
        if (!ctx.errors().isEmpty()) {
            throw ctx.errors().get(0);
        }
        return ctx.layers();
    }

    @Test
    void decodesBindingUpdateWithBindingIdentifier() {
        List<Field> l = mh(dissector, BU_WITH_BID);
        assertEquals(59L, value(l, "mip6.proto"));
        assertEquals(4L, value(l, "mip6.hlen"));
        assertEquals(5L, value(l, "mip6.mhtype"));
        assertEquals(2, field(l, "mip6.mhtype").offset());
        assertEquals(1000L, value(l, "mip6.bu.seqnr"));
        assertEquals(6, field(l, "mip6.bu.seqnr").offset());
        assertEquals(1L, value(l, "mip6.bu.a_flag"));
        assertEquals(1L, value(l, "mip6.bu.h_flag"));
        assertEquals(0L, value(l, "mip6.bu.l_flag"));
        assertEquals(0L, value(l, "mip6.bu.k_flag"));
        assertEquals(3600L, value(l, "mip6.bu.lifetime"));
        assertEquals(List.of(20L, 4L), all(l, "mip6.mobility_opt.len").stream().map(Field::value).toList());
        assertEquals(2L, value(l, "mip6.bi.bid"));
        assertEquals(14, field(l, "mip6.bi.bid").offset());
        assertEquals(0L, value(l, "mip6.bi.status"));
        assertEquals(1L, value(l, "mip6.bi.h_flag"));
        assertEquals("2001:db8::99", value(l, "mip6.bi.coa_ipv6"));
        assertEquals(18, field(l, "mip6.bi.coa_ipv6").offset());
        assertEquals(40, l.get(0).length());
    }

    @Test
    void builderReproducesTheVectorAndComputesTheChecksum() {
        MobilityHeader.Builder b = MobilityHeader.builder().mhType(MobilityMessages.BINDING_UPDATE)
                .message(MobilityMessages.bindingUpdate(1000, MobilityMessages.BU_A | MobilityMessages.BU_H, 3600))
                .option(MobilityOption.bindingIdentifier(2, 0, true, Addresses.parseIpv6("2001:db8::99")));
        assertEquals(BU_WITH_BID, Hex.encode(b.build()));
        byte[] src = Addresses.parseIpv6("2001:db8::1"), dst = Addresses.parseIpv6("2001:db8::2");
        byte[] summed = b.addresses(src, dst).build();
        long s = InternetChecksum.sum(summed, 0, summed.length, InternetChecksum.pseudoIpv6(src, dst, 135, 40));
        assertEquals(0, InternetChecksum.fold(s));
        MobilityHeader h = MobilityHeader.decode(ByteBuffer.wrap(summed), 0, summed.length);
        assertArrayEquals(summed, h.encode());
    }

    @Test
    void builderSwitchesOffLengthAndPadding() {
        byte[] raw = MobilityHeader.builder().mhType(5).message(MobilityMessages.bindingUpdate(1, 0, 1))
                .pad(false).fixLength(false).headerLength(9).build();
        assertEquals(12, raw.length);
        assertEquals(9, raw[1]);
    }

    @Test
    void decodesSeed003LoadBalancingOptionAtItsConfigurableType() {
        DissectorRegistry r = PacketDissector.standardRegistry();
        MobilityOptionDissectors.register(r, 201); // a preference: the draft never got a number
        byte[] bu = MobilityHeader.builder().mhType(5).message(MobilityMessages.bindingUpdate(7, 0x8000, 10))
                .option(MobilityOption.loadBalancing(201, 1, 0, 3, Addresses.parseIpv6("2001:db8:1::7"))).build();
        List<Field> l = mh(new PacketDissector(r), Hex.encode(bu));
        assertEquals(201L, value(l, "mip6.mobility_opt"));
        assertEquals(18L, value(l, "mip6.mobility_opt.len"));
        assertEquals(1L, value(l, "mip6.lb.s"));
        assertEquals(14, field(l, "mip6.lb.s").offset());
        assertEquals(0L, value(l, "mip6.lb.d"));
        assertEquals(3L, value(l, "mip6.lb.coaid"));
        assertEquals(15, field(l, "mip6.lb.coaid").offset());
        assertEquals("2001:db8:1::7", value(l, "mip6.lb.acoa"));
        assertEquals(16, field(l, "mip6.lb.acoa").offset());
    }

    @Test
    void decodesFlowMobilityOptionsOfRfc6089() {
        byte[] bu = MobilityHeader.builder().mhType(5).message(MobilityMessages.bindingUpdate(1, 0x8000, 10))
                .option(MobilityOption.flowIdentification(9, 100, 0, new byte[0]))
                .option(MobilityOption.flowSummary(9, 10)).build();
        List<Field> l = mh(dissector, Hex.encode(bu));
        assertEquals(9L, value(l, "mip6.fid.fid"));
        assertEquals(14, field(l, "mip6.fid.fid").offset());
        assertEquals(100L, value(l, "mip6.fid.pri"));
        assertEquals(0L, value(l, "mip6.fid.status"));
        assertEquals(List.of(9L, 10L), all(l, "mip6.fs.fid").stream().map(Field::value).toList());
    }

    @Test
    void decodesBindingAcknowledgementAndError() {
        List<Field> ba = mh(dissector, "3b" + "01" + "06" + "00" + "0000"
                + "00" // status 0 accepted
                + "80" // K flag
                + "03e8" // sequence 1000
                + "0708" // lifetime 1800
                + "0202" + "0007"); // Binding Refresh Advice, length 2, interval 7 (16 bytes in all)
        assertEquals(0L, value(ba, "mip6.ba.status"));
        assertEquals(1L, value(ba, "mip6.ba.k_flag"));
        assertEquals(1000L, value(ba, "mip6.ba.seqnr"));
        assertEquals(1800L, value(ba, "mip6.ba.lifetime"));
        assertEquals(7L, value(ba, "mip6.bra.interval"));
        assertEquals(14, field(ba, "mip6.bra.interval").offset());
        List<Field> be = mh(dissector, "3b" + "02" + "07" + "00" + "0000"
                + "01" // status 1: unknown binding for home address destination option
                + "00" // reserved
                + "20010db8000000000000000000000001"); // home address (24 bytes in all, no padding)
        assertEquals(1L, value(be, "mip6.be.status"));
        assertEquals("2001:db8::1", value(be, "mip6.be.haddr"));
        assertEquals(8, field(be, "mip6.be.haddr").offset());
    }

    @Test
    void unknownOptionTypesStayRaw() {
        byte[] bu = MobilityHeader.builder().mhType(5).message(MobilityMessages.bindingUpdate(1, 0, 1))
                .option(MobilityOption.of(99, Hex.decode("aabb"))).build();
        List<Field> l = mh(dissector, Hex.encode(bu));
        assertEquals("aabb", Hex.encode((byte[]) value(l, "mip6.opt.data")));
    }

    @Test
    void anOptionLongerThanTheHeaderIsMalformedAtItsLengthByte() {
        String bad = BU_WITH_BID.substring(0, 24) + "23" + "30" + BU_WITH_BID.substring(28); // length 48
        DecodeException e = org.junit.jupiter.api.Assertions.assertThrows(DecodeException.class,
                () -> mh(dissector, bad));
        assertEquals(DecodeException.Kind.MALFORMED, e.kind());
        assertEquals(13, e.offset());
    }

    @Test
    void aBindingIdentifierOfWrongLengthIsMalformed() {
        byte[] bu = MobilityHeader.builder().mhType(5).message(MobilityMessages.bindingUpdate(1, 0, 1))
                .option(MobilityOption.of(35, Hex.decode("0001000000"))).build();
        DecodeException e = org.junit.jupiter.api.Assertions.assertThrows(DecodeException.class,
                () -> mh(dissector, Hex.encode(bu)));
        assertEquals(13, e.offset());
    }

    @Test
    void aHeaderLongerThanThePacketKeepsWhatWasCapturedAndIsFlagged() {
        Dissection d = dissector.dissectFull(LinkTypes.IPV6, buf("6000000000" + "10" + "87" + "40"
                + "20010db8000000000000000000000001" + "20010db8000000000000000000000002"
                + BU_WITH_BID.substring(0, 32)));
        assertEquals(DecodeException.Kind.TRUNCATED, d.errors().get(0).kind());
        assertEquals(1000L, value(d.layers(), "mip6.bu.seqnr"));
        assertNull(d.find("mip6.bi.coa_ipv6"));
    }

    @Test
    void dissectsAllSixteenBindingMessagesOfThePublicCapture() throws Exception {
        TestPcap.Capture c = TestPcap.publicCapture("tcpdump-mobility-gre/ipv6_mobility_1.pcap");
        assertEquals(229, c.linkType());
        assertEquals(16, c.records().size());
        List<Long> types = new java.util.ArrayList<>();
        for (TestPcap.Record r : c.records()) {
            Dissection d = dissector.dissectFull(c.linkType(), r.data());
            assertEquals(List.of(), d.errors(), "frame " + r.frame());
            types.add((Long) d.find("mip6.mhtype").value());
        }
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 5L, 5L, 5L, 5L, 6L, 6L, 6L, 6L, 7L, 5L), types);
        Dissection f10 = dissector.dissectFull(c.linkType(), c.records().get(9).data());
        assertEquals("2001:660:4701:f004:20d:54ff:fe98:bc93", f10.find("mip6.acoa.acoa").value());
        assertEquals(1234L, f10.find("mip6.ni.hni").value());
        assertEquals("8101738d517d516940ec0611", Hex.encode((byte[]) f10.find("mip6.bad.auth").value()));
    }

    @Test
    void everyPublicMobilityHeaderRoundTripsThroughTheCodec() throws Exception {
        TestPcap.Capture c = TestPcap.publicCapture("tcpdump-mobility-gre/ipv6_mobility_1.pcap");
        for (TestPcap.Record r : c.records()) {
            ByteBuffer b = r.data();
            int len = b.limit() - 40;
            MobilityHeader h = MobilityHeader.decode(b, 40, len);
            byte[] expected = new byte[h.declaredSize()];
            b.get(40, expected);
            assertArrayEquals(expected, h.encode(), "frame " + r.frame());
        }
    }
}

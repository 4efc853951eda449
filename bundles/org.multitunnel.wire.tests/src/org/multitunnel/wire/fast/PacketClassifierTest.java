package org.multitunnel.wire.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.dissect.LinkTypes;
import org.multitunnel.wire.dissect.TestPcap;

/** The hot-path classifier: one test per kind and encapsulation, plus malformed input. */
class PacketClassifierTest {
    private final PacketSummary s = new PacketSummary();

    private PacketKind classify(ByteBuffer frame) {
        return PacketClassifier.classify(LinkTypes.ETHERNET, frame, 0, frame.limit(), s);
    }

    @Test
    void classifiesARegistrationRequestWithItsAddresses() {
        assertEquals(PacketKind.MIP_SIGNALLING, classify(Frames.registrationRequest()));
        assertEquals(1, s.mipType());
        assertEquals(0x82, s.mipFlags());
        assertEquals(300, s.mipLifetime());
        assertEquals(-1, s.mipCode());
        assertEquals(Frames.HOA, s.homeAddress());
        assertEquals(Frames.HA, s.homeAgent());
        assertEquals(Frames.COA, s.careOfAddress());
        assertEquals(0x0102030405060708L, s.identification());
        assertEquals(Frames.COA, s.outerSrc());
        assertEquals(Frames.HA, s.outerDst());
        assertEquals(434, s.udpSrcPort());
        assertEquals(434, s.udpDstPort());
        assertEquals(14 + 20 + 8, s.mipOffset());
        assertEquals(4, s.ipVersion());
        assertEquals(20 + 8 + 24, s.outerTotalLength());
    }

    @Test
    void classifiesARegistrationReplyWithItsCode() {
        assertEquals(PacketKind.MIP_SIGNALLING, classify(Frames.registrationReply()));
        assertEquals(3, s.mipType());
        assertEquals(0, s.mipCode());
        assertEquals(Frames.HOA, s.homeAddress());
        assertEquals(0, s.careOfAddress());
    }

    @Test
    void classifiesGreDataWithKeyAndInnerFiveTuple() {
        assertEquals(PacketKind.TUNNEL_DATA, classify(Frames.greWithKey()));
        assertEquals(TunnelEncapsulation.GRE, s.encapsulation());
        assertTrue(s.greKeyPresent());
        assertEquals(0x1234, s.greKey());
        assertInner(s);
    }

    @Test
    void classifiesIpInIpAndMinimalEncapsulation() {
        assertEquals(PacketKind.TUNNEL_DATA, classify(Frames.ipInIp()));
        assertEquals(TunnelEncapsulation.IPIP, s.encapsulation());
        assertFalse(s.greKeyPresent());
        assertInner(s);
        assertEquals(PacketKind.TUNNEL_DATA, classify(Frames.minimalEncapsulation()));
        assertEquals(TunnelEncapsulation.MINENC, s.encapsulation());
        assertEquals(Frames.HOA, s.innerDst());
        assertEquals(Frames.HA, s.innerSrc()); // S clear: the original source is the outer source (RFC 2004 §3)
        assertEquals(17, s.innerProto());
        assertEquals(5000, s.innerSrcPort());
        assertEquals(6000, s.innerDstPort());
    }

    @Test
    void classifiesRfc3519UdpTunnelData() {
        assertEquals(PacketKind.TUNNEL_DATA, classify(Frames.udpTunnel()));
        assertEquals(TunnelEncapsulation.UDP, s.encapsulation());
        assertEquals(4, s.mipType());
        assertEquals(1025, s.udpDstPort());
        assertInner(s);
    }

    @Test
    void classifiesMobilityHeadersOfThePublicCapture() throws Exception {
        TestPcap.Capture c = TestPcap.publicCapture("tcpdump-mobility-gre/ipv6_mobility_1.pcap");
        for (TestPcap.Record r : c.records()) {
            ByteBuffer b = r.data();
            assertEquals(PacketKind.MIP6_MOBILITY, PacketClassifier.classify(c.linkType(), b, 0, b.limit(), s));
            assertEquals(6, s.ipVersion());
            assertEquals(0x20010db800000000L, s.outerSrc6Hi());
            assertEquals(1L, s.outerSrc6Lo());
        }
        assertEquals(5, s.mhType()); // the last frame is a Binding Update
    }

    @Test
    void truncatedOrContradictoryHeadersAreMalformedNotExceptions() {
        ByteBuffer req = Frames.registrationRequest();
        assertEquals(PacketKind.MALFORMED, PacketClassifier.classify(LinkTypes.ETHERNET, req, 0, 30, s));
        assertEquals(14, s.malformedOffset());
        // a registration request cut to 10 bytes stays signalling (so it is listed and reported as truncated),
        // marked malformed where its bytes end, with none of the request's fields taken from beyond the cut
        assertEquals(PacketKind.MIP_SIGNALLING,
                PacketClassifier.classify(LinkTypes.ETHERNET, req, 0, 14 + 20 + 8 + 10, s));
        assertEquals(1, s.mipType());
        assertEquals(14 + 20 + 8, s.mipOffset());
        assertEquals(14 + 20 + 8 + 10, s.malformedOffset());
        assertEquals(-1, s.mipLifetime());
        ByteBuffer bad = Frames.greWithKey();
        bad.put(14, (byte) 0x43); // IHL 3
        assertEquals(PacketKind.MALFORMED, classify(bad));
        assertEquals(PacketKind.MALFORMED, PacketClassifier.classify(LinkTypes.ETHERNET, req, 5000, 10, s));
        assertEquals(PacketKind.MALFORMED, PacketClassifier.classify(LinkTypes.ETHERNET, req, -1, 10, s));
        assertEquals(PacketKind.OTHER, PacketClassifier.classify(12345, req, 0, req.limit(), s));
    }

    @Test
    void classifiesAtAnOffsetInsideALargerBuffer() {
        ByteBuffer frame = Frames.registrationReply();
        ByteBuffer big = ByteBuffer.allocate(1000);
        big.put(100, frame, 0, frame.limit());
        assertEquals(PacketKind.MIP_SIGNALLING, PacketClassifier.classify(LinkTypes.ETHERNET, big, 100,
                frame.limit(), s));
        assertEquals(3, s.mipType());
        assertEquals(100 + 42, s.mipOffset());
    }

    private static void assertInner(PacketSummary s) {
        assertEquals(4, s.innerVersion());
        assertEquals(Frames.CN, s.innerSrc());
        assertEquals(Frames.HOA, s.innerDst());
        assertEquals(17, s.innerProto());
        assertEquals(5000, s.innerSrcPort());
        assertEquals(6000, s.innerDstPort());
        assertEquals(Frames.HA, s.outerSrc());
        assertEquals(Frames.COA, s.outerDst());
    }
}

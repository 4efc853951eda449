package org.multitunnel.wire.mip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.dissect.Addresses;
import org.multitunnel.wire.dissect.Dissection;
import org.multitunnel.wire.dissect.LinkTypes;
import org.multitunnel.wire.dissect.PacketDissector;
import org.multitunnel.wire.fast.PacketClassifier;
import org.multitunnel.wire.fast.PacketKind;
import org.multitunnel.wire.fast.PacketSummary;
import org.multitunnel.wire.ip.Ipv4Header;
import org.multitunnel.wire.ip.Ipv6Header;
import org.multitunnel.wire.ip.UdpHeader;
import org.multitunnel.wire.mip.finding.MessageFinding;
import org.multitunnel.wire.mip.finding.MipChecker;

/**
 * A message shorter than its fixed part is shown, not dropped: for every message type the product decodes
 * (RFC 5944 Registration Request and Reply, RFC 3543 Revocation and its Acknowledgement, RFC 3519 tunnel data,
 * an empty datagram, and RFC 6275 Mobility Headers) the classifier keeps it as signalling, the dissection shows
 * each field wholly present and marks {@code _ws.malformed} at the first field cut, and the checker reports
 * RFC5944-3.3-TRUNCATED at that offset.
 */
class TruncatedMessagesTest {
    /** Offset of the Mobile IP message in the raw IPv4 frames below: IPv4 20 + UDP 8. */
    private static final int MIP = 28;

    @Test
    void requestOfTwentyBytesShowsItsAddressesAndIsTruncatedAtTheIdentification() {
        byte[] rq = Hex.decode("01" // Type 1: Registration Request
                + "02" // flags: T
                + "012c" // Lifetime 300
                + "0a010005" // Home Address 10.1.0.5
                + "c0000201" // Home Agent 192.0.2.1
                + "c6336407" // Care-of Address 198.51.100.7
                + "01020304"); // 4 of the Identification's 8 bytes: the message ends here (24 needed)
        Field mip = truncated(rq, 16);
        assertEquals(1L, mip.find("mip.type").value());
        assertEquals(300L, mip.find("mip.life").value());
        assertEquals("10.1.0.5", mip.find("mip.homeaddr").value());
        assertEquals("192.0.2.1", mip.find("mip.haaddr").value());
        assertEquals("198.51.100.7", mip.find("mip.coa").value());
        assertNull(mip.find("mip.ident"));
    }

    @Test
    void replyOfSixteenBytesShowsItsCodeAndAddresses() {
        byte[] rp = Hex.decode("03" // Type 3: Registration Reply
                + "00" // Code 0 (accepted)
                + "012c" // Lifetime 300
                + "0a010005" // Home Address 10.1.0.5
                + "c0000201" // Home Agent 192.0.2.1
                + "01020304"); // 4 of the Identification's 8 bytes (20 needed)
        Field mip = truncated(rp, 12);
        assertEquals(0L, mip.find("mip.code").value());
        assertEquals("192.0.2.1", mip.find("mip.haaddr").value());
    }

    @Test
    void revocationAndItsAcknowledgementCutShortAreShownToo() {
        Field rev = truncated(Hex.decode("07" // Type 7: Registration Revocation (RFC 3543 §6.1, 20 fixed bytes)
                + "00" // Reserved
                + "8000" // flags: A (sent by the home agent)
                + "0a010005" // Home Address 10.1.0.5
                + "c000"), 8); // half of the Home Domain Address
        assertEquals(7L, rev.find("mip.type").value());
        assertEquals("10.1.0.5", rev.find("mip.homeaddr").value());
        Field ack = truncated(Hex.decode("0f" // Type 15: Revocation Acknowledgement (RFC 3543 §6.2, 12 bytes)
                + "00" // Reserved
                + "0000" // flags
                + "0a010005"), 8); // Home Address 10.1.0.5; the Revocation Identifier is missing
        assertEquals(15L, ack.find("mip.type").value());
    }

    @Test
    void tunnelDataHeaderAndEmptyDatagramAreTruncatedSignalling() {
        truncated(Hex.decode("04" // Type 4: UDP tunnel data (RFC 3519 §3.3, 4-byte header)
                + "04"), 2); // Next Header 4; the Reserved field is missing
        PacketSummary s = new PacketSummary();
        ByteBuffer empty = ByteBuffer.wrap(ipv4Udp(new byte[0]));
        assertEquals(PacketKind.MIP_SIGNALLING, PacketClassifier.classify(LinkTypes.RAW, empty, 0, empty.limit(), s));
        assertEquals(List.of("RFC5944-3.3-TRUNCATED"), new MipChecker().check(new byte[0]).stream()
                .map(MessageFinding::rule).toList());
    }

    @Test
    void mobilityHeaderCutShortKeepsItsFieldsAndIsListed() {
        byte[] mh = Hex.decode("3b" // Payload Proto 59 (no next header)
                + "00" // Header Len 0: 8 bytes, too few for a Binding Update's 6-byte message
                + "05" // MH Type 5: Binding Update
                + "00" // Reserved
                + "0000" // Checksum
                + "0007"); // Sequence 7; the flags and Lifetime are missing
        ByteBuffer frame = ByteBuffer.wrap(ipv6(mh));
        PacketSummary s = new PacketSummary();
        assertEquals(PacketKind.MIP6_MOBILITY, PacketClassifier.classify(LinkTypes.RAW, frame, 0, frame.limit(), s));
        Dissection d = new PacketDissector().dissectFull(LinkTypes.RAW, frame);
        Field mipv6 = layer(d, "mipv6");
        assertEquals(5L, mipv6.find("mip6.mhtype").value());
        assertEquals(7L, mipv6.find("mip6.bu.seqnr").value());
        assertNotNull(mipv6.find("_ws.malformed"));
        assertEquals(40L + 8, mipv6.find("_ws.malformed.offset").value(), "at the flags, after the sequence");
        assertTrue(d.malformed());

        byte[] stub = Hex.decode("3b" // Payload Proto 59
                + "01" // Header Len 1 (16 bytes)
                + "06"); // MH Type 6 (Binding Ack); the header ends after three bytes
        ByteBuffer f2 = ByteBuffer.wrap(ipv6(stub));
        assertEquals(PacketKind.MIP6_MOBILITY, PacketClassifier.classify(LinkTypes.RAW, f2, 0, f2.limit(), s));
        assertEquals(6, s.mhType());
        assertEquals(43, s.malformedOffset());
        Field stubLayer = layer(new PacketDissector().dissectFull(LinkTypes.RAW, f2), "mipv6");
        assertEquals(6L, stubLayer.find("mip6.mhtype").value());
        assertEquals(43L, stubLayer.find("_ws.malformed.offset").value());
    }

    /** Checks every layer of the truncated-message story and returns the mip layer. */
    private static Field truncated(byte[] message, int cutAt) {
        ByteBuffer frame = ByteBuffer.wrap(ipv4Udp(message));
        PacketSummary s = new PacketSummary();
        assertEquals(PacketKind.MIP_SIGNALLING, PacketClassifier.classify(LinkTypes.RAW, frame, 0, frame.limit(), s),
                "a short message is still signalling (listed by decode, seen by the analysis)");
        assertEquals(MIP + message.length, s.malformedOffset());
        Dissection d = new PacketDissector().dissectFull(LinkTypes.RAW, frame);
        assertTrue(d.malformed());
        Field mip = layer(d, "mip");
        assertEquals((long) MIP + cutAt, mip.find("_ws.malformed.offset").value());
        List<MessageFinding> findings = new MipChecker().check(message);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("RFC5944-3.3-TRUNCATED", findings.get(0).rule());
        assertEquals(cutAt, findings.get(0).offset());
        assertTrue(findings.get(0).malformation());
        return mip;
    }

    private static Field layer(Dissection d, String name) {
        return d.layers().stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " layer in " + d.layers()));
    }

    private static byte[] ipv4Udp(byte[] payload) {
        return Ipv4Header.builder().protocol(17).source(Addresses.parseIpv4("198.51.100.7"))
                .destination(Addresses.parseIpv4("192.0.2.1"))
                .build(UdpHeader.builder().sourcePort(434).destinationPort(434).build(payload));
    }

    private static byte[] ipv6(byte[] mobilityHeader) {
        return Ipv6Header.builder().nextHeader(135).hopLimit(64)
                .source(Hex.decode("20010db8000000000000000000000005"))
                .destination(Hex.decode("20010db8000000000000000000000001")).build(mobilityHeader);
    }
}

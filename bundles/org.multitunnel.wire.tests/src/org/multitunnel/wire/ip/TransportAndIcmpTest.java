package org.multitunnel.wire.ip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.multitunnel.wire.dissect.TestBytes.all;
import static org.multitunnel.wire.dissect.TestBytes.buf;
import static org.multitunnel.wire.dissect.TestBytes.field;
import static org.multitunnel.wire.dissect.TestBytes.value;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.dissect.Addresses;
import org.multitunnel.wire.dissect.PacketDissector;

/** UDP, TCP and ICMP (agent advertisement with extensions 16 and 19, agent solicitation) field by field. */
class TransportAndIcmpTest {
    private final PacketDissector dissector = new PacketDissector();

    private List<Field> proto(int protocol, String hex) {
        DissectContext ctx = new DissectContext(dissector.registry());
        ctx.next("ip.proto", protocol, buf(hex), 0, hex.length() / 2);
        if (!ctx.errors().isEmpty()) {
            throw ctx.errors().get(0);
        }
        return ctx.layers();
    }

    @Test
    void udpChecksumFromTheBuilderVerifiesOverThePseudoHeader() {
        int src = Addresses.parseIpv4("10.0.0.1"), dst = Addresses.parseIpv4("192.0.2.1");
        byte[] udp = UdpHeader.builder().sourcePort(1234).destinationPort(434).ipv4(src, dst).build(Hex.decode("01"));
        assertEquals(9, udp.length);
        long sum = InternetChecksum.sum(udp, 0, udp.length, InternetChecksum.pseudoIpv4(src, dst, 17, udp.length));
        assertEquals(0, InternetChecksum.fold(sum)); // a correct checksum sums to 0xffff
        UdpHeader h = UdpHeader.decode(ByteBuffer.wrap(udp), 0, udp.length);
        assertArrayEquals(udp, h.encode(Hex.decode("01")));
        byte[] wrong = UdpHeader.builder().ipv4(src, dst).fixLength(false).length(4).fixChecksum(false).checksum(7)
                .build(Hex.decode("01"));
        assertEquals("0000000000040007" + "01", Hex.encode(wrong));
    }

    @Test
    void decodesTcpHeaderWithRawOptions() {
        List<Field> l = proto(6, "c350" // source port 50000
                + "0050" // destination port 80
                + "00000001" // sequence number 1
                + "00000000" // acknowledgment 0
                + "6002" // data offset 6 (24 bytes), flags SYN
                + "ffff" // window 65535
                + "abcd" // checksum (not verified)
                + "0000" // urgent pointer
                + "020405b4"); // options: MSS 1460
        assertEquals(50000L, value(l, "tcp.srcport"));
        assertEquals(80L, value(l, "tcp.dstport"));
        assertEquals(1L, value(l, "tcp.seq_raw"));
        assertEquals(4, field(l, "tcp.seq_raw").offset());
        assertEquals(0L, value(l, "tcp.ack_raw"));
        assertEquals(24L, value(l, "tcp.hdr_len"));
        assertEquals(2L, value(l, "tcp.flags"));
        assertEquals(1L, value(l, "tcp.flags.syn"));
        assertEquals(0L, value(l, "tcp.flags.ack"));
        assertEquals(65535L, value(l, "tcp.window_size_value"));
        assertEquals(0xabcdL, value(l, "tcp.checksum"));
        assertEquals(0L, value(l, "tcp.urgent_pointer"));
        assertEquals("020405b4", Hex.encode((byte[]) value(l, "tcp.options")));
        assertEquals(20, field(l, "tcp.options").offset());
    }

    @Test
    void tcpDataOffsetBelowFiveIsMalformed() {
        DecodeException e = org.junit.jupiter.api.Assertions.assertThrows(DecodeException.class,
                () -> proto(6, "c3500050000000010000000040020000abcd0000"));
        assertEquals(12, e.offset());
        assertEquals(DecodeException.Kind.MALFORMED, e.kind());
    }

    @Test
    void tcpBuilderRoundTrips() {
        byte[] seg = TcpHeader.builder().sourcePort(1).destinationPort(2).sequence(3).flags(0x12)
                .options(Hex.decode("0204")).ipv4(1, 2).build(Hex.decode("aa"));
        assertEquals(24 + 1, seg.length); // options padded to 4 bytes
        TcpHeader h = TcpHeader.decode(ByteBuffer.wrap(seg), 0, seg.length);
        assertEquals(6, h.dataOffset());
        assertArrayEquals(seg, h.encode(Hex.decode("aa")));
    }

    @Test
    void decodesAgentAdvertisementWithMobilityAndPrefixLengthExtensions() {
        List<Field> l = proto(1, "09" // type 9 router advertisement
                + "00" // code 0
                + "9887" // checksum (correct)
                + "01" // one router address
                + "02" // address entry size 2 words
                + "0708" // lifetime 1800 s
                + "c0000201" + "00000000" // router 192.0.2.1, preference 0
                + "10" + "0a" // extension 16 (mobility agent advertisement), length 10
                + "0007" // sequence number 7
                + "0258" // registration lifetime 600 s
                + "9500" // flags R (0x80), F (0x10), G (0x04), T (0x01)
                + "c0000201" // care-of address 192.0.2.1
                + "13" + "01" + "18"); // extension 19 (prefix lengths), length 1, /24
        assertEquals(9L, value(l, "icmp.type"));
        assertEquals(0L, value(l, "icmp.code"));
        assertEquals(1L, value(l, "icmp.checksum.status"));
        assertEquals(1L, value(l, "icmp.num_addrs"));
        assertEquals(2L, value(l, "icmp.addr_entry_size"));
        assertEquals(1800L, value(l, "icmp.lifetime"));
        assertEquals("192.0.2.1", value(l, "icmp.router_address"));
        assertEquals(0L, value(l, "icmp.pref_level"));
        assertEquals(List.of(16L, 19L), all(l, "icmp.mip.type").stream().map(Field::value).toList());
        assertEquals(10L, value(l, "icmp.mip.length"));
        assertEquals(7L, value(l, "icmp.mip.seq"));
        assertEquals(18, field(l, "icmp.mip.seq").offset());
        assertEquals(600L, value(l, "icmp.mip.life"));
        assertEquals(0x9500L, value(l, "icmp.mip.flags"));
        assertEquals(1L, value(l, "icmp.mip.r"));
        assertEquals(0L, value(l, "icmp.mip.b"));
        assertEquals(0L, value(l, "icmp.mip.h"));
        assertEquals(1L, value(l, "icmp.mip.f"));
        assertEquals(0L, value(l, "icmp.mip.m"));
        assertEquals(1L, value(l, "icmp.mip.g"));
        assertEquals(1L, value(l, "icmp.mip.rt"));
        assertEquals(0L, value(l, "icmp.mip.u"));
        assertEquals("192.0.2.1", value(l, "icmp.mip.coa"));
        assertEquals(24, field(l, "icmp.mip.coa").offset());
        assertEquals(24L, value(l, "icmp.mip.prefixlength"));
        assertEquals(30, field(l, "icmp.mip.prefixlength").offset());
    }

    @Test
    void agentAdvertisementBuilderProducesTheSameBytes() {
        byte[] built = new AgentAdvertisement().router(Addresses.parseIpv4("192.0.2.1"), 0).lifetime(1800)
                .sequence(7).registrationLifetime(600)
                .flags(AgentAdvertisement.R | AgentAdvertisement.F | AgentAdvertisement.G | AgentAdvertisement.T)
                .careOf(Addresses.parseIpv4("192.0.2.1")).prefixLengths(24).build();
        assertEquals("0900988701020708c000020100000000100a000702589500c0000201130118", Hex.encode(built));
        byte[] wrong = new AgentAdvertisement().fixLengths(false).numAddrs(3).agentExtensionLength(200).body();
        assertEquals(3, wrong[0]);
        assertEquals((byte) 200, wrong[5]);
    }

    @Test
    void mobilityAgentExtensionShorterThanSixIsMalformed() {
        byte[] msg = IcmpMessage.builder().type(9).body(Hex.decode("00020708" + "1004" + "00070258")).build();
        DecodeException e = org.junit.jupiter.api.Assertions.assertThrows(DecodeException.class,
                () -> proto(1, Hex.encode(msg)));
        assertEquals(9, e.offset());
    }

    @Test
    void decodesAgentSolicitationAndFlagsBadChecksum() {
        List<Field> l = proto(1, "0a" + "00" + "f5ff" + "00000000"); // type 10, checksum correct, reserved
        assertEquals(10L, value(l, "icmp.type"));
        assertEquals(1L, value(l, "icmp.checksum.status"));
        assertEquals("00000000", Hex.encode((byte[]) value(l, "icmp.reserved")));
        assertEquals(0L, value(proto(1, "0a00f5fe00000000"), "icmp.checksum.status"));
        assertArrayEquals(Hex.decode("0a00f5ff00000000"),
                IcmpMessage.builder().type(10).body(new byte[4]).build());
        byte[] adv = Hex.decode("0900988701020708c000020100000000100a000702589500c0000201130118");
        assertArrayEquals(adv, IcmpMessage.decode(ByteBuffer.wrap(adv), 0, adv.length).encode());
    }
}

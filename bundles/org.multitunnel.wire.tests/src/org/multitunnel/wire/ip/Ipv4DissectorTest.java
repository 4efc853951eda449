package org.multitunnel.wire.ip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

/** IPv4 header and options, checksum verification, UDP on top; malformed and truncated headers; builder. */
class Ipv4DissectorTest {
    static final String PACKET = "46" // version 4, IHL 6 (24 bytes: 4 bytes of options)
            + "00" // DSCP/ECN 0
            + "0024" // total length 36
            + "1234" // identification 0x1234
            + "4000" // flags DF, fragment offset 0
            + "40" // TTL 64
            + "11" // protocol 17 UDP
            + "5992" // header checksum (correct)
            + "0a000001" // source 10.0.0.1
            + "c0000201" // destination 192.0.2.1
            + "01010100" // options: NOP, NOP, NOP, EOL
            + "1388" + "0035" // UDP ports 5000 -> 53
            + "000c" // UDP length 12
            + "0000" // UDP checksum 0 (none)
            + "01020304"; // payload

    private final PacketDissector dissector = new PacketDissector();

    @Test
    void decodesEveryIpv4HeaderField() {
        List<Field> l = dissector.dissect(LinkTypes.IPV4, buf(PACKET));
        assertEquals(4L, value(l, "ip.version"));
        assertEquals(24L, value(l, "ip.hdr_len")); // bytes, as Wireshark shows it
        assertEquals(0L, value(l, "ip.dsfield"));
        assertEquals(36L, value(l, "ip.len"));
        assertEquals(2, field(l, "ip.len").offset());
        assertEquals(0x1234L, value(l, "ip.id"));
        assertEquals(2L, value(l, "ip.flags")); // the three flag bits, DF = 0b010
        assertEquals(0L, value(l, "ip.flags.rb"));
        assertEquals(1L, value(l, "ip.flags.df"));
        assertEquals(0L, value(l, "ip.flags.mf"));
        assertEquals(0L, value(l, "ip.frag_offset"));
        assertEquals(64L, value(l, "ip.ttl"));
        assertEquals(8, field(l, "ip.ttl").offset());
        assertEquals(17L, value(l, "ip.proto"));
        assertEquals(0x5992L, value(l, "ip.checksum"));
        assertEquals(1L, value(l, "ip.checksum.status")); // good
        assertEquals("10.0.0.1", value(l, "ip.src"));
        assertEquals(12, field(l, "ip.src").offset());
        assertEquals(4, field(l, "ip.src").length());
        assertEquals("192.0.2.1", value(l, "ip.dst"));
        assertEquals(List.of(1L, 1L, 1L, 0L), all(l, "ip.opt.type").stream().map(Field::value).toList());
        assertEquals(20, field(l, "ip.options").offset());
        assertEquals(4, field(l, "ip.options").length());
    }

    @Test
    void decodesUdpAboveIt() {
        List<Field> l = dissector.dissect(LinkTypes.IPV4, buf(PACKET));
        assertEquals(5000L, value(l, "udp.srcport"));
        assertEquals(24, field(l, "udp.srcport").offset());
        assertEquals(53L, value(l, "udp.dstport"));
        assertEquals(12L, value(l, "udp.length"));
        assertEquals(0L, value(l, "udp.checksum"));
        assertEquals(2L, value(l, "udp.checksum.status")); // unverified
    }

    @Test
    void flagsABadHeaderChecksum() {
        String bad = PACKET.substring(0, 20) + "5993" + PACKET.substring(24);
        assertEquals(0L, value(dissector.dissect(LinkTypes.IPV4, buf(bad)), "ip.checksum.status"));
    }

    @Test
    void headerLengthBelowTwentyIsMalformedAndKeepsTheVersion() {
        Dissection d = dissector.dissectFull(LinkTypes.IPV4, buf("44" + PACKET.substring(2)));
        assertEquals(DecodeException.Kind.MALFORMED, d.errors().get(0).kind());
        assertEquals(0, d.errors().get(0).offset());
        assertEquals(4L, value(d.layers(), "ip.version"));
    }

    @Test
    void totalLengthBelowHeaderLengthIsMalformedAtItsOffset() {
        Dissection d = dissector.dissectFull(LinkTypes.IPV4, buf(PACKET.substring(0, 4) + "0010" + PACKET.substring(8)));
        assertEquals(DecodeException.Kind.MALFORMED, d.errors().get(0).kind());
        assertEquals(2, d.errors().get(0).offset());
    }

    @Test
    void truncatedHeaderAndOverlongOptionAreTypedErrors() {
        Dissection cut = dissector.dissectFull(LinkTypes.IPV4, buf(PACKET.substring(0, 30)));
        assertEquals(DecodeException.Kind.TRUNCATED, cut.errors().get(0).kind());
        // option type 7 (record route) claiming 9 bytes in a 4-byte option area
        Dissection opt = dissector.dissectFull(LinkTypes.IPV4, buf(PACKET.substring(0, 40) + "07090000"
                + PACKET.substring(48)));
        assertEquals(DecodeException.Kind.MALFORMED, opt.errors().get(0).kind());
        assertEquals(21, opt.errors().get(0).offset());
    }

    @Test
    void payloadIsBoundedByTotalLengthNotByTrailer() {
        List<Field> l = dissector.dissect(LinkTypes.IPV4, buf(PACKET + "eeeeeeee")); // Ethernet-style padding
        assertEquals(12, field(l, "udp").length() + 4);
        assertEquals("01020304", Hex.encode((byte[]) value(l, "data.data")));
    }

    @Test
    void laterFragmentsStayRaw() {
        String frag = "4500001c0001" + "0001" /* offset 8 bytes */ + "4011" + "0000" + "0a000001c0000201"
                + "0102030405060708";
        List<Field> l = dissector.dissect(LinkTypes.IPV4, buf(frag));
        assertEquals(1L, value(l, "ip.frag_offset"));
        assertEquals("data", l.get(1).name());
    }

    @Test
    void decodeThenEncodeIsByteExact() {
        byte[] bytes = Hex.decode(PACKET);
        Ipv4Header h = Ipv4Header.decode(ByteBuffer.wrap(bytes), 0, bytes.length);
        byte[] payload = java.util.Arrays.copyOfRange(bytes, 24, bytes.length);
        assertArrayEquals(bytes, h.encode(payload));
        assertArrayEquals(bytes, h.toBuilder().build(payload)); // fix-ups reproduce correct values
        assertThrows(DecodeException.class, () -> Ipv4Header.decode(ByteBuffer.wrap(bytes), 0, 19));
    }

    @Test
    void builderComputesLengthAndChecksumUnlessSwitchedOff() {
        byte[] udp = Hex.decode("13880035000c000001020304");
        byte[] built = Ipv4Header.builder().identification(0x1234).flags(2).ttl(64).protocol(17)
                .source(Addresses.parseIpv4("10.0.0.1")).destination(Addresses.parseIpv4("192.0.2.1"))
                .options(Hex.decode("01010100")).build(udp);
        assertArrayEquals(Hex.decode(PACKET), built);
        byte[] wrong = Ipv4Header.builder().protocol(17).fixLength(false).totalLength(999).fixChecksum(false)
                .checksum(0xbeef).build(udp);
        assertEquals(999, ((wrong[2] & 0xff) << 8) | (wrong[3] & 0xff));
        assertEquals(0xbeef, ((wrong[10] & 0xff) << 8) | (wrong[11] & 0xff));
    }
}

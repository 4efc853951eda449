package org.multitunnel.wire.ip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** IPv6 fixed header and the extension header chain (hop-by-hop, routing, destination options, fragment). */
class Ipv6DissectorTest {
    static final String HEADER = "6" + "12" + "34567" // version 6, traffic class 0x12, flow label 0x34567
            + "0030" // payload length 48
            + "00" // next header 0: hop-by-hop options
            + "40" // hop limit 64
            + "20010db8000000000000000000000001" // source 2001:db8::1
            + "20010db8000000000000000000000002"; // destination 2001:db8::2
    static final String EXTENSIONS = "2b" + "00" + "0104" + "00000000" // HBH: nxt 43, len 0, PadN(4)
            + "3c" + "00" + "00" + "00" + "00000000" // routing: nxt 60, len 0, type 0, segleft 0, data
            + "2c" + "00" + "00" + "01" + "00" + "00" + "0000" // dstopts: nxt 44, len 0, Pad1, PadN(0), Pad1 x2...
            + "11" + "00" + "0000" + "0000abcd" // fragment: nxt 17, reserved, offset 0 M 0, id 0xabcd
            + "0035" + "0035" + "0010" + "0000" + "0102030405060708"; // UDP 53 -> 53, length 16

    private final PacketDissector dissector = new PacketDissector();

    @Test
    void decodesTheFixedHeader() {
        List<Field> l = dissector.dissect(LinkTypes.IPV6, buf(HEADER + EXTENSIONS));
        assertEquals(6L, value(l, "ipv6.version"));
        assertEquals(0x12L, value(l, "ipv6.tclass"));
        assertEquals(0x34567L, value(l, "ipv6.flow"));
        assertEquals(48L, value(l, "ipv6.plen"));
        assertEquals(4, field(l, "ipv6.plen").offset());
        assertEquals(0L, value(l, "ipv6.nxt"));
        assertEquals(64L, value(l, "ipv6.hlim"));
        assertEquals("2001:db8::1", value(l, "ipv6.src"));
        assertEquals(8, field(l, "ipv6.src").offset());
        assertEquals(16, field(l, "ipv6.src").length());
        assertEquals("2001:db8::2", value(l, "ipv6.dst"));
        assertEquals(24, field(l, "ipv6.dst").offset());
    }

    @Test
    void walksTheExtensionHeaderChainToUdp() {
        List<Field> l = dissector.dissect(LinkTypes.IPV6, buf(HEADER + EXTENSIONS));
        assertEquals(List.of("ipv6", "ipv6.hopopts", "ipv6.routing", "ipv6.dstopts", "ipv6.fraghdr", "udp", "data"),
                l.stream().map(Field::name).toList());
        assertEquals(43L, value(l, "ipv6.hopopts.nxt"));
        assertEquals(8L, value(l, "ipv6.hopopts.len_oct"));
        assertEquals("00000000", Hex.encode((byte[]) value(l, "ipv6.opt.padn")));
        assertEquals(0L, value(l, "ipv6.routing.type"));
        assertEquals(0L, value(l, "ipv6.routing.segleft"));
        assertEquals(60L, value(l, "ipv6.routing.nxt"));
        assertEquals(44L, value(l, "ipv6.dstopts.nxt"));
        assertEquals(17L, value(l, "ipv6.fraghdr.nxt"));
        assertEquals(0xabcdL, value(l, "ipv6.fraghdr.ident"));
        assertEquals(0L, value(l, "ipv6.fraghdr.more"));
        assertEquals(53L, value(l, "udp.dstport"));
        assertEquals(72, field(l, "udp.srcport").offset());
    }

    @Test
    void aFragmentHeaderWithMoreFragmentsStopsDispatch() {
        String header = HEADER.replace("0030" + "00", "0018" + "2c"); // plen 24, next header 44
        String frag = "11" + "00" + "0001" /* offset 0, M set */ + "00000001" + "0035003500100000" + "0102030405060708";
        List<Field> l = dissector.dissect(LinkTypes.IPV6, buf(header + frag));
        assertEquals(1L, value(l, "ipv6.fraghdr.more"));
        assertEquals(List.of("ipv6", "ipv6.fraghdr", "data"), l.stream().map(Field::name).toList());
    }

    @Test
    void decodesMobileIpv6RoutingHeaderType2AndHomeAddressOption() {
        String header = HEADER.replace("0030" + "00", "0030" + "2b"); // payload 48, next header 43
        List<Field> l = dissector.dissect(LinkTypes.IPV6, buf(header
                + "3c" // routing: next header 60
                + "02" // length 2 (24 bytes)
                + "02" // routing type 2 (RFC 6275 §6.4)
                + "01" // segments left 1
                + "00000000" // reserved
                + "20010db8000000000000000000000005" // home address 2001:db8::5
                + "3b" + "02" // destination options: no next header, length 2 (24 bytes)
                + "01" + "02" + "0000" // PadN of 2 (so the address is 8n+6 aligned, RFC 6275 §6.3)
                + "c9" + "10" // Home Address option (201), length 16
                + "20010db8000000000000000000000005")); // home address
        assertEquals(2L, value(l, "ipv6.routing.type"));
        assertEquals("2001:db8::5", value(l, "ipv6.routing.mipv6.home_address"));
        assertEquals(48, field(l, "ipv6.routing.mipv6.home_address").offset());
        assertEquals("2001:db8::5", value(l, "ipv6.opt.mipv6.home_address"));
        assertEquals(72, field(l, "ipv6.opt.mipv6.home_address").offset());
    }

    @Test
    void anOptionRunningPastItsHeaderIsMalformed() {
        String ext = "3b" + "00" + "0109" + "00000000"; // PadN claims 9 bytes in a 6-byte area
        Dissection d = dissector.dissectFull(LinkTypes.IPV6, buf(HEADER.replace("0030", "0008") + ext));
        assertEquals(DecodeException.Kind.MALFORMED, d.errors().get(0).kind());
        assertEquals(43, d.errors().get(0).offset());
    }

    @Test
    void truncatedHeaderAndWrongVersionAreTypedErrors() {
        assertEquals(DecodeException.Kind.TRUNCATED,
                dissector.dissectFull(LinkTypes.IPV6, buf(HEADER.substring(0, 70))).errors().get(0).kind());
        // EtherType 0x86dd promises IPv6; a version nibble of 4 contradicts it
        Dissection v4 = dissector.dissectFull(LinkTypes.ETHERNET, buf("020000000001" + "020000000002" + "86dd"
                + "4" + HEADER.substring(1)));
        assertEquals(DecodeException.Kind.MALFORMED, v4.errors().get(0).kind());
        assertEquals(14, v4.errors().get(0).offset());
        assertEquals(4L, value(v4.layers(), "ipv6.version"));
    }

    @Test
    void headersRoundTripAndBuilderFixesPayloadLength() {
        byte[] bytes = Hex.decode(HEADER + EXTENSIONS);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        Ipv6Header h = Ipv6Header.decode(b, 0, bytes.length);
        byte[] payload = java.util.Arrays.copyOfRange(bytes, 40, bytes.length);
        assertArrayEquals(bytes, h.encode(payload));
        Ipv6ExtensionHeader hbh = Ipv6ExtensionHeader.decode(b, 40, bytes.length - 40, 0);
        assertArrayEquals(java.util.Arrays.copyOfRange(bytes, 40, 48), hbh.encode(new byte[0]));
        assertArrayEquals(hbh.encode(new byte[0]),
                Ipv6ExtensionHeader.options(0, 43, Hex.decode("010400000000")).encode(new byte[0]));
        byte[] built = Ipv6Header.builder().trafficClass(0x12).flowLabel(0x34567).nextHeader(0)
                .source(Addresses.parseIpv6("2001:db8::1")).destination(Addresses.parseIpv6("2001:db8::2"))
                .build(payload);
        assertArrayEquals(bytes, built);
    }
}

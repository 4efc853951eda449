package org.multitunnel.wire.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.multitunnel.wire.dissect.TestBytes.buf;
import static org.multitunnel.wire.dissect.TestBytes.field;
import static org.multitunnel.wire.dissect.TestBytes.value;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.dissect.LinkTypes;
import org.multitunnel.wire.dissect.PacketDissector;

/** Byte-level tests of the link layers: Ethernet II, 802.1Q, Linux cooked v1/v2, BSD loopback, raw IP. */
class LinkLayerDissectorTest {
    /** A minimal IPv4 header (20 bytes, proto 59 "no next header", checksum correct) used as payload. */
    static final String IPV4 = "4500" + "0014" + "0000" + "4000" + "40" + "3b" + "b6ab" + "c0000201" + "c0000202";

    private final PacketDissector dissector = new PacketDissector();

    @Test
    void decodesEthernetIiWithVlanTag() {
        List<Field> layers = dissector.dissect(LinkTypes.ETHERNET, buf(
                "020000000001" // eth.dst 02:00:00:00:00:01
                + "020000000002" // eth.src 02:00:00:00:00:02
                + "8100" // eth.type 0x8100 (802.1Q)
                + "a07b" // PCP 5, DEI 0, VID 0x07b = 123
                + "0800" // vlan.etype IPv4
                + IPV4));
        assertEquals("02:00:00:00:00:01", value(layers, "eth.dst"));
        assertEquals(0, field(layers, "eth.dst").offset());
        assertEquals(6, field(layers, "eth.dst").length());
        assertEquals("02:00:00:00:00:02", value(layers, "eth.src"));
        assertEquals(6, field(layers, "eth.src").offset());
        assertEquals(0x8100L, value(layers, "eth.type"));
        assertEquals(12, field(layers, "eth.type").offset());
        assertEquals(5L, value(layers, "vlan.priority"));
        assertEquals(0L, value(layers, "vlan.dei"));
        assertEquals(123L, value(layers, "vlan.id"));
        assertEquals(14, field(layers, "vlan.id").offset());
        assertEquals(0x0800L, value(layers, "vlan.etype"));
        assertEquals(16, field(layers, "vlan.etype").offset());
        assertEquals("192.0.2.1", value(layers, "ip.src"));
        assertEquals(18 + 12, field(layers, "ip.src").offset());
        assertEquals(List.of("eth", "vlan", "ip"), layers.stream().map(Field::name).toList());
    }

    @Test
    void showsIeee8023LengthAsEthLen() {
        List<Field> layers = dissector.dissect(LinkTypes.ETHERNET,
                buf("0180c2000000" + "020000000002" + "0026" /* 802.3 length 38 */ + "4242030000"));
        assertEquals(38L, value(layers, "eth.len"));
        assertEquals(null, layers.get(0).find("eth.type"));
        assertEquals("4242030000", Hex.encode((byte[]) value(layers, "data.data")));
    }

    @Test
    void truncatedEthernetIsATypedError() {
        var d = dissector.dissectFull(LinkTypes.ETHERNET, buf("0200000000010200"));
        assertEquals(1, d.errors().size());
        assertEquals(DecodeException.Kind.TRUNCATED, d.errors().get(0).kind());
        assertEquals(0, d.errors().get(0).offset());
        assertEquals("_ws.malformed", d.layers().get(0).name());
    }

    @Test
    void decodesLinuxCookedV1() {
        List<Field> layers = dissector.dissect(LinkTypes.LINUX_SLL, buf(
                "0004" // sll.pkttype 4 (sent by us)
                + "0001" // sll.hatype 1 (ARPHRD_ETHER)
                + "0006" // sll.halen 6
                + "020000000003" + "0000" // sll.src.eth + 2 unused bytes
                + "0800" // sll.etype IPv4
                + IPV4));
        assertEquals(4L, value(layers, "sll.pkttype"));
        assertEquals(1L, value(layers, "sll.hatype"));
        assertEquals(6L, value(layers, "sll.halen"));
        assertEquals("02:00:00:00:00:03", value(layers, "sll.src.eth"));
        assertEquals(6, field(layers, "sll.src.eth").offset());
        assertEquals(0x0800L, value(layers, "sll.etype"));
        assertEquals(14, field(layers, "sll.etype").offset());
        assertEquals("192.0.2.2", value(layers, "ip.dst"));
    }

    @Test
    void decodesLinuxCookedV2WithInterfaceIndex() {
        List<Field> layers = dissector.dissect(LinkTypes.LINUX_SLL2, buf(
                "0800" // sll.etype IPv4
                + "0000" // reserved
                + "00000003" // sll.ifindex 3
                + "0001" // sll.hatype 1
                + "00" // sll.pkttype 0 (to us)
                + "06" // sll.halen 6
                + "020000000004" + "0000" // address + padding
                + IPV4));
        assertEquals(3L, value(layers, "sll.ifindex"));
        assertEquals(4, field(layers, "sll.ifindex").offset());
        assertEquals(0L, value(layers, "sll.pkttype"));
        assertEquals(10, field(layers, "sll.pkttype").offset());
        assertEquals("02:00:00:00:00:04", value(layers, "sll.src.eth"));
        assertEquals("192.0.2.1", value(layers, "ip.src"));
    }

    @Test
    void decodesNullInHostOrderAndLoopInNetworkOrder() {
        List<Field> nul = dissector.dissect(LinkTypes.NULL, buf("02000000" /* AF_INET little endian */ + IPV4));
        assertEquals(2L, value(nul, "null.family"));
        assertEquals("192.0.2.1", value(nul, "ip.src"));
        List<Field> loop = dissector.dissect(LinkTypes.LOOP, buf("00000002" /* AF_INET big endian */ + IPV4));
        assertEquals(2L, value(loop, "null.family"));
        assertEquals("192.0.2.2", value(loop, "ip.dst"));
    }

    @Test
    void rawLinkTypesPickIpByVersionOrByLinkType() {
        assertEquals("ip", dissector.dissect(LinkTypes.RAW, buf(IPV4)).get(0).name());
        assertEquals("ip", dissector.dissect(LinkTypes.IPV4, buf(IPV4)).get(0).name());
        var bad = dissector.dissectFull(LinkTypes.RAW, buf("15000000"));
        assertEquals(DecodeException.Kind.MALFORMED, bad.errors().get(0).kind());
    }

    @Test
    void aBrokenLinkTypePromiseIsDissectedByVersionAndFlagged() {
        var d = dissector.dissectFull(LinkTypes.IPV6, buf(IPV4)); // LINKTYPE_IPV6 carrying IPv4
        assertEquals("192.0.2.1", value(d.layers(), "ip.src"));
        assertEquals(1, d.errors().size());
        assertEquals(DecodeException.Kind.MALFORMED, d.errors().get(0).kind());
    }

    @Test
    void decodesAnMplsLabelStackDownToIp() {
        List<Field> layers = dissector.dissect(LinkTypes.ETHERNET, buf("020000000001" + "020000000002" + "8847"
                + "03e86" + "0" + "40" // label 16006, TC 0, S 0, TTL 64
                + "00001" + "1" + "ff" // label 1, TC 0, S 1, TTL 255
                + IPV4));
        assertEquals(List.of("eth", "mpls", "mpls", "ip"), layers.stream().map(Field::name).toList());
        assertEquals(16006L, value(layers, "mpls.label"));
        assertEquals(14, field(layers, "mpls.label").offset());
        assertEquals(64L, value(layers, "mpls.ttl"));
        assertEquals(1L, layers.get(2).find("mpls.bottom").value());
        assertEquals("192.0.2.2", value(layers, "ip.dst"));
    }

    @Test
    void unknownLinkTypeIsRawDataAndAnError() {
        var d = dissector.dissectFull(147, buf("0102"));
        assertEquals("data", d.layers().get(0).name());
        assertEquals(1, d.errors().size());
    }

    @Test
    void headersRoundTripByteForByte() {
        byte[] eth = Hex.decode("020000000001020000000002810000aabbcc");
        EthernetHeader e = EthernetHeader.decode(ByteBuffer.wrap(eth), 0, eth.length);
        assertArrayEquals(eth, e.encode(Hex.decode("00aabbcc")));
        VlanTag t = VlanTag.decode(ByteBuffer.wrap(Hex.decode("a07b0800")), 0, 4);
        assertEquals(new VlanTag(5, false, 123, 0x0800), t);
        assertArrayEquals(Hex.decode("a07b0800ff"), t.encode(new byte[] {(byte) 0xff}));
        byte[] sll = Hex.decode("00040001000602000000000300000800");
        assertArrayEquals(sll, SllHeader.decode(ByteBuffer.wrap(sll), 0, 16).encode(new byte[0]));
        byte[] sll2 = Hex.decode("0800000000000003000100060200000000040000");
        assertArrayEquals(sll2, Sll2Header.decode(ByteBuffer.wrap(sll2), 0, 20).encode(new byte[0]));
        assertThrows(DecodeException.class, () -> SllHeader.decode(ByteBuffer.wrap(sll), 0, 15));
    }
}

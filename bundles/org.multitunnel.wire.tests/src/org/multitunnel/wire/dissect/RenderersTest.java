package org.multitunnel.wire.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.Field;

/** The headless contract's JSON line and the tshark -V style text tree. */
class RenderersTest {
    private final PacketDissector dissector = new PacketDissector();

    @Test
    void jsonLineListsEveryValueInPacketOrderWithInnerAfterOuter() {
        // IPv4 in IPv4 (10.0.0.1 -> 10.0.0.2 carrying 10.1.0.5 -> 10.2.0.9, protocol 59)
        String inner = "4500001400004000403b" + "0000" + "0a0100050a020009";
        String outer = "4500002800004000" + "4004" + "0000" + "0a0000010a000002";
        List<Field> l = dissector.dissect(LinkTypes.IPV4, TestBytes.buf(outer + inner));
        String json = FieldsJson.line(12, 1700000000L, 123456000, l);
        assertTrue(json.startsWith("{\"frame\": 12, \"time\": 1700000000.123456, \"fields\": {\"ip.version\": [4, 4]"),
                json);
        assertTrue(json.contains("\"ip.src\": [\"10.0.0.1\", \"10.1.0.5\"]"), json);
        assertTrue(json.contains("\"ip.proto\": [4, 59]"), json);
        assertTrue(json.contains("\"ip.flags.df\": [1, 1]"), json); // booleans as 0/1
        assertTrue(json.contains("\"ip.checksum.status\": [0, 0]"), json); // both checksums left 0: bad
        assertTrue(json.endsWith("}}"), json);
    }

    @Test
    void jsonWritesBytesAsLowercaseHexAndNanosecondsWhenNeeded() {
        List<Field> l = dissector.dissect(LinkTypes.ETHERNET, TestBytes.buf("0180c2000000" + "0200000000aa" + "0003"
                + "ABCDEF"));
        String json = FieldsJson.line(1, 5, 7, l);
        assertTrue(json.contains("\"time\": 5.000000007"), json);
        assertTrue(json.contains("\"data.data\": [\"abcdef\"]"), json);
        assertTrue(json.contains("\"eth.len\": [3]"), json);
    }

    @Test
    void textTreeIndentsChildrenUnderTheirLayer() {
        List<Field> l = dissector.dissect(LinkTypes.ETHERNET, TestBytes.buf("0180c2000000" + "0200000000aa" + "0003"
                + "abcdef"));
        String text = FieldsText.packet(3, 17, l);
        assertEquals("Frame 3: 17 bytes captured\n"
                + "Ethernet II, Src: 02:00:00:00:00:aa, Dst: 01:80:c2:00:00:00\n"
                + "    Destination: 01:80:c2:00:00:00\n"
                + "    Source: 02:00:00:00:00:aa\n"
                + "    Length: 3\n"
                + "Data (3 bytes)\n"
                + "    Data: abcdef\n", text);
    }
}

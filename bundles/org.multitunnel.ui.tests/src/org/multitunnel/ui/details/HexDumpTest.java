package org.multitunnel.ui.details;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.Field;

/** The Bytes view's layout and its two mappings (field → highlighted text, clicked text → byte → field). */
class HexDumpTest {
    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (0x41 + i); // 'A', 'B', ...
        }
        return b;
    }

    @Test
    void rendersOffsetHexAndAsciiPerSixteenBytes() {
        HexDump d = new HexDump(bytes(18));
        String[] lines = d.text().split("\n");
        assertEquals(2, lines.length);
        assertEquals("0000  41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f 50  ABCDEFGHIJKLMNOP", lines[0]);
        assertEquals("0010  51 52" + " ".repeat(14 * 3 + 1) + " QR", lines[1]);
    }

    @Test
    void mapsClickedHexAndAsciiCharactersBackToTheirByte() {
        HexDump d = new HexDump(bytes(18));
        assertEquals(0, d.byteAt(6)); // first hex digit of byte 0
        assertEquals(0, d.byteAt(7)); // second hex digit
        assertEquals(15, d.byteAt(6 + 15 * 3));
        assertEquals(17, d.byteAt(HexDump.LINE + 6 + 3)); // "52" on the second line
        assertEquals(16, d.byteAt(HexDump.LINE + 6 + 16 * 3 + 1)); // 'Q' in the ASCII column
        assertEquals(-1, d.byteAt(2)); // offset column
        assertEquals(-1, d.byteAt(HexDump.LINE + 6 + 5 * 3)); // past the last byte
    }

    @Test
    void highlightsAFieldCrossingALineInBothColumns() {
        HexDump d = new HexDump(bytes(18));
        int[] r = d.ranges(14, 4); // bytes 14..17: two on each line
        assertArrayEquals(new int[] { 6 + 14 * 3, 5, 6 + 16 * 3 + 1 + 14, 2, HexDump.LINE + 6, 5,
            HexDump.LINE + 6 + 16 * 3 + 1, 2 }, r);
        assertEquals("4f 50", d.text().substring(r[0], r[0] + r[1]));
        assertEquals("QR", d.text().substring(r[6], r[6] + r[7]));
    }

    @Test
    void deepestFieldCoveringAByteIsFoundWithItsAncestors() {
        Field addr = Field.leaf("mip.homeaddr", "Home Address: 10.1.0.1", "10.1.0.1", 46, 4);
        Field type = Field.leaf("mip.type", "Message Type: 1", 1L, 42, 1);
        Field mip = Field.node("mip", "Mobile IP", null, 42, 28, List.of(type, addr));
        Field ip = Field.node("ip", "Internet Protocol", null, 14, 20, List.of());
        assertEquals(List.of(mip, addr), FieldLookup.deepestAt(List.of(ip, mip), 48));
        assertEquals(List.of(mip), FieldLookup.deepestAt(List.of(ip, mip), 44));
        assertEquals(List.of(), FieldLookup.deepestAt(List.of(ip, mip), 5));
    }
}

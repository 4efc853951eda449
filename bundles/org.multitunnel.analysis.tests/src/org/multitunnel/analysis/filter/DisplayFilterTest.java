package org.multitunnel.analysis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.PacketDissector;

/**
 * The display filter language on hand-built field trees (each operator, precedence, multiple occurrences,
 * pseudo-fields, syntax errors with positions) and on real dissections of the demo capture.
 */
class DisplayFilterTest {
    private static final Path DEMO = Path.of("../../test-captures/demo-multipath.pcapng");
    private static List<List<Field>> demo;

    /** A small RRQ-like packet: ip layer and a mip layer with two multipath extensions (BID 1 and BID 2). */
    private static final List<Field> RRQ = List.of(
            Field.node("ip", "IPv4", null, 14, 20, List.of(
                    Field.leaf("ip.src", "Source: 198.51.100.1", "198.51.100.1", 26, 4),
                    Field.leaf("ip.dst", "Destination: 203.0.113.1", "203.0.113.1", 30, 4),
                    Field.leaf("ip.proto", "Protocol: 17", 17L, 23, 1))),
            Field.node("mip", "Mobile IP", null, 42, 60, List.of(
                    Field.leaf("mip.type", "Type: 1", 1L, 42, 1),
                    Field.leaf("mip.homeaddr", "Home Address: 10.1.0.5", "10.1.0.5", 46, 4),
                    Field.leaf("mip.nai", "NAI: mn1@example.net", "mn1@example.net", 60, 15),
                    Field.node("mip.ext", "Multipath", null, 80, 8, List.of(
                            Field.leaf("mip.ext.mp.bid", "BID: 1", 1L, 84, 1))),
                    Field.node("mip.ext", "Multipath", null, 88, 8, List.of(
                            Field.leaf("mip.ext.mp.bid", "BID: 2", 2L, 92, 1))),
                    Field.leaf("mip.auth.auth", "Authenticator", new byte[] { 0x0a, 0x0b, 0x0c, 0x0d }, 96, 4))));

    private static final List<Field> V6 = List.of(Field.node("ipv6", "IPv6", null, 14, 40, List.of(
            Field.leaf("ipv6.src", "Source: 2001:db8::1", "2001:db8::1", 22, 16))));

    @BeforeAll
    static void readDemo() throws Exception {
        assertTrue(Files.isRegularFile(DEMO), "demo capture missing: " + DEMO.toAbsolutePath());
        demo = new ArrayList<>();
        PacketDissector d = new PacketDissector();
        try (CaptureFile f = CaptureFile.open(DEMO)) {
            for (int i = 0; i < f.packetCount(); i++) {
                demo.add(d.dissect(f.linkType(i), f.packet(i)));
            }
        }
    }

    private static boolean m(String filter, List<Field> layers) throws FilterSyntaxException {
        return DisplayFilter.parse(filter).matches(layers);
    }

    @Test
    void comparesIntegersWithEachOperator() throws Exception {
        assertTrue(m("mip.type == 1", RRQ));
        assertTrue(m("mip.type eq 0x01", RRQ));
        assertFalse(m("mip.type == 3", RRQ));
        assertTrue(m("mip.type != 3", RRQ));
        assertTrue(m("ip.proto < 18", RRQ));
        assertFalse(m("ip.proto < 17", RRQ));
        assertTrue(m("ip.proto <= 17", RRQ));
        assertTrue(m("ip.proto > 16", RRQ));
        assertFalse(m("ip.proto > 17", RRQ));
        assertTrue(m("ip.proto >= 0x11", RRQ));
    }

    @Test
    void comparesAddressesStringsAndBytes() throws Exception {
        assertTrue(m("mip.homeaddr == 10.1.0.5", RRQ));
        assertFalse(m("mip.homeaddr == 10.1.0.50", RRQ));
        assertTrue(m("ip.src > 100.0.0.1", RRQ)); // numeric, not text order: "198…" vs "100…" and 9 < 10
        assertTrue(m("mip.homeaddr < 10.1.0.10", RRQ));
        assertTrue(m("ipv6.src == 2001:db8:0:0::1", V6));
        assertFalse(m("ipv6.src == 2001:db8::2", V6));
        assertTrue(m("mip.nai == \"mn1@example.net\"", RRQ));
        assertTrue(m("mip.nai contains \"example\"", RRQ));
        assertFalse(m("mip.nai contains \"EXAMPLE\"", RRQ));
        assertTrue(m("mip.auth.auth == 0a:0b:0c:0d", RRQ));
        assertTrue(m("mip.auth.auth contains 0b:0c", RRQ));
        assertFalse(m("mip.auth.auth contains 0c:0b", RRQ));
    }

    @Test
    void equalsMatchesAnyOccurrenceAndNotEqualsNeedsEveryOccurrenceToDiffer() throws Exception {
        // RRQ carries two Multipath extensions, BID 1 and BID 2
        assertTrue(m("mip.ext.mp.bid == 1", RRQ));
        assertTrue(m("mip.ext.mp.bid == 2", RRQ));
        assertFalse(m("mip.ext.mp.bid == 3", RRQ));
        assertFalse(m("mip.ext.mp.bid != 1", RRQ)); // Wireshark >= 3.6: != is "all_ne", BID 1 is present
        assertTrue(m("mip.ext.mp.bid != 3", RRQ)); // every occurrence differs from 3
        assertTrue(m("mip.ext.mp.bid ~= 1", RRQ)); // "any_ne": BID 2 differs from 1
        assertTrue(m("mip.ext.mp.bid !== 1", RRQ));
        assertFalse(m("mip.ext.mp.bid === 1", RRQ)); // "all_eq": BID 2 is not 1
        assertTrue(m("mip.ext.mp.bid in {2, 3}", RRQ)); // some occurrence is an element
        assertTrue(m("all mip.ext.mp.bid in {1..2}", RRQ)); // every occurrence in the one range
        assertFalse(m("all mip.ext.mp.bid in {1, 2}", RRQ)); // tshark 4.0: one element must match every occurrence
        assertFalse(m("!(mip.ext.mp.bid == 1)", RRQ));
        assertFalse(m("gre.key != 1", RRQ)); // != needs the field: absent fields never differ
    }

    @Test
    void presenceAndBooleanOperatorsWithPrecedence() throws Exception {
        assertTrue(m("mip.ext.mp.bid", RRQ));
        assertTrue(m("mip", RRQ));
        assertFalse(m("gre", RRQ));
        assertTrue(m("not gre", RRQ));
        assertTrue(m("gre || mip.type == 1 && ip.proto == 17", RRQ));
        // && binds tighter than ||: false || (true && false) is false, (false || true) && false is false too,
        // so check a case where they differ: true || false && false
        assertTrue(m("mip || gre && udp", RRQ));
        assertFalse(m("(mip || gre) && udp", RRQ));
        assertTrue(m("mip.type == 1 and not (gre or udp)", RRQ));
        assertTrue(m("!gre && !udp", RRQ));
    }

    @Test
    void frameFieldsOfADissectionComeFromACallersFrameLayer() throws Exception {
        List<Field> withFrame = new ArrayList<>();
        withFrame.add(Field.node("frame", "Frame 7", null, 0, 60, List.of(
                Field.leaf("frame.number", "Frame Number: 7", 7L, 0, 0),
                Field.leaf("frame.len", "Frame Length: 60", 60L, 0, 0))));
        withFrame.addAll(RRQ);
        assertTrue(m("frame.number == 7 && frame.len < 100 && mip.type == 1", withFrame));
        assertFalse(m("frame.number == 8", withFrame));
        assertFalse(m("frame.number", RRQ)); // no frame record, no frame layer: absent
    }

    @Test
    void pseudoFieldsComeFromTheContext() throws Exception {
        FilterContext tunnel = FilterContext.of(true, "198.51.100.1", "203.0.113.1");
        assertTrue(DisplayFilter.parse("finding").matches(List.of(), tunnel));
        assertFalse(DisplayFilter.parse("finding").matches(List.of()));
        assertTrue(DisplayFilter.parse("tunnel.coa == 198.51.100.1 && tunnel.ha == 203.0.113.1").matches(List.of(), tunnel));
        assertFalse(DisplayFilter.parse("tunnel.coa").matches(List.of(), FilterContext.NONE));
        assertTrue(DisplayFilter.parse("tunnel.coa").matches(List.of(), tunnel));
    }

    @Test
    void syntaxErrorsCarryThePosition() {
        assertError("", 0, "empty filter");
        assertError("mip.type ==", 11, "expected a value after '=='");
        assertError("mip.type = 1", 9, "'=' is not an operator (use ==)");
        assertError("(mip.type == 1", 0, "'(' is not closed");
        assertError("mip.type == 1)", 13, "unbalanced ')'");
        assertError("mip.type == 1 gre", 14, "unexpected 'gre' (missing && or ||?)");
        assertError("mip & gre", 4, "'&' (bitwise and) needs an integer on its left; mip is a protocol (use && for 'and')");
        assertError("mip.nai == \"abc", 11, "string is not closed");
        assertError("mip &&", 6, "expected a field name or '(' at the end");
        assertError("12 == 3", 0, "the left side of a comparison must be a field or a function, not '12'");
        assertError("finding == 1", 8, "finding has no value: test it alone (e.g. 'finding' or '!finding')");
        assertError("mip.type == #", 12, "expected a value but found '#'");
    }

    private static void assertError(String filter, int position, String detail) {
        FilterSyntaxException e = assertThrows(FilterSyntaxException.class, () -> DisplayFilter.parse(filter),
                filter);
        assertEquals(detail, e.detail(), filter);
        assertEquals(position, e.position(), filter);
    }

    @Test
    void filtersTheDemoCaptureByMultipathBid() throws Exception {
        DisplayFilter bid2 = DisplayFilter.parse("mip.ext.mp.bid == 2");
        DisplayFilter anyMp = DisplayFilter.parse("mip.ext.mp");
        int withBid2 = 0;
        int withMp = 0;
        int expectedBid2 = 0;
        for (List<Field> layers : demo) {
            boolean bid2Here = false;
            for (Field l : layers) {
                for (Field f : l.findAll("mip.ext.mp.bid")) {
                    bid2Here |= Long.valueOf(2).equals(f.value());
                }
            }
            expectedBid2 += bid2Here ? 1 : 0;
            withBid2 += bid2.matches(layers) ? 1 : 0;
            withMp += anyMp.matches(layers) ? 1 : 0;
        }
        assertEquals(2968, demo.size());
        assertEquals(expectedBid2, withBid2);
        assertTrue(withBid2 > 0 && withBid2 < withMp, withBid2 + " of " + withMp);
        // frame 1 is the first RRQ: HoA 10.1.0.1, CoA 198.51.100.1, BID 1
        List<Field> frame1 = demo.get(0);
        assertTrue(DisplayFilter.parse("mip.homeaddr == 10.1.0.1 && mip.ext.mp.bid == 1 && udp.dstport == 434")
                .matches(frame1));
        assertFalse(DisplayFilter.parse("mip.homeaddr == 10.1.0.1 && mip.ext.mp.bid == 2").matches(frame1));
        int gre = 0;
        for (List<Field> layers : demo) {
            gre += DisplayFilter.parse("gre").matches(layers) ? 1 : 0;
        }
        assertTrue(gre > 0, "the demo capture has GRE tunnel packets");
    }
}

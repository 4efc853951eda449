package org.multitunnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.analysis.filter.DisplayFilter;
import org.multitunnel.analysis.filter.FilterSyntaxException;

/**
 * What tshark users reach for in {@code decode}: {@code -Y} (every packet a candidate), {@code --summary} (the
 * GUI's Packets columns), {@code -T fields -e … -E …}, {@code -c N} (packets read, as tshark) and {@code -r}.
 * Expected frame sets were checked against tshark 4.0.17 on the same captures.
 */
class DecodeTsharkOptionsTest {
    private static final String DEMO = TestCaptures.DEMO.toString();
    private static final String FOUR = TestCaptures.FOUR_NODES.toString();

    @Test
    void summaryPrintsTheGuiColumnsOnePacketPerLine() {
        CliRun r = CliRun.main("decode", DEMO, "--summary", "-c", "2");
        assertEquals(0, r.code(), r.toString());
        assertEquals(List.of(
                "    1 0.000000 198.51.100.1 → 192.0.2.1 MIPv4 113 RRQ HoA=10.1.0.1 CoA=198.51.100.1 BID=1 "
                        + "lifetime=300",
                "    2 0.001500 192.0.2.1 → 198.51.100.1 MIPv4 84 RRP code 0 REGISTRATION_ACCEPTED HoA=10.1.0.1"),
                r.lines());
    }

    @Test
    void summaryOfAPlainUdpPacketHasNoLeadingCommaInInfo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("udp.pcap");
        Files.write(f, TestCaptures.plainUdpPcap());
        CliRun r = CliRun.main("decode", f.toString(), "--summary");
        assertEquals(0, r.code(), r.toString());
        assertEquals(List.of("    1 0.000000 192.0.2.1 → 192.0.2.2 UDP 78 Data (50 bytes)"), r.lines());
    }

    @Test
    void summaryListsEveryPacketLikeTheGuiNotOnlySignalling() {
        CliRun r = CliRun.main("decode", DEMO, "--summary");
        assertEquals(2968, r.lines().size(), "tshark -r lists 2968 frames");
        assertEquals(18, CliRun.main("decode", DEMO, "--json").lines().size(), "--json keeps signalling only");
    }

    @Test
    void displayFilterMakesEveryPacketACandidate() {
        // GRE data packets are not signalling: without -Y the tree never shows them; tshark -Y gre: 334 frames.
        CliRun r = CliRun.main("decode", FOUR, "-Y", "gre", "--summary");
        assertEquals(0, r.code(), r.toString());
        assertEquals(334, r.lines().size());
        assertTrue(r.lines().get(0).startsWith("   35 1.000000 192.0.2.1 (172.16.0.6) → 198.51.100.2 (10.1.0.1) GRE "),
                r.lines().get(0));
        assertTrue(r.lines().stream().allMatch(l -> l.contains(" GRE ")), r.out());
        CliRun json = CliRun.main("decode", FOUR, "--display-filter", "gre", "--json");
        assertEquals(334, json.lines().size());
        assertTrue(json.lines().stream().allMatch(l -> l.contains("\"gre.proto\"")), json.out());
    }

    @Test
    void displayFilterKeepsOnlyMatchingSignallingInJson() {
        CliRun r = CliRun.main("decode", DEMO, "-Y", "mip.type == 3", "--json");
        assertEquals(9, r.lines().size(), r.toString()); // the demo's 9 replies (demo-multipath.expected.json)
        assertTrue(r.lines().stream().allMatch(l -> l.contains("\"mip.type\": [3]")), r.out());
    }

    @Test
    void frameFieldsWorkInTheDisplayFilterAsInTshark() {
        assertEquals(List.of("1", "2", "3"), CliRun.main("decode", DEMO, "-Y", "frame.number <= 3", "-T", "fields",
                "-e", "frame.number").lines());
        // tshark -Y 'frame.len > 100 && frame.number < 10' -T fields -e frame.number -e frame.len: the requests
        assertEquals(List.of("1\t113", "3\t113", "5\t113", "7\t121", "9\t113"), CliRun.main("decode", DEMO, "-Y",
                "frame.len > 100 && frame.number < 10", "-T", "fields", "-e", "frame.number", "-e", "frame.len")
                .lines());
        // tshark -Y 'frame.protocols contains "gre"': 334 frames
        assertEquals(334, CliRun.main("decode", FOUR, "-Y", "frame.protocols contains \"gre\"", "--summary").lines()
                .size());
    }

    @Test
    void countLimitsThePacketsReadBeforeTheFilterAsTsharkDoes() {
        // Frames 1-4 are request, reply, request, reply: -c 4 reads four, -Y keeps the two replies.
        CliRun r = CliRun.main("decode", DEMO, "-c", "4", "-Y", "mip.type == 3", "--summary");
        assertEquals(List.of(2, 4), r.lines().stream().map(l -> Integer.parseInt(l.strip().split(" ")[0])).toList(),
                r.toString());
        assertEquals(3, CliRun.main("decode", DEMO, "-c3", "--summary").lines().size(), "attached value -c3");
        assertEquals(3, CliRun.main("decode", DEMO, "--count=3", "--json").lines().size(), "--count=3");
    }

    @Test
    void fieldsPrintsTheNamedFieldsTabSeparatedWithOccurrencesJoinedByComma() {
        CliRun r = CliRun.main("decode", DEMO, "-T", "fields", "-e", "frame.number", "-e", "frame.time_relative",
                "-e", "ip.src", "-e", "mip.ext.type", "-e", "mip.ext.mp.bid", "-c", "4");
        assertEquals(0, r.code(), r.toString());
        // Requests carry the Multipath (154), MN-HA (32) and, first, the type-131 extension; replies only MN-HA.
        assertEquals(List.of("1\t0.000000000\t198.51.100.1\t131,154,32\t1", "2\t0.001500000\t192.0.2.1\t32\t",
                "3\t0.050000000\t198.51.100.2\t131,154,32\t2", "4\t0.051500000\t192.0.2.1\t32\t"), r.lines());
    }

    @Test
    void fieldsLayoutFollowsTsharksDashESettings() {
        assertEquals(List.of("frame.number,ip.src,mip.ext.type", "\"1\",\"198.51.100.1\",\"131,154,32\"",
                "\"2\",\"192.0.2.1\",\"32\""), CliRun.main("decode", DEMO, "-T", "fields", "-e", "frame.number",
                        "-e", "ip.src", "-e", "mip.ext.type", "-E", "header=y", "-E", "separator=,", "-E", "quote=d",
                        "-c", "2").lines());
        assertEquals(List.of("131", "32"), CliRun.main("decode", DEMO, "-T", "fields", "-e", "mip.ext.type", "-E",
                "occurrence=f", "-c", "2").lines());
        assertEquals(List.of("32", "32"), CliRun.main("decode", DEMO, "-T", "fields", "-e", "mip.ext.type", "-E",
                "occurrence=l", "-c", "2").lines());
        assertEquals(List.of("'131;154;32' '10.1.0.1'"), CliRun.main("decode", DEMO, "-T", "fields", "-e",
                "mip.ext.type", "-e", "mip.homeaddr", "-E", "separator=/s", "-E", "aggregator=;", "-E", "quote=s",
                "-c", "1").lines());
    }

    @Test
    void fieldsWithAFilterPrintOnlyMatchingPackets() {
        CliRun r = CliRun.main("decode", FOUR, "-T", "fields", "-e", "frame.number", "-Y", "ip.src == 198.51.100.2");
        assertEquals(31, r.lines().size(), "tshark -Y 'ip.src == 198.51.100.2': 31 frames");
    }

    @Test
    void readFileOptionIsTheSameAsTheFileWord() {
        assertEquals(CliRun.main("decode", DEMO, "--json").out(), CliRun.main("decode", "-r", DEMO, "--json").out());
    }

    @Test
    void optionCombinationsThatCannotWorkAreOneLineUsageErrors() {
        String[][] bad = {
            { "decode", DEMO, "-T", "json" }, // only -T fields
            { "decode", DEMO, "-e", "ip.src" }, // -e needs -T fields
            { "decode", DEMO, "-T", "fields" }, // -T fields needs -e
            { "decode", DEMO, "-E", "header=y" }, // -E needs -T fields
            { "decode", DEMO, "-T", "fields", "-e", "ip.src", "-E", "header=maybe" },
            { "decode", DEMO, "-T", "fields", "-e", "ip.src", "-E", "colour=red" },
            { "decode", DEMO, "-T", "fields", "-e", "ip.src == 1" }, // not a field name
            { "decode", DEMO, "--json", "--summary" },
            { "decode", DEMO, "-c", "0" },
            { "decode", DEMO, "-c", "many" },
            { "decode", DEMO, "-Y" },
            { "decode", DEMO, DEMO },
            { "decode", "-r", DEMO, DEMO },
            { "decode" },
        };
        for (String[] args : bad) {
            CliRun r = CliRun.main(args);
            assertEquals(64, r.code(), String.join(" ", args) + "\n" + r);
            assertOneLine(r, "multitunnel decode: ");
            assertEquals("", r.out(), String.join(" ", args));
        }
    }

    @Test
    void badFilterIsOneLineWithTheEnginesMessageAndExit64() {
        for (String f : List.of("mip.code ==", "(mip", "mip.code = 1", "mip.code == 1 &&")) {
            FilterSyntaxException engine = assertThrows(FilterSyntaxException.class, () -> DisplayFilter.parse(f));
            CliRun r = CliRun.main("decode", DEMO, "-Y", f);
            assertEquals(64, r.code(), r.toString());
            assertOneLine(r, "multitunnel decode: -Y '" + f + "': " + engine.getMessage());
            CliRun a = CliRun.main("analyze", DEMO, "-Y", f);
            assertEquals(64, a.code(), a.toString());
            assertOneLine(a, "multitunnel analyze: -Y '" + f + "': " + engine.getMessage());
        }
    }

    @Test
    void unknownFieldsAreErrorsInFiltersAndInDashE() {
        CliRun y = CliRun.main("decode", DEMO, "-Y", "ip.adr == 198.51.100.2");
        assertEquals(64, y.code(), y.toString());
        assertOneLine(y, "multitunnel decode: -Y 'ip.adr == 198.51.100.2': unknown field 'ip.adr', did you mean "
                + "ip.addr?");
        CliRun e = CliRun.main("decode", DEMO, "-T", "fields", "-e", "mip.foo");
        assertEquals(64, e.code(), e.toString());
        assertOneLine(e, "multitunnel decode: -e 'mip.foo': unknown field 'mip.foo'");
        CliRun a = CliRun.main("analyze", DEMO, "-Y", "mip.foo == 3");
        assertEquals(64, a.code(), a.toString());
        assertOneLine(a, "multitunnel analyze: -Y 'mip.foo == 3': unknown field 'mip.foo'");
    }

    @Test
    void wiresharkAddressAndPortFieldsSelectWhatTsharkSelects() {
        // tshark 4.0.17 on scenario-four-nodes.pcapng (issue 12): ip.addr == 198.51.100.2 118 frames,
        // udp.port == 434 176
        assertEquals(118, CliRun.main("decode", FOUR, "-Y", "ip.addr == 198.51.100.2", "--summary").lines().size());
        assertEquals(176, CliRun.main("decode", FOUR, "-Y", "udp.port == 434", "--summary").lines().size());
    }

    @Test
    void guiOnlyPseudoFieldsAreRefusedRatherThanMatchingNothing() {
        for (String f : List.of("finding", "!finding && mip", "tunnel.coa == 198.51.100.2")) {
            CliRun r = CliRun.main("decode", DEMO, "-Y", f);
            assertEquals(64, r.code(), f + ": " + r);
            assertOneLine(r, "multitunnel decode: -Y '" + f + "': '");
        }
        // ... but a quoted string that happens to contain such a word is not a field
        assertEquals(0, CliRun.main("decode", DEMO, "-Y", "mip.nai contains \"finding\"").code());
    }

    static void assertOneLine(CliRun r, String prefix) {
        String err = r.err();
        assertTrue(err.startsWith(prefix), "stderr starts with '" + prefix + "':\n" + err);
        assertTrue(err.endsWith("\n") && err.indexOf('\n') == err.length() - 1, "exactly one line:\n" + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no exception text:\n" + err);
    }
}

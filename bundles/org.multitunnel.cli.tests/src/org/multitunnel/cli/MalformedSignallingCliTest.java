package org.multitunnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.write.PcapngWriter;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.JsonReader;
import org.multitunnel.wire.dissect.Addresses;
import org.multitunnel.wire.ip.Ipv4Header;
import org.multitunnel.wire.ip.Ipv6Header;
import org.multitunnel.wire.ip.UdpHeader;

/**
 * What a user of {@code decode} and {@code analyze} sees of broken signalling: a registration cut short is listed
 * by the default {@code decode} (not only with {@code --all}) with every field present and {@code _ws.malformed},
 * and {@code analyze} reports it at its frame; an extension overrun, a short traffic selector and a short mobility
 * header likewise. Every malformation {@code analyze} reports is marked in the decode of that frame.
 */
class MalformedSignallingCliTest {
    @TempDir
    Path dir;

    private static final String REQUEST = "01" + "02" + "012c" + "0a010005" + "c0000201" + "c6336407"
            + "0102030405060708"; // Registration Request fixed part: T, lifetime 300, HoA, HA, CoA, identification

    private Path capture() throws Exception {
        List<byte[]> frames = List.of(
                v4(Hex.decode("0102012c0a010005c0000201c633640701020304")), // 1: request, 20 of 24 bytes
                v4(Hex.decode(REQUEST + "20" + "14" + "00000100" + "0102")), // 2: MN-HA Length 20, 6 bytes there
                v4(Hex.decode(REQUEST + "9a02000a" + "010101" + "01" // 3: Flow Binding, Length 10, Action/BIDs, TS 1
                        + "c000" + "0a000001")), // flags A+B (8 bytes) but only the start source address
                Ipv6Header.builder().nextHeader(135).source(Hex.decode("20010db8000a00000000000000000005"))
                        .destination(Hex.decode("20010db8000100000000000000000001"))
                        .build(Hex.decode("3b" + "00" + "05" + "00" + "0000" + "0007"))); // 4: BU in 8 bytes
        Path file = dir.resolve("broken.pcapng");
        try (PcapngWriter w = PcapngWriter.create(file, "broken signalling", false)) {
            int ifc = w.addInterface(101, 65535, "raw"); // LINKTYPE_RAW: IPv4 and IPv6
            long t = 1_700_000_000_000_000_000L;
            for (byte[] f : frames) {
                w.write(ifc, t += 1_000_000, ByteBuffer.wrap(f), f.length);
            }
        }
        return file;
    }

    private static byte[] v4(byte[] message) {
        return Ipv4Header.builder().protocol(17).source(Addresses.parseIpv4("198.51.100.7"))
                .destination(Addresses.parseIpv4("192.0.2.1"))
                .build(UdpHeader.builder().sourcePort(434).destinationPort(434).build(message));
    }

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    @SuppressWarnings("unchecked")
    void defaultDecodeListsShortSignallingWithItsFieldsAndTheMalformedMarker() throws Exception {
        Path file = capture();
        Map<Long, Map<String, Object>> byFrame = new HashMap<>();
        for (String line : run("decode", file.toString(), "--json").split("\n")) {
            Map<String, Object> o = (Map<String, Object>) JsonReader.parse(line);
            byFrame.put(((Number) o.get("frame")).longValue(), (Map<String, Object>) o.get("fields"));
        }
        assertEquals(List.of(1L, 2L, 3L, 4L), byFrame.keySet().stream().sorted().toList(), "all listed by default");
        Map<String, Object> first = byFrame.get(1L);
        assertEquals(List.of(1L), num(first.get("mip.type")));
        assertEquals(List.of("10.1.0.5"), first.get("mip.homeaddr"));
        assertEquals(List.of("198.51.100.7"), first.get("mip.coa"));
        assertEquals(List.of(28L + 16), num(first.get("_ws.malformed.offset")), "at the cut Identification");
        assertTrue(byFrame.get(4L).containsKey("mip6.bu.seqnr"));
        String text = run("decode", file.toString());
        assertTrue(text.contains("Registration Request (truncated: 20 of 24 bytes)"), text);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyMalformationAnalyzeReportsIsMarkedInTheDecodeOfItsFrame() throws Exception {
        Path file = capture();
        Map<String, Object> report = (Map<String, Object>) JsonReader.parse(run("analyze", file.toString(),
                "--json", "-"));
        Map<Long, String> decoded = new HashMap<>();
        for (String line : run("decode", file.toString(), "--json").split("\n")) {
            Map<String, Object> o = (Map<String, Object>) JsonReader.parse(line);
            decoded.put(((Number) o.get("frame")).longValue(), line);
        }
        Map<String, Long> malformations = new HashMap<>();
        for (Object o : (List<Object>) report.get("findings")) {
            Map<String, Object> f = (Map<String, Object>) o;
            String rule = (String) f.get("rule");
            long frame = ((Number) f.get("frame")).longValue();
            assertTrue(frame >= 1 && frame <= 4, f.toString());
            assertTrue(f.containsKey("homeAddress") && f.containsKey("bids") && f.containsKey("tunnels"),
                    f.toString());
            if (List.of("RFC5944-3.3-TRUNCATED", "RFC5944-1.11-EXT-TRUNCATED", "RFC7629-4.2-TS-LENGTH",
                    "RFC6275-9.2-MALFORMED").contains(rule)) {
                malformations.put(rule, frame);
                assertTrue(decoded.get(frame).contains("\"_ws.malformed.offset\""), rule + " frame " + frame);
            }
        }
        assertEquals(Map.of("RFC5944-3.3-TRUNCATED", 1L, "RFC5944-1.11-EXT-TRUNCATED", 2L,
                "RFC7629-4.2-TS-LENGTH", 3L, "RFC6275-9.2-MALFORMED", 4L), malformations);
    }

    private static List<Long> num(Object list) {
        return ((List<?>) list).stream().map(x -> ((Number) x).longValue()).toList();
    }
}

package org.multitunnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.JsonReader;

/**
 * {@code multitunnel decode --json --all} over every capture the project has — the public ones (227 hostile
 * files among them) and the synthesized scenarios: no exception escapes, no dissector bug is reported, every
 * output line is a JSON object of the contract's shape, and files that are not captures get exit code 65.
 */
class DecodeEveryCaptureTest {
    @Test
    void decodesEveryCaptureWithoutAnEscapingErrorAndWithValidJsonLines() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of("../../test-captures"))) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".json")
                    && !p.toString().endsWith(".md")).sorted().toList();
        }
        assertTrue(files.size() > 230, "captures found: " + files.size());
        int decoded = 0;
        long lines = 0;
        for (Path f : files) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(List.of("decode", f.toString(), "--json", "--all"),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                            StandardCharsets.UTF_8));
            String errText = err.toString(StandardCharsets.UTF_8);
            assertTrue(code == 0 || code == 65, f + " exit " + code + ": " + errText);
            assertFalse(errText.contains("dissector bug"), f + ": " + errText);
            if (code == 0) {
                decoded++;
                for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    Object o = JsonReader.parse(line);
                    assertTrue(o instanceof Map<?, ?> m && m.containsKey("frame") && m.containsKey("time")
                            && m.get("fields") instanceof Map, f + ": " + line);
                    lines++;
                }
            } else {
                assertTrue(errText.contains("multitunnel decode:"), f + ": " + errText);
            }
        }
        assertTrue(decoded > 200, "decoded " + decoded + " of " + files.size());
        assertTrue(lines > 5000, "packets decoded " + lines);
    }

    @Test
    void decodeOfTheDemoShowsTheMultipathExtensionOfEveryRequest() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(List.of("decode", "../../test-captures/demo-multipath.pcapng", "--json"),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, code);
        int requests = 0;
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) ((Map<String, Object>) JsonReader.parse(line))
                    .get("fields");
            List<?> type = (List<?>) fields.get("mip.type");
            if (type != null && type.get(0).toString().equals("1")) {
                requests++;
                assertTrue(fields.containsKey("mip.ext.mp.bid"), line);
            }
        }
        // The demo's ground truth (demo-multipath.expected.json) lists 9 registration requests.
        assertEquals(9, requests);
    }
}

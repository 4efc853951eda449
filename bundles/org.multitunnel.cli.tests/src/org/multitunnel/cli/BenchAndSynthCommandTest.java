package org.multitunnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code multitunnel synth} writes a scenario and its ground truth; {@code multitunnel bench} times it. */
class BenchAndSynthCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(Command c, String... args) throws Exception {
        return c.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void synthWritesTheCaptureAndItsExpectedJson() throws Exception {
        Path file = dir.resolve("s.pcap");
        assertEquals(0, run(new SynthCommand(), file.toString(), "--mns", "2", "--coas", "2", "--seconds", "5",
                "--pps", "10", "--seed", "9"));
        assertTrue(Files.size(file) > 24);
        byte[] head = Files.readAllBytes(file);
        assertEquals(0xd4c3b2a1, (head[0] & 0xff) << 24 | (head[1] & 0xff) << 16 | (head[2] & 0xff) << 8
                | (head[3] & 0xff), "pcap chosen from the .pcap extension (little-endian µs magic)");
        String json = Files.readString(dir.resolve("s.expected.json"));
        assertTrue(json.contains("\"format\": \"pcap\""), json);
        assertTrue(json.contains("\"dataPackets\": 40"), json); // 4 s of data at 10 packets/s
        assertTrue(out().startsWith(file + ": 50 packets (40 tunnelled, 5 requests, 5 replies), 2 mobile nodes, "
                + "4 tunnels (ipip, gre, minenc, udp)"), out());
    }

    @Test
    void benchPrintsEveryStageAsJson() throws Exception {
        Path file = dir.resolve("b.pcapng");
        run(new SynthCommand(), file.toString(), "--seconds", "5", "--pps", "20");
        String packets = out().substring(out().indexOf(": ") + 2, out().indexOf(" packets"));
        out.reset();
        assertEquals(0, run(new BenchCommand(), file.toString(), "--repeat", "0", "--json"));
        String json = out().trim();
        assertTrue(json.startsWith("{\"file\": \"" + file + "\", \"bytes\": " + Files.size(file) + ", \"stages\": ["),
                json);
        for (String stage : List.of("index", "stream", "classify", "tunnels", "gui", "decode")) {
            assertTrue(json.contains("{\"stage\": \"" + stage + "\", \"packets\": " + packets + ","),
                    stage + " in " + json);
        }
    }

    @Test
    void benchPrintsATableForChosenStages() throws Exception {
        Path file = dir.resolve("t.pcapng");
        run(new SynthCommand(), file.toString(), "--seconds", "3", "--pps", "10", "--no-flow-bindings");
        out.reset();
        assertEquals(0, run(new BenchCommand(), file.toString(), "--only", "tunnels", "--repeat", "1",
                "--interval", "0.5"));
        String[] lines = out().split("\n");
        assertTrue(lines[1].startsWith("stage"), out());
        assertTrue(lines[2].startsWith("tunnels"), out());
        assertTrue(lines[2].contains("tunnels, "), out());
        assertTrue(lines[3].startsWith("memory: heap in use"), out());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThrows(UsageException.class, () -> run(new BenchCommand()));
        assertThrows(UsageException.class, () -> run(new BenchCommand(), "x.pcap", "--only", "everything"));
        assertThrows(UsageException.class, () -> run(new BenchCommand(), "x.pcap", "--interval", "-1"));
        assertThrows(UsageException.class, () -> run(new SynthCommand(), "x.pcap", "--coas", "5-2"));
        assertThrows(UsageException.class, () -> run(new SynthCommand(), "x.pcap", "--format", "csv"));
        assertThrows(UsageException.class, () -> run(new SynthCommand(), "x.pcap", "--mns", "many"));
    }

    @Test
    void benchOnAMissingFileExits66() throws Exception {
        Path none = dir.resolve("none.pcap");
        CliRun r = CliRun.command(new BenchCommand(), none.toString());
        assertEquals(66, r.code(), r.toString());
        assertEquals("multitunnel bench: " + none + ": no such file\n", r.err());
    }
}

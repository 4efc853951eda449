package org.multitunnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command and option, given what a new user types by mistake — a directory, a missing file, an output in a
 * folder that does not exist or under a file, a zero interval, a host that does not resolve, an address that is
 * not IPv4, a port in use: one line on stderr naming the file or value, the sysexits code, never an exception or a
 * stack trace. The exact messages of the examples are asserted in full.
 */
class CommandLineErrorsTest {
    private static final String DEMO = TestCaptures.DEMO.toString();

    /** The capture engine's words for a directory given as a capture. */
    private static final String NOT_A_CAPTURE =
            ": is a directory, not a regular file; a capture must be a regular file";

    /** One mistaken command line, its exit code and the start of its one line on stderr. */
    private record Case(int code, String prefix, String... args) {
    }

    @Test
    void everyCommandReportsBadFilesAndValuesOnOneLineWithItsSysexitsCode(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path keys = Files.writeString(dir.resolve("mnha.keys"), "256 00112233445566778899aabbccddeeff\n");
        Files.setPosixFilePermissions(keys, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        String key = keys.toString();
        String under = file.resolve("x.out").toString(); // a path whose parent is a regular file
        String missing = dir.resolve("missing.pcap").toString();
        List<Case> cases = new ArrayList<>(List.of(
                // inputs: missing, a directory (66)
                new Case(66, "multitunnel decode: " + dir + NOT_A_CAPTURE, "decode", dir.toString()),
                new Case(66, "multitunnel decode: " + missing + ": no such file", "decode", missing),
                new Case(66, "multitunnel analyze: " + dir + NOT_A_CAPTURE, "analyze",
                        dir.toString()),
                new Case(66, "multitunnel bench: " + dir + NOT_A_CAPTURE, "bench", dir.toString()),
                new Case(66, "multitunnel replay: " + dir + NOT_A_CAPTURE, "replay", dir.toString(),
                        "--to", "127.0.0.1:9"),
                new Case(66, "multitunnel send: --template " + dir + ": is a directory, not a file", "send",
                        "--template", dir.toString(), "--to", "127.0.0.1:9"),
                new Case(66, "multitunnel agent: --config " + dir + ": is a directory, not a file", "agent", "ha",
                        "--config", dir.toString()),
                // outputs that cannot be created (73)
                new Case(73, "multitunnel analyze: --json " + under + ": " + file + " is a file, not a folder",
                        "analyze", DEMO, "--json", under),
                new Case(73, "multitunnel analyze: --json " + dir + ": is a directory, not a file", "analyze", DEMO,
                        "--json", dir.toString()),
                new Case(73, "multitunnel analyze: --csv " + file + ": is a file, not a folder", "analyze", DEMO,
                        "--csv", file.toString()),
                new Case(73, "multitunnel synth: OUT " + under + ": " + file + " is a file, not a folder", "synth",
                        under),
                new Case(73, "multitunnel agent: --record " + under + ": " + file + " is a file, not a folder",
                        "agent", "ha", "--key-file", key, "--record", under),
                new Case(73, "multitunnel conformance: --junit " + under + ": " + file + " is a file, not a folder",
                        "conformance", "--target", "127.0.0.1:9", "--junit", under),
                new Case(73, "multitunnel send: --pcapng " + under + ": " + file + " is a file, not a folder", "send",
                        "--to", "127.0.0.1:9", "--home-address", "10.1.0.5", "--care-of", "10.0.0.1", "--pcapng",
                        under),
                // values: the true range, the real problem
                new Case(64, "multitunnel analyze: --interval wants seconds from 0.000000001 to 86400 (at most 9 "
                        + "decimals), not '0'", "analyze", DEMO, "--interval", "0"),
                new Case(64, "multitunnel analyze: --interval wants seconds from 0.000000001 to 86400", "analyze",
                        DEMO, "--interval", "86400.5"),
                new Case(64, "multitunnel analyze: --interval wants seconds from 0.000000001 to 86400", "analyze",
                        DEMO, "--interval", "0.0000000001"),
                new Case(64, "multitunnel bench: --interval wants seconds from 0.000000001 (at most 9 decimals), not "
                        + "'-1'", "bench", DEMO, "--interval", "-1"),
                new Case(64, "multitunnel synth: --interval wants seconds from 0.000000001", "synth",
                        dir.resolve("s.pcapng").toString(), "--interval", "0"),
                new Case(68, "multitunnel send: --to nosuchhost.invalid:434: host 'nosuchhost.invalid' does not "
                        + "resolve", "send", "--to", "nosuchhost.invalid:434", "--home-address", "10.1.0.5",
                        "--care-of", "10.0.0.1"),
                new Case(68, "multitunnel conformance: --target nosuchhost.invalid:434: host 'nosuchhost.invalid' "
                        + "does not resolve", "conformance", "--target", "nosuchhost.invalid:434"),
                new Case(68, "multitunnel replay: --to nosuchhost.invalid:434: host 'nosuchhost.invalid' does not "
                        + "resolve", "replay", DEMO, "--to", "nosuchhost.invalid:434"),
                new Case(64, "multitunnel send: --to wants HOST:PORT, not '127.0.0.1'", "send", "--to", "127.0.0.1",
                        "--home-address", "10.1.0.5", "--care-of", "10.0.0.1"),
                new Case(64, "multitunnel send: --to port must be 1..65535, not 0", "send", "--to", "127.0.0.1:0",
                        "--home-address", "10.1.0.5", "--care-of", "10.0.0.1"),
                new Case(64, "multitunnel agent: --deny-multipath wants a dotted IPv4 address, not 'foo'", "agent",
                        "ha", "--key-file", key, "--deny-multipath", "foo"),
                new Case(64, "multitunnel agent: --nonce wants a dotted IPv4 address, not '10.1.0'", "agent", "ha",
                        "--key-file", key, "--nonce", "10.1.0"),
                new Case(64, "multitunnel agent: --home-address wants a dotted IPv4 address, not '10.1.0.256'",
                        "agent", "mn", "--key-file", key, "--home-agent", "127.0.0.1:9", "--home-address", "10.1.0.256",
                        "--care-of", "127.0.0.1"),
                new Case(64, "multitunnel agent: --care-of wants a dotted IPv4 address, not 'lo'", "agent", "mn",
                        "--key-file", key, "--home-agent", "127.0.0.1:9", "--home-address", "10.1.0.5", "--care-of",
                        "lo"),
                new Case(64, "multitunnel decode: unknown option --jsn", "decode", DEMO, "--jsn"),
                new Case(64, "multitunnel analyze: unexpected argument '--jsn'", "analyze", DEMO, "--jsn"),
                new Case(64, "multitunnel bench: unknown stage 'fast'", "bench", DEMO, "--only", "fast"),
                new Case(64, "multitunnel synth: --mns needs a number: many", "synth", dir.resolve("s.pcapng")
                        .toString(), "--mns", "many"),
                new Case(69, "multitunnel agent: --care-of 203.0.113.9: cannot listen there: ", "agent", "mn",
                        "--key-file", key, "--home-agent", "127.0.0.1:9", "--home-address", "10.1.0.5", "--care-of",
                        "203.0.113.9"),
                new Case(69, "multitunnel send: --from 203.0.113.77: ", "send", "--to", "127.0.0.1:9",
                        "--home-address", "10.1.0.5", "--care-of", "10.0.0.1", "--from", "203.0.113.77",
                        "--timeout", "10", "--transmissions", "1")));
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String listen = "127.0.0.1:" + taken.getLocalPort();
            cases.add(new Case(69, "multitunnel agent: --listen " + listen + ": cannot listen there: ", "agent", "ha",
                    "--key-file", key, "--listen", listen));
            for (Case c : cases) {
                CliRun r = CliRun.main(c.args());
                String what = String.join(" ", c.args()) + "\n" + r;
                assertEquals(c.code(), r.code(), what);
                DecodeTsharkOptionsTest.assertOneLine(r, c.prefix());
            }
        }
        assertEquals(List.of("a-file", "mnha.keys"), Files.list(dir).map(p -> p.getFileName().toString()).sorted()
                .toList(), "nothing was created beside the files");
    }

    @Test
    void outputsCreateTheirMissingFoldersLikeCsvAlwaysDid(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("new/deeper/analysis.json");
        Path csv = dir.resolve("other/new/csv");
        CliRun r = CliRun.main("analyze", DEMO, "--json", json.toString(), "--csv", csv.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(Files.readString(json).startsWith("{"), "JSON written");
        assertTrue(Files.isRegularFile(csv.resolve("findings.csv")), "CSV written");
        Path pcapng = dir.resolve("synth/out/s.pcapng");
        assertEquals(0, CliRun.main("synth", pcapng.toString(), "--mns", "1", "--seconds", "2", "--pps", "10")
                .code());
        assertTrue(Files.size(pcapng) > 0);
    }

    @Test
    void helpCommandPrintsThatCommandsUsage() {
        for (Command c : Commands.all()) {
            CliRun r = CliRun.main("help", c.name());
            assertEquals(0, r.code(), c.name());
            assertEquals(c.usage(), r.out(), "help " + c.name() + " prints " + c.name() + "'s usage");
        }
        CliRun r = CliRun.main("help", "frobnicate");
        assertEquals(64, r.code());
        DecodeTsharkOptionsTest.assertOneLine(r, "multitunnel help: unknown command 'frobnicate'");
        assertEquals(0, CliRun.main("help").code());
        assertTrue(CliRun.main("help").out().contains("Usage: multitunnel COMMAND"));
    }

    @Test
    void agentHelpCitesRfc5944Section19ForUnknownExtensions() {
        String usage = new AgentCommand().usage();
        int at = usage.indexOf("--discard-unknown");
        String entry = usage.substring(at, usage.indexOf('\n', usage.indexOf('\n', at) + 1));
        // RFC 5944 §1.9 defines the skippable (128-255) and non-skippable (0-127) extensions: errata 4133/4134 place
        // the long format in §1.10 and the short one in §1.11 "compatible with the skippable extensions defined in
        // Section 1.9".
        assertTrue(entry.contains("(RFC 5944 §1.9)"), entry);
        for (Command c : Commands.all()) {
            assertTrue(!c.usage().contains("§1.8"), c.name() + " --help cites §1.8");
        }
    }
}

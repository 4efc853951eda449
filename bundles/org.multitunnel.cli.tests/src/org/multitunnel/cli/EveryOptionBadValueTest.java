package org.multitunnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class behind the new-user errors: every option every command's --help names, given a value that is wrong
 * for any kind of option (empty, or a path under a regular file that is also no number, address or name), never
 * ends in an unexpected exception (exit 70) or exception text; a failure's last stderr line is
 * {@code multitunnel COMMAND: …}, and nothing is created anywhere. Commands run in-process on loopback; an agent
 * whose options happen to be accepted stops at once.
 */
class EveryOptionBadValueTest {
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--[a-z][a-z0-9-]*|-[A-Za-z])(?![\\w-])");
    private static final String KEY = "256:00112233445566778899aabbccddeeff";

    @Test
    void noOptionValueEndsInAnUnexpectedException(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        String bad = file.resolve("9x").toString(); // not a number, address, host or creatable path
        String demo = TestCaptures.DEMO.toString();
        Map<String, List<String>> bases = Map.of(
                "decode", List.of(demo),
                "analyze", List.of(demo),
                "bench", List.of(demo, "--only", "stream", "--repeat", "0"),
                "synth", List.of(file.resolve("s.pcapng").toString(), "--mns", "1", "--seconds", "1", "--pps", "1"),
                "send", List.of("--to", "127.0.0.1:9", "--home-address", "10.1.0.5", "--care-of", "10.0.0.1",
                        "--timeout", "10", "--transmissions", "1"),
                "replay", List.of(demo, "--to", "127.0.0.1:9", "--timeout", "10", "--transmissions", "1"),
                "conformance", List.of("--target", "127.0.0.1:9", "--only", "RFC5944-3.4", "--timeout", "10",
                        "--transmissions", "1"),
                "lab", List.of("status", "--state-dir", dir.resolve("lab").toString()));
        int runs = 0;
        for (Command c : Commands.all()) {
            List<List<String>> variants = new ArrayList<>();
            if (c instanceof AgentCommand) {
                variants.add(List.of("ha", "--listen", "127.0.0.1:0", "--key", KEY));
                variants.add(List.of("fa", "--listen", "127.0.0.1:0", "--home-agent", "127.0.0.1:9"));
                variants.add(List.of("mn", "--home-agent", "127.0.0.1:9", "--home-address", "10.1.0.5", "--care-of",
                        "127.0.0.1", "--key", KEY));
            } else {
                variants.add(bases.getOrDefault(c.name(), List.of()));
            }
            for (String option : options(c.usage())) {
                for (List<String> base : variants) {
                    for (String value : List.of("", bad)) {
                        List<String> args = new ArrayList<>(base);
                        args.add(option);
                        args.add(value);
                        check(c, args);
                        runs++;
                    }
                }
            }
        }
        assertTrue(runs > 300, "runs: " + runs);
        try (var s = Files.list(dir)) {
            assertEquals(List.of("a-file"), s.map(p -> p.getFileName().toString()).toList(), "nothing created");
        }
    }

    private static void check(Command c, List<String> args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8);
        int code;
        try {
            if (c instanceof AgentCommand a) {
                CountDownLatch stopped = new CountDownLatch(0); // accepted options: start, then stop at once
                code = a.runUntil(args, out, err, stopped);
            } else {
                code = c.run(args, out, err);
            }
        } catch (Exception ex) {
            code = Failures.report(c, ex, err);
        }
        String what = c.name() + " " + String.join(" ", args) + " -> exit " + code + "\n" + e;
        String text = e.toString(StandardCharsets.UTF_8);
        assertNotEquals(70, code, what);
        assertFalse(text.contains("Exception") || text.contains("\tat "), what);
        if (code != 0 && code != 1 && code != 2) { // 1/2: the commands' own verdicts (no reply, mismatch)
            String[] lines = text.split("\n");
            assertTrue(lines[lines.length - 1].startsWith("multitunnel " + c.name() + ": "), what);
        }
    }

    /** Every option a usage text names, e.g. --json, -Y. */
    static List<String> options(String usage) {
        TreeSet<String> names = new TreeSet<>();
        Matcher m = OPTION.matcher(usage);
        while (m.find()) {
            String o = m.group(1);
            if (!o.equals("--help") && !o.equals("-h")) {
                names.add(o);
            }
        }
        return List.copyOf(names);
    }
}

package org.multitunnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.agent.ha.HomeAgent;
import org.multitunnel.agent.ha.HomeAgentConfig;
import org.multitunnel.agent.load.LoadReport;
import org.multitunnel.agent.load.LoadReportJson;
import org.multitunnel.wire.Hex;

/** {@code multitunnel load}: a short run against the reference HA, its report, its errors and exit codes. */
class LoadCommandTest {
    private static final String KEY_HEX = "8899aabbccddeeff0011223344556677";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    @TempDir
    Path keysDir;

    /** A private key file with SPI 512 (the agents' key) and SPI 1 (a key no agent here has). */
    private String keyFile() throws Exception {
        Path keys = keysDir.resolve("mnha.keys");
        if (!Files.exists(keys)) {
            Files.writeString(keys, "512 " + KEY_HEX + "\n1 00\n");
            Files.setPosixFilePermissions(keys, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        return keys.toString();
    }

    private int run(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static HomeAgent agent() throws Exception {
        return HomeAgent.start(HomeAgentConfig.builder().listen(new InetSocketAddress("127.0.0.1", 0))
                .key(0x200, Hex.decode(KEY_HEX)).build());
    }

    private static String target(HomeAgent ha) {
        return "127.0.0.1:" + ha.localAddress().getPort();
    }

    @Test
    void aShortLoadExitsZeroPrintsASummaryAndWritesTheReport(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("load.json");
        try (HomeAgent ha = agent()) {
            assertEquals(0, run("load", "--target", target(ha), "--nodes", "30", "--bids", "2", "--rate", "600",
                    "--duration", "0.6", "--key-file", keyFile(), "--report", report.toString(), "--progress"),
                    err());
            assertEquals(0, ha.bindingCount(), "de-registered at the end");
        }
        assertTrue(out().contains("verdict: all "), out());
        assertTrue(out().contains("codes: 0 REGISTRATION_ACCEPTED ×"), out());
        assertTrue(err().contains(" offered "), "a progress line per second: " + err());
        LoadReport r = LoadReportJson.read(Files.readString(report));
        assertEquals(60, r.totals().peakBindings());
        assertEquals(r.totals().requests(), r.totals().accepted());
        assertEquals(0, r.exitCode());
        assertEquals(512, r.settings().spi());
        for (String text : List.of(out(), err(), Files.readString(report))) {
            assertFalse(text.contains(KEY_HEX), "the key is never printed");
        }
    }

    @Test
    void aLiteralKeyWorksButWarnsAndSpiPicksOneOfSeveral() throws Exception {
        try (HomeAgent ha = agent()) {
            assertEquals(0, run("load", "--target", target(ha), "--nodes", "5", "--rate", "200", "--duration", "0.3",
                    "--key", "512:" + KEY_HEX, "--quiet"), err());
            assertTrue(err().contains("warning: --key on the command line can be read by other local users"), err());
            err.reset();
            assertEquals(1, run("load", "--target", target(ha), "--nodes", "5", "--rate", "200", "--duration", "0.3",
                    "--key-file", keyFile(), "--spi", "1", "--quiet"), "SPI 1 is unknown to the agent: 131");
            assertTrue(out().contains("131 "), out());
            assertEquals(64, run("load", "--target", target(ha), "--nodes", "5", "--rate", "200", "--key-file",
                    keyFile(), "--spi", "7"));
        }
        assertFalse(out().contains(KEY_HEX) || err().contains(KEY_HEX));
    }

    @Test
    void rejectionsGiveExitCode1() throws Exception {
        try (HomeAgent ha = HomeAgent.start(HomeAgentConfig.builder().listen(new InetSocketAddress("127.0.0.1", 0))
                .key(0x200, Hex.decode(KEY_HEX)).maxTotalBindings(4).build())) {
            assertEquals(1, run("load", "--target", target(ha), "--nodes", "8", "--rate", "200", "--duration", "0.3",
                    "--key-file", keyFile(), "--quiet"));
        }
        assertTrue(out().contains("130 HA_INSUFFICIENT_RESOURCES ×"), out());
    }

    @Test
    void usageErrorsAreOneLineWithExit64() throws Exception {
        String keys = keyFile();
        List<String[]> bad = new ArrayList<>();
        bad.add(new String[] { "load", "--target", "127.0.0.1:4434", "--nodes", "1", "--key-file", keys });
        bad.add(new String[] { "load", "--target", "192.0.2.1:434", "--nodes", "1", "--rate", "1", "--key-file",
            keys });
        bad.add(new String[] { "load", "--target", "127.0.0.1:4434", "--nodes", "1", "--rate", "1", "--key-file",
            keys, "--refresh", "2" });
        bad.add(new String[] { "load", "--target", "127.0.0.1:4434", "--nodes", "1", "--rate", "1" });
        bad.add(new String[] { "load", "--target", "nowhere", "--nodes", "1", "--rate", "1", "--key-file", keys });
        List<String> expected = List.of("--rate is required", "--i-own-this-target", "refresh must be a fraction",
                "needs --key", "--target wants an IPv4 HOST:PORT");
        for (int i = 0; i < bad.size(); i++) {
            err.reset();
            assertEquals(64, run(bad.get(i)), String.join(" ", bad.get(i)));
            String first = err().lines().findFirst().orElse("");
            assertTrue(first.startsWith("multitunnel load: ") && first.contains(expected.get(i)), first);
            assertFalse(err().contains("Exception"), err());
        }
    }

    @Test
    void aMissingKeyFileIs66AnUnusableSourceIs69AndAnUnwritableReportIs73(@TempDir Path dir) throws Exception {
        assertEquals(66, run("load", "--target", "127.0.0.1:4434", "--nodes", "1", "--rate", "1", "--key-file",
                dir.resolve("absent").toString()));
        assertTrue(err().contains("absent: no such file"), err());
        err.reset();
        assertEquals(69, run("load", "--target", "127.0.0.1:4434", "--nodes", "1", "--rate", "1", "--key-file",
                keyFile(), "--source", "192.0.2.77"));
        assertTrue(err().contains("cannot send from 192.0.2.77"), err());
        err.reset();
        assertEquals(73, run("load", "--target", "127.0.0.1:4434", "--nodes", "1", "--rate", "1", "--key-file",
                keyFile(), "--report", dir.resolve("no/such/dir/r.json").toString()));
    }
}

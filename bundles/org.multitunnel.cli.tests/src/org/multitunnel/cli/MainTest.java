package org.multitunnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The launcher's contract: --help, --version, per-command help and unknown commands. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpPrintsUsageAndEveryCommandAndExitsZero() {
        assertEquals(0, run("--help"));
        assertTrue(out().startsWith("MultiTunnel Workbench " + Main.VERSION), out());
        assertTrue(out().contains("Usage: multitunnel COMMAND [OPTIONS]"), out());
        for (Command c : Commands.all()) {
            assertTrue(out().contains("  " + c.name()), "usage lists " + c.name());
        }
    }

    @Test
    void versionPrintsProductVersion() {
        assertEquals(0, run("--version"));
        assertEquals("multitunnel " + Main.VERSION + System.lineSeparator(), out());
    }

    @Test
    void noArgumentsPrintsUsageWithUsageExitCode() {
        assertEquals(64, run());
        assertTrue(out().contains("Usage:"));
    }

    @Test
    void unknownCommandIsReportedOnStderrWithExit64() {
        assertEquals(64, run("frobnicate"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'frobnicate'"));
    }

    @Test
    void versionIsTheBundleVersionOfTheCliBundle() throws Exception {
        // Tests run in the test fragment's directory; the host bundle's manifest is its sibling.
        String manifest = java.nio.file.Files.readString(
                java.nio.file.Path.of("../org.multitunnel.cli/META-INF/MANIFEST.MF"));
        assertTrue(manifest.contains("Bundle-Version: " + Main.VERSION + ".qualifier"), manifest);
    }
}

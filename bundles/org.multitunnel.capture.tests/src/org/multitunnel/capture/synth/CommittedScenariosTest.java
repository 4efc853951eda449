package org.multitunnel.capture.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthesized captures in {@code test-captures/} are exactly what the synthesizer writes today (capture bytes and
 * expected JSON), so the demo, the expected JSON and the tests that use them cannot drift from the generator.
 */
class CommittedScenariosTest {
    @TempDir
    Path dir;

    @Test
    void committedCapturesAndExpectedJsonAreRegeneratedByteForByte() throws Exception {
        Path committed = RepoFiles.testCaptures();
        CommittedScenarios.writeAll(dir);
        for (CommittedScenarios.Entry e : CommittedScenarios.ALL) {
            Path c = committed.resolve(e.fileName());
            Path j = ScenarioSynthesizer.expectedJsonPath(c);
            String fix = " (after a deliberate synthesizer change run CommittedScenarios.main test-captures)";
            assertTrue(Files.isRegularFile(c), "missing " + c.toAbsolutePath() + fix);
            assertTrue(Files.isRegularFile(j), "missing " + j.toAbsolutePath() + fix);
            assertEquals(-1, Files.mismatch(c, dir.resolve(e.fileName())), c + " differs" + fix);
            assertEquals(Files.readString(ScenarioSynthesizer.expectedJsonPath(dir.resolve(e.fileName()))),
                    Files.readString(j), j + " differs" + fix);
        }
    }

    @Test
    void demoIsTheGuiDemoTheIssueAsksFor() {
        CommittedScenarios.Entry demo = CommittedScenarios.ALL.get(0);
        assertEquals("demo-multipath.pcapng", demo.fileName());
        assertEquals(3, demo.spec().mobileNodes());
        assertEquals(2, demo.spec().minCareOf());
        assertEquals(4, demo.spec().maxCareOf());
        assertEquals(60, demo.spec().seconds());
    }
}

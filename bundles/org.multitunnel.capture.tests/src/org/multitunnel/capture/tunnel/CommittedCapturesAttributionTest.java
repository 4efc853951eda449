package org.multitunnel.capture.tunnel;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.synth.CommittedScenarios;
import org.multitunnel.capture.synth.GroundTruth;
import org.multitunnel.capture.synth.ScenarioSynthesizer;

/** Attribution of the committed scenario captures in {@code test-captures/} equals their ground truth exactly. */
class CommittedCapturesAttributionTest {
    @TempDir
    Path dir;

    private static Path testCaptures() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("test-captures")) && Files.isDirectory(p.resolve("bundles"))) {
                return p.resolve("test-captures");
            }
        }
        throw new IllegalStateException("no test-captures/ above " + Path.of("").toAbsolutePath());
    }

    @Test
    void everyCommittedScenarioIsAttributedExactly() throws Exception {
        for (CommittedScenarios.Entry e : CommittedScenarios.ALL) {
            Path committed = testCaptures().resolve(e.fileName());
            if (!Files.isRegularFile(committed)) {
                throw new IllegalStateException("committed capture missing: " + committed.toAbsolutePath());
            }
            // the truth comes from the scenario definition (written to a scratch file, only the tallies are used)
            GroundTruth truth = ScenarioSynthesizer.writeCapture(e.spec(), dir.resolve(e.fileName()), e.format());
            TunnelAttributionTest.assertMatchesGroundTruth(truth,
                    TunnelAccounting.analyze(committed, e.spec().intervalNanos()));
        }
    }
}

package org.multitunnel.agent.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Every conformance scenario names a rule of docs/conformance.md, and that row says the scenario (or, for a
 * message-level rule, the analyzer too) checks it: the table and the suite cannot drift apart.
 */
class ScenariosDocumentedTest {
    @Test
    void everyScenarioRuleHasARowCheckedByAScenarioOrTheAnalyzer() throws Exception {
        Path doc = Path.of("../../docs/conformance.md");
        assertTrue(Files.isRegularFile(doc), "docs/conformance.md not found from " + Path.of("").toAbsolutePath());
        List<String> lines = Files.readAllLines(doc);
        List<Scenario> all = Scenarios.all();
        assertFalse(all.isEmpty());
        for (Scenario s : all) {
            assertTrue(lines.stream().anyMatch(l -> l.contains("`" + s.ruleId() + "`")
                    && (l.trim().endsWith("| scenario |") || l.trim().endsWith("| analyzer |"))),
                    "no row for scenario rule " + s.ruleId() + " in docs/conformance.md");
        }
    }
}

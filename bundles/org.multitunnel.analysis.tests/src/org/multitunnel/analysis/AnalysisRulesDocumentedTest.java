package org.multitunnel.analysis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Every cross-packet rule the analysis can report has its row in docs/conformance.md, checked by "analysis". */
class AnalysisRulesDocumentedTest {
    @Test
    void everyAnalysisRuleHasARowSayingTheAnalysisChecksIt() throws Exception {
        Path doc = Path.of("../../docs/conformance.md");
        assertTrue(Files.isRegularFile(doc), "docs/conformance.md not found from " + Path.of("").toAbsolutePath());
        List<String> lines = Files.readAllLines(doc);
        List<String> ids = new ArrayList<>();
        for (Field f : AnalysisRules.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                ids.add((String) f.get(null));
            }
        }
        assertFalse(ids.isEmpty());
        for (String id : ids) {
            assertTrue(lines.stream().anyMatch(l -> l.contains("`" + id + "`") && l.trim().endsWith("| analysis |")),
                    "no row for " + id + " checked by analysis in docs/conformance.md");
        }
    }
}

package org.multitunnel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * docs/conformance.md's seed 003 section and the Mobile IPv6 analysis cannot drift: every MMI-/RFC6275- rule the
 * analysis reports has its row marked "analysis", every such row names a rule the analysis defines, and every
 * MMI- row not checked on the wire is named in the section's list of what a capture cannot show, with the reason.
 */
class MmiRowsDocumentedTest {
    private static final Path DOC = Path.of("../../docs/conformance.md");

    @Test
    void everyMmiStatementHasARuleIdAndEitherACheckOrAReasonWhyNot() throws Exception {
        assertTrue(Files.isRegularFile(DOC), "docs/conformance.md not found from " + Path.of("").toAbsolutePath());
        String doc = Files.readString(DOC);
        Set<String> defined = new TreeSet<>();
        for (Field f : AnalysisRules.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String id = (String) f.get(null);
                if (id.startsWith("MMI-") || id.startsWith("RFC6275-")) {
                    defined.add(id);
                }
            }
        }
        Set<String> analysisRows = new TreeSet<>();
        List<String> otherRows = new ArrayList<>();
        for (String line : doc.split("\n")) {
            String[] cells = line.split("\\|");
            if (!line.startsWith("|") || cells.length < 6) {
                continue;
            }
            String id = cells[4].trim().replace("`", "");
            if (!id.startsWith("MMI-") && !id.startsWith("RFC6275-")) {
                continue;
            }
            if (cells[5].trim().equals("analysis")) {
                analysisRows.add(id);
            } else {
                otherRows.add(id);
            }
        }
        assertEquals(defined, analysisRows, "rules the Mobile IPv6 analysis reports vs rows marked analysis");
        assertTrue(analysisRows.size() + otherRows.size() >= 11, "seed 003 has 10 MUST statements (§5.1-§7.3.3) "
                + "plus the RFC 6275 row: " + analysisRows + " " + otherRows);
        String notObservable = doc.substring(doc.indexOf("Not observable on the wire"));
        for (String id : otherRows) {
            assertTrue(notObservable.contains("`" + id + "`"), id + " is neither checked nor explained");
        }
    }
}

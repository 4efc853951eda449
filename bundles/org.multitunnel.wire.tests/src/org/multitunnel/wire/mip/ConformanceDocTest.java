package org.multitunnel.wire.mip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.mip.finding.MipRules;
import org.multitunnel.wire.mip.finding.Rule;

/**
 * docs/conformance.md and {@link MipRules} cannot drift: every rule the checker can emit has a row marked
 * "analyzer", and every row marked "analyzer" with a Mobile IPv4 rule id (the prefixes below; other checkers own
 * other prefixes, e.g. MMI-) names a rule the code defines with the same severity.
 */
class ConformanceDocTest {
    static final Path DOC = Path.of("..", "..", "docs", "conformance.md");
    static final java.util.List<String> PREFIXES = java.util.List.of("RFC5944-", "RFC7629-", "RFC6088-", "MIR-",
            "MTS02-");

    static boolean mipv4(String id) {
        return PREFIXES.stream().anyMatch(id::startsWith);
    }

    /** Rule id → [checked-by, severity letter] for every table row with a rule id. */
    static Map<String, String[]> rows() throws IOException {
        assertTrue(Files.isRegularFile(DOC), "missing " + DOC.toAbsolutePath());
        Map<String, String[]> out = new HashMap<>();
        for (String line : Files.readAllLines(DOC)) {
            if (!line.startsWith("|")) {
                continue;
            }
            String[] cells = line.split("\\|");
            // | Source | Statement | Sev | Rule id | Checked by |
            if (cells.length < 6 || !cells[4].trim().startsWith("`")) {
                continue;
            }
            String id = cells[4].trim().replace("`", "");
            String[] prev = out.put(id, new String[] {cells[5].trim(), cells[3].trim()});
            assertEquals(null, prev, "rule id listed twice: " + id);
        }
        return out;
    }

    @Test
    void everyRuleTheCheckerCanEmitIsInTheTableAsAnalyzer() throws IOException {
        Map<String, String[]> rows = rows();
        for (Rule r : MipRules.all()) {
            String[] row = rows.get(r.id());
            assertTrue(row != null, r.id() + " missing from " + DOC);
            assertEquals("analyzer", row[0], r.id());
            assertEquals(r.severity().name().substring(0, 1), row[1], "severity of " + r.id());
        }
    }

    @Test
    void everyAnalyzerRowIsARuleTheCodeDefines() throws IOException {
        Set<String> defined = MipRules.all().stream().map(Rule::id).collect(Collectors.toSet());
        Set<String> orphans = new TreeSet<>();
        rows().forEach((id, row) -> {
            if (mipv4(id) && row[0].equals("analyzer") && !defined.contains(id)) {
                orphans.add(id);
            }
        });
        assertEquals(Set.of(), orphans);
    }

    @Test
    void everyRowSaysWhereItIsChecked() throws IOException {
        Set<String> allowed = Set.of("analyzer", "analysis", "agent", "scenario", "analysis (planned)",
                "agent (planned)", "scenario (planned)");
        rows().forEach((id, row) -> assertTrue(!mipv4(id) || allowed.contains(row[0]), id + ": " + row[0]));
        assertTrue(rows().size() > MipRules.all().size(), "planned rows are listed too");
    }

    @Test
    void everyRuleIdUsesAMobileIpv4Prefix() {
        MipRules.all().forEach(r -> assertTrue(mipv4(r.id()), r.id()));
    }

    @Test
    void ruleIdsAreUnique() {
        assertEquals(MipRules.all().size(), MipRules.all().stream().map(Rule::id).distinct().count());
    }
}

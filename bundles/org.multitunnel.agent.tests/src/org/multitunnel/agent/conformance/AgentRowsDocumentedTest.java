package org.multitunnel.agent.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A row of docs/conformance.md marked "agent" claims that a test of the reference agents checks the rule: this keeps
 * the claim honest by requiring the rule id as a string constant ("ID") in a test source of this fragment, next to
 * the test that covers it — as ScenariosDocumentedTest does for the "scenario" rows.
 */
class AgentRowsDocumentedTest {
    @Test
    void everyAgentRowIsNamedByATestOfTheReferenceAgents() throws IOException {
        Path doc = Path.of("../../docs/conformance.md");
        assertTrue(Files.isRegularFile(doc), "docs/conformance.md not found from " + Path.of("").toAbsolutePath());
        Set<String> agentRows = new TreeSet<>();
        for (String line : Files.readAllLines(doc)) {
            String[] cells = line.split("\\|");
            if (line.startsWith("|") && cells.length >= 6 && cells[4].trim().startsWith("`")
                    && cells[5].trim().equals("agent")) {
                agentRows.add(cells[4].trim().replace("`", ""));
            }
        }
        assertFalse(agentRows.isEmpty(), "no row is checked by \"agent\"");
        StringBuilder sources = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("src"))) {
            for (Path f : files.filter(p -> p.toString().endsWith("Test.java")).toList()) {
                if (!f.getFileName().toString().equals("AgentRowsDocumentedTest.java")) {
                    sources.append(Files.readString(f));
                }
            }
        }
        List<String> unnamed = agentRows.stream().filter(id -> !sources.toString().contains("\"" + id + "\""))
                .toList();
        assertEquals(List.of(), unnamed, "rows marked agent that no test names as a constant");
    }
}

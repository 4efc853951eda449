package org.multitunnel.analysis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.capture.PacketView;

/**
 * Every example of docs/filters.md runs: rows of a "| Filter | Frames |" table select exactly that many frames of
 * test-captures/scenario-four-nodes.pcapng, rows of a "| Filter | Error |" table fail with exactly that message
 * (position included), and rows of a "| Filter (needs the analysis) |" table parse.
 */
class FiltersDocExamplesTest {
    private static final Path DOC = Path.of("../../docs/filters.md");
    private static final Path CAPTURE = Path.of("../../test-captures/scenario-four-nodes.pcapng");

    private record Example(String kind, String filter, String expected, int line) {
    }

    @Test
    void everyExampleOfFiltersMdHoldsOnTheScenarioCapture() throws Exception {
        assertTrue(Files.isRegularFile(CAPTURE), "missing " + CAPTURE.toAbsolutePath());
        List<Example> examples = examples();
        assertTrue(examples.size() >= 60, "docs/filters.md has only " + examples.size() + " examples");
        List<String> wrong = new ArrayList<>();
        try (CaptureFile f = CaptureFile.open(CAPTURE)) {
            for (Example e : examples) {
                String where = "docs/filters.md:" + e.line() + " `" + e.filter() + "`";
                DisplayFilter filter;
                try {
                    filter = DisplayFilter.parse(e.filter());
                } catch (FilterSyntaxException x) {
                    if (!e.kind().equals("error")) {
                        wrong.add(where + ": does not parse: " + x.getMessage());
                    } else if (!x.getMessage().equals(e.expected())) {
                        wrong.add(where + ": error is '" + x.getMessage() + "', the doc says '" + e.expected() + "'");
                    }
                    continue;
                }
                switch (e.kind()) {
                    case "error" -> wrong.add(where + ": parses, the doc says it is an error");
                    case "count" -> {
                        int n = count(f, filter);
                        if (n != Integer.parseInt(e.expected())) {
                            wrong.add(where + ": selects " + n + " frames, the doc says " + e.expected());
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        if (!wrong.isEmpty()) {
            fail(String.join("\n", wrong));
        }
    }

    private static int count(CaptureFile f, DisplayFilter filter) {
        FrameMatcher m = filter.matcher();
        FilterFrame frame = new FilterFrame();
        PacketView v = new PacketView();
        int n = 0;
        for (int i = 0; i < f.packetCount(); i++) {
            f.view(i, v);
            frame.next(i + 1, v.linkType(), v.buffer(), v.dataOffset(), v.capturedLength(), v.originalLength(),
                    v.timestampNanos());
            n += m.matches(frame) ? 1 : 0;
        }
        return n;
    }

    /** The rows of every table whose first header cell starts with "Filter". */
    private static List<Example> examples() throws Exception {
        assertTrue(Files.isRegularFile(DOC), "missing " + DOC.toAbsolutePath());
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        List<Example> out = new ArrayList<>();
        String kind = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("|")) {
                kind = null;
                continue;
            }
            List<String> cells = cells(line);
            if (kind == null) {
                String head = cells.get(0);
                if (!head.startsWith("Filter")) {
                    kind = "other";
                } else if (head.contains("needs the analysis")) {
                    kind = "parse";
                } else {
                    kind = cells.get(1).equals("Frames") ? "count" : cells.get(1).equals("Error") ? "error" : null;
                    assertTrue(kind != null, "docs/filters.md:" + (i + 1) + ": unknown example table " + cells);
                }
                continue;
            }
            if (kind.equals("other") || line.startsWith("|---")) {
                continue;
            }
            String f = cells.get(0);
            assertTrue(f.startsWith("`") && f.endsWith("`"), "docs/filters.md:" + (i + 1) + ": filter not in backticks");
            out.add(new Example(kind, f.substring(1, f.length() - 1), cells.size() > 1 ? cells.get(1) : "", i + 1));
        }
        return out;
    }

    /** Cells of a Markdown table row; "\|" is a literal bar. */
    static List<String> cells(String row) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int k = 1; k < row.length(); k++) {
            char c = row.charAt(k);
            if (c == '\\' && k + 1 < row.length() && row.charAt(k + 1) == '|') {
                cell.append('|');
                k++;
            } else if (c == '|') {
                out.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return out;
    }

    @Test
    void tableCellsKeepEscapedBars() {
        assertEquals(List.of("`a \\|\\| b`".replace("\\|", "|"), "3"), cells("| `a \\|\\| b` | 3 |"));
    }
}

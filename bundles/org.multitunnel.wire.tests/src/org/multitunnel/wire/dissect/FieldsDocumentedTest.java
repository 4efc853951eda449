package org.multitunnel.wire.dissect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.Field;

/**
 * Every field name (leaf or node) that the link, IP, tunnel and Mobile IPv6 dissectors emit on the crafted
 * corpus and on all public captures is documented in docs/fields.md (outside the Mobile IPv4 section, which its
 * own code and test own) — and nothing documented there is a name we never emit.
 */
class FieldsDocumentedTest {
    static final Path DOC = Path.of("../../docs/fields.md");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|");

    /**
     * Sections of docs/fields.md that no dissector of this bundle owns: "## mip" (its own test), and the names the
     * display-filter engine computes ("## frame", "## filter": frame properties, address/port aliases, pseudo-fields).
     */
    private static final Set<String> NOT_OURS = Set.of("## mip", "## frame", "## filter");

    /** Names in the table rows of every "## " section except those in {@link #NOT_OURS}. */
    static Set<String> documented() throws Exception {
        assertTrue(Files.isRegularFile(DOC), "missing " + DOC.toAbsolutePath());
        Set<String> names = new TreeSet<>();
        boolean ours = false;
        for (String line : Files.readAllLines(DOC)) {
            if (line.startsWith("## ")) {
                ours = !NOT_OURS.contains(line.trim());
            }
            Matcher m = ROW.matcher(line);
            if (ours && m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    static Set<String> emitted() throws Exception {
        PacketDissector d = new PacketDissector();
        Set<String> names = new TreeSet<>();
        for (CraftedCorpus.Frame f : CraftedCorpus.frames()) {
            d.dissect(f.linkType(), f.data()).forEach(l -> collect(l, names));
        }
        for (Path p : TestPcap.publicPcaps()) {
            TestPcap.Capture c = TestPcap.read(p);
            for (TestPcap.Record r : c.records()) {
                d.dissect(r.linkType(), r.data()).forEach(l -> collect(l, names));
            }
        }
        names.removeIf(n -> n.equals("mip") || n.startsWith("mip.")); // the Mobile IPv4 section's own names
        return names;
    }

    private static void collect(Field f, Set<String> out) {
        out.add(f.name());
        f.children().forEach(c -> collect(c, out));
    }

    @Test
    void everyEmittedFieldIsDocumented() throws Exception {
        Set<String> missing = new TreeSet<>(emitted());
        missing.removeAll(documented());
        assertEquals(Set.of(), missing, "add these to the field registry (bundles/org.multitunnel.analysis/resources/"
                + "org/multitunnel/analysis/filter/fields.txt) and run releng/fields-doc.sh");
    }

    @Test
    void everyDocumentedFieldIsEmittedSomewhere() throws Exception {
        Set<String> stale = new TreeSet<>(documented());
        stale.removeAll(emitted());
        List<String> list = new ArrayList<>(stale);
        assertEquals(List.of(), list, "documented in docs/fields.md but never emitted on the corpus");
    }
}

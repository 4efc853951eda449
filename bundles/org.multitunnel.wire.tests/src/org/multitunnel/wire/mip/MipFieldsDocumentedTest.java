package org.multitunnel.wire.mip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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

/** docs/fields.md's "## mip" section documents exactly the names the Mobile IPv4 dissector can emit. */
class MipFieldsDocumentedTest {
    static final Path DOC = Path.of("..", "..", "docs", "fields.md");

    static Set<String> documented() throws IOException {
        assertTrue(Files.isRegularFile(DOC), "missing " + DOC.toAbsolutePath());
        Set<String> names = new TreeSet<>();
        boolean inMip = false;
        Pattern name = Pattern.compile("^\\|\\s*`(mip(?:\\.[a-z0-9_.]+)?)`");
        for (String line : Files.readAllLines(DOC)) {
            if (line.startsWith("## ")) {
                inMip = line.trim().equals("## mip");
            } else if (inMip) {
                Matcher m = name.matcher(line);
                if (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static void collect(Field f, Set<String> out) {
        out.add(f.name());
        f.children().forEach(c -> collect(c, out));
    }

    @Test
    void everyFieldNameInCodeIsDocumented() throws IOException {
        Set<String> missing = new TreeSet<>(MipFields.all());
        missing.removeAll(documented());
        assertEquals(Set.of(), missing, "names in MipFields without a row in " + DOC + " (add them to the field registry, "
                + "bundles/org.multitunnel.analysis/resources/org/multitunnel/analysis/filter/fields.txt, and run "
                + "releng/fields-doc.sh)");
    }

    @Test
    void everyDocumentedNameExistsInCode() throws IOException {
        Set<String> stale = new TreeSet<>(documented());
        stale.removeAll(MipFields.all());
        assertEquals(Set.of(), stale, "rows in " + DOC + " that MipFields does not define");
    }

    @Test
    void dissectorEmitsOnlyNamesFromMipFields() {
        Set<String> emitted = new TreeSet<>();
        MipCodec codec = new MipCodec();
        for (byte[] v : MipVectors.all().values()) {
            collect(MipDissector.tree(codec.decode(v), 0), emitted);
        }
        List<String> unknown = new ArrayList<>(emitted);
        unknown.removeAll(MipFields.all());
        assertEquals(List.of(), unknown);
        assertTrue(emitted.size() > 90, "vectors exercise only " + emitted.size() + " names");
    }
}

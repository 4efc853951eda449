package org.multitunnel.analysis.filter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders {@code docs/fields.md} from the {@link FieldRegistry}, so the documented names, types and descriptions
 * are the ones the filter engine knows. {@code main(path)} rewrites the file (releng/fields-doc.sh); a test fails
 * when the committed document differs from the rendering.
 */
public final class FieldsDoc {
    private static final String HEADER = "| Field | Value | Origin | Meaning |\n|---|---|---|---|\n";

    private FieldsDoc() {
    }

    /** The Markdown document for {@code registry}. */
    public static String render(FieldRegistry registry) {
        StringBuilder out = new StringBuilder();
        boolean inTable = false;
        for (String line : registry.lines()) {
            if (line.startsWith("//")) {
                continue;
            }
            if (FieldRegistry.isRow(line)) {
                if (!inTable) {
                    out.append(HEADER);
                    inTable = true;
                }
                FieldInfo f = registry.find(line.substring(0, line.indexOf('\t')));
                out.append("| `").append(f.name()).append("` | ").append(f.type().docName()).append(" | ")
                        .append(f.origin()).append(" | ").append(f.description()).append(" |\n");
            } else {
                inTable = false;
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** Writes the rendering to the path given (default docs/fields.md). */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "docs/fields.md");
        Files.writeString(target, render(FieldRegistry.standard()), StandardCharsets.UTF_8);
        System.out.println("wrote " + target);
    }
}

package org.multitunnel.model.internal;

import java.io.IOException;

/**
 * Why: the CSV exports must open cleanly in spreadsheets and in scripts; this writes RFC 4180 rows (comma
 * separated, CRLF line ends, a field quoted only when it holds a comma, quote or line break) in one place.
 */
public final class CsvWriter {
    private final Appendable out;

    public CsvWriter(Appendable out) {
        this.out = out;
    }

    /** One row; a null field is written empty. */
    public void row(String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(escape(fields[i]));
        }
        out.append("\r\n");
    }

    static String escape(String field) {
        if (field == null) {
            return "";
        }
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}

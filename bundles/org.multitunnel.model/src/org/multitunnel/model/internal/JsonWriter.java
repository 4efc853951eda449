package org.multitunnel.model.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

import org.multitunnel.wire.Json;

/**
 * Why: the analysis JSON is written by hand (no JSON library in the core bundles); this streaming writer owns the
 * punctuation and two-space indentation so {@code AnalysisJson} only states which keys and values appear.
 * Values are passed as ready JSON text ({@link #raw}) or quoted here through {@link Json#quote}.
 */
public final class JsonWriter {
    private final Appendable out;
    /** Per open container: true while it has no element yet. */
    private final Deque<Boolean> empty = new ArrayDeque<>();
    private boolean afterName;

    public JsonWriter(Appendable out) {
        this.out = out;
    }

    public JsonWriter beginObject() throws IOException {
        return open('{');
    }

    public JsonWriter endObject() throws IOException {
        return close('}');
    }

    public JsonWriter beginArray() throws IOException {
        return open('[');
    }

    public JsonWriter endArray() throws IOException {
        return close(']');
    }

    public JsonWriter name(String name) throws IOException {
        separate();
        out.append(Json.quote(name)).append(": ");
        afterName = true;
        return this;
    }

    /** A string value, or null. */
    public JsonWriter value(String s) throws IOException {
        return raw(s == null ? "null" : Json.quote(s));
    }

    public JsonWriter value(long n) throws IOException {
        return raw(Long.toString(n));
    }

    /** A value that is already JSON text (a number formatted elsewhere, or null). */
    public JsonWriter raw(String json) throws IOException {
        separate();
        out.append(json);
        return this;
    }

    /** Ends the document with a newline; every container must be closed. */
    public void finish() throws IOException {
        if (!empty.isEmpty()) {
            throw new IllegalStateException(empty.size() + " unclosed JSON container(s)");
        }
        out.append('\n');
    }

    private JsonWriter open(char bracket) throws IOException {
        separate();
        out.append(bracket);
        empty.push(Boolean.TRUE);
        return this;
    }

    private JsonWriter close(char bracket) throws IOException {
        boolean wasEmpty = empty.pop();
        if (!wasEmpty) {
            newline();
        }
        out.append(bracket);
        return this;
    }

    /** Writes the comma and line break before an element, unless it follows its own name. */
    private void separate() throws IOException {
        if (afterName) {
            afterName = false;
            return;
        }
        if (empty.isEmpty()) {
            return;
        }
        if (!empty.pop()) {
            out.append(',');
        }
        empty.push(Boolean.FALSE);
        newline();
    }

    private void newline() throws IOException {
        out.append('\n');
        for (int i = 0; i < empty.size(); i++) {
            out.append("  ");
        }
    }
}

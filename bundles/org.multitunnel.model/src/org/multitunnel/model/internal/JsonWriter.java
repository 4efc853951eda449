package org.multitunnel.model.internal;

import java.io.IOException;
import java.nio.CharBuffer;

import org.multitunnel.wire.Json;

/**
 * Why: the analysis JSON is written by hand (no JSON library in the core bundles); this streaming writer owns the
 * punctuation and two-space indentation so {@code AnalysisJson} only states which keys and values appear.
 * Values are passed as ready JSON text ({@link #raw}) or quoted here ({@link Json#quote} when escaping is needed).
 *
 * <p>Speed: a capture's series run to hundreds of thousands of buckets, so the writer formats into its own char
 * buffer (numbers and plain strings without temporary objects, nesting as a boolean stack) and hands the
 * {@link Appendable} large chunks; the output is flushed at {@link #finish()}.
 */
public final class JsonWriter {
    private static final int CHUNK = 16 * 1024;
    private static final char[] SPACES = new char[256];

    static {
        java.util.Arrays.fill(SPACES, ' ');
    }

    private final Appendable out;
    private final char[] buf = new char[CHUNK + 64];
    private int len;
    /** Per open container (index = depth - 1): true while it has no element yet. */
    private boolean[] empty = new boolean[16];
    private int depth;
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
        string(name);
        put(':');
        put(' ');
        afterName = true;
        return this;
    }

    /** A string value, or null. */
    public JsonWriter value(String s) throws IOException {
        separate();
        if (s == null) {
            text("null");
        } else {
            string(s);
        }
        return this;
    }

    public JsonWriter value(long n) throws IOException {
        separate();
        number(n);
        return this;
    }

    /** A value that is already JSON text (a number formatted elsewhere, or null). */
    public JsonWriter raw(String json) throws IOException {
        separate();
        text(json);
        return this;
    }

    /** Ends the document with a newline and hands everything to the output; every container must be closed. */
    public void finish() throws IOException {
        if (depth != 0) {
            throw new IllegalStateException(depth + " unclosed JSON container(s)");
        }
        put('\n');
        flush();
    }

    private JsonWriter open(char bracket) throws IOException {
        separate();
        put(bracket);
        if (depth == empty.length) {
            empty = java.util.Arrays.copyOf(empty, depth * 2);
        }
        empty[depth++] = true;
        return this;
    }

    private JsonWriter close(char bracket) throws IOException {
        if (depth == 0) {
            throw new IllegalStateException("no open JSON container to close with " + bracket);
        }
        boolean wasEmpty = empty[--depth];
        if (!wasEmpty) {
            newline();
        }
        put(bracket);
        return this;
    }

    /** Writes the comma and line break before an element, unless it follows its own name. */
    private void separate() throws IOException {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth == 0) {
            return;
        }
        if (!empty[depth - 1]) {
            put(',');
        }
        empty[depth - 1] = false;
        newline();
    }

    private void newline() throws IOException {
        put('\n');
        int n = 2 * depth;
        while (n > 0) {
            int k = Math.min(n, SPACES.length);
            chars(SPACES, k);
            n -= k;
        }
    }

    /** A quoted string: copied as is when nothing needs escaping, else through {@link Json#quote}. */
    private void string(String s) throws IOException {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                text(Json.quote(s));
                return;
            }
        }
        put('"');
        text(s);
        put('"');
    }

    private void number(long v) throws IOException {
        if (v == Long.MIN_VALUE) {
            text(Long.toString(v));
            return;
        }
        if (len + 21 > buf.length) {
            flush();
        }
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long x = v; x >= 10; x /= 10) {
            digits++;
        }
        int end = len + digits;
        for (int i = end - 1; i >= len; i--) {
            buf[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        len = end;
    }

    private void text(String s) throws IOException {
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (len == buf.length) {
                flush();
            }
            int k = Math.min(n - i, buf.length - len);
            s.getChars(i, i + k, buf, len);
            len += k;
            i += k;
        }
    }

    private void chars(char[] c, int n) throws IOException {
        if (len + n > buf.length) {
            flush();
        }
        System.arraycopy(c, 0, buf, len, n);
        len += n;
    }

    private void put(char c) throws IOException {
        if (len == buf.length) {
            flush();
        }
        buf[len++] = c;
    }

    private void flush() throws IOException {
        if (len > 0) {
            out.append(CharBuffer.wrap(buf, 0, len));
            len = 0;
        }
    }
}

package org.multitunnel.wire.dissect;

import java.util.List;

import org.multitunnel.wire.Field;

/**
 * Renders a dissected packet as an indented tree like {@code tshark -V}: one line per field with its display
 * text, children indented by four spaces under their layer or option.
 */
public final class FieldsText {
    private FieldsText() {
    }

    /** The tree of one packet, preceded by a "Frame N: L bytes" line; ends with a newline. */
    public static String packet(long frame, int capturedLength, List<Field> layers) {
        StringBuilder b = new StringBuilder();
        b.append("Frame ").append(frame).append(": ").append(capturedLength).append(" bytes captured\n");
        for (Field f : layers) {
            append(b, f, 0);
        }
        return b.toString();
    }

    /** The tree of some fields, starting at indent 0. */
    public static String tree(List<Field> layers) {
        StringBuilder b = new StringBuilder();
        for (Field f : layers) {
            append(b, f, 0);
        }
        return b.toString();
    }

    private static void append(StringBuilder b, Field f, int depth) {
        b.append("    ".repeat(depth)).append(f.display()).append('\n');
        for (Field c : f.children()) {
            append(b, c, depth + 1);
        }
    }
}

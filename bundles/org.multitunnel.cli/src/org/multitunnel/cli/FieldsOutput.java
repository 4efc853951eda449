package org.multitunnel.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.Field;
import org.multitunnel.wire.Hex;

/**
 * {@code decode -T fields -e NAME…}: one line per packet with the values of the named fields, as tshark prints them —
 * every occurrence in packet order (outer layers first) joined by the aggregator, empty when absent. Values are the
 * {@code --json} contract's (decimal integers, addresses as text, byte strings as lowercase hex), unquoted.
 */
final class FieldsOutput {
    private final List<String> names;
    private final FieldsFormat format;
    private final Writer out;
    private final List<String> values = new ArrayList<>(4);
    private final StringBuilder line = new StringBuilder(128);

    FieldsOutput(List<String> names, FieldsFormat format, Writer out) {
        this.names = List.copyOf(names);
        this.format = format;
        this.out = out;
    }

    /** The header line when {@code -E header=y}. */
    void start() throws IOException {
        if (format.header()) {
            out.write(String.join(format.separator(), names));
            out.write('\n');
        }
    }

    void packet(FrameFields.Frame frame) throws IOException {
        line.setLength(0);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            values.clear();
            if (FrameFields.contains(name)) {
                values.add(FrameFields.value(name, frame));
            } else {
                for (Field layer : frame.layers()) {
                    collect(layer, name);
                }
            }
            line.append(i == 0 ? "" : format.separator()).append(format.cell(values));
        }
        out.append(line).append('\n');
    }

    private void collect(Field f, String name) {
        if (f.name().equals(name) && f.value() != null) {
            values.add(text(f.value()));
        }
        for (Field c : f.children()) {
            collect(c, name);
        }
    }

    static String text(Object value) {
        return value instanceof byte[] b ? Hex.encode(b) : value.toString();
    }
}

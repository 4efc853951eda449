package org.multitunnel.wire.dissect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.multitunnel.wire.Field;
import org.multitunnel.wire.Json;

/**
 * Renders a dissected packet as the headless contract's {@code decode --json} line:
 * {@code {"frame": 12, "time": 1700000000.123456, "fields": {"ip.src": ["10.0.0.1"], ...}}}. Every value is a
 * list in packet order (outer layers before inner ones); integers decimal, addresses as text, byte strings
 * lowercase hex, booleans 0/1. Grouping nodes without a value (layers, options) are not listed.
 */
public final class FieldsJson {
    private FieldsJson() {
    }

    /** Field name → JSON-encoded values, in order of first appearance, depth first. */
    public static Map<String, List<String>> collect(List<Field> layers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Field f : layers) {
            collect(f, out);
        }
        return out;
    }

    private static void collect(Field f, Map<String, List<String>> out) {
        if (f.value() != null) {
            out.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f.jsonValue());
        }
        for (Field c : f.children()) {
            collect(c, out);
        }
    }

    /** The {"fields": ...} object alone. */
    public static String fields(List<Field> layers) {
        StringBuilder b = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, List<String>> e : collect(layers).entrySet()) {
            if (!first) {
                b.append(", ");
            }
            first = false;
            b.append(Json.quote(e.getKey())).append(": [").append(String.join(", ", e.getValue())).append(']');
        }
        return b.append('}').toString();
    }

    /**
     * One packet as one JSON line (no trailing newline). {@code nanos} is the fraction of the second; the time is
     * written with 6 decimals, or 9 when the capture has nanosecond resolution that microseconds would lose.
     */
    public static String line(long frame, long epochSeconds, int nanos, List<Field> layers) {
        return "{\"frame\": " + frame + ", \"time\": " + time(epochSeconds, nanos) + ", \"fields\": " + fields(layers)
                + "}";
    }

    static String time(long seconds, int nanos) {
        if (nanos % 1000 == 0) {
            return seconds + "." + String.format("%06d", nanos / 1000);
        }
        return seconds + "." + String.format("%09d", nanos);
    }
}

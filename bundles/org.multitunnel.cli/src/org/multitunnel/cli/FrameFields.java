package org.multitunnel.cli;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.Field;

/**
 * The {@code frame.*} fields tshark users put in {@code -e}: what the capture file says about a packet rather than
 * what the dissectors find in it. Times as tshark prints them with {@code -T fields} (seconds with nine decimals);
 * {@code frame.time} as ISO 8601 UTC; {@code frame.protocols} the layer names joined by ':'.
 */
final class FrameFields {
    static final List<String> NAMES = List.of("frame.number", "frame.time", "frame.time_epoch",
            "frame.time_relative", "frame.time_delta", "frame.len", "frame.cap_len", "frame.protocols");

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'")
            .withZone(ZoneOffset.UTC);

    /** One packet as the frame fields see it. */
    record Frame(long number, long nanos, long firstNanos, long previousNanos, int length, int capturedLength,
            List<Field> layers) {
    }

    private FrameFields() {
    }

    static boolean contains(String name) {
        return NAMES.contains(name);
    }

    /** The value of frame field {@code name} (one of {@link #NAMES}). */
    static String value(String name, Frame f) {
        return switch (name) {
            case "frame.number" -> Long.toString(f.number());
            case "frame.time" -> ISO.format(Instant.ofEpochSecond(0, f.nanos()));
            case "frame.time_epoch" -> seconds(f.nanos());
            case "frame.time_relative" -> seconds(f.nanos() - f.firstNanos());
            case "frame.time_delta" -> seconds(f.nanos() - f.previousNanos());
            case "frame.len" -> Integer.toString(f.length());
            case "frame.cap_len" -> Integer.toString(f.capturedLength());
            case "frame.protocols" -> protocols(f.layers());
            default -> throw new IllegalArgumentException("not a frame field: " + name);
        };
    }

    /**
     * The packet's layers with a {@code frame} layer in front holding these fields, so a display filter sees
     * {@code frame.number}, {@code frame.len} … like any other field (the dissection itself has no frame layer).
     */
    static List<Field> withFrameLayer(Frame f) {
        List<Field> children = List.of(
                Field.leaf("frame.number", "Frame Number: " + f.number(), f.number(), 0, 0),
                Field.leaf("frame.time", "Arrival Time: " + value("frame.time", f), value("frame.time", f), 0, 0),
                Field.leaf("frame.time_epoch", "Epoch Time: " + seconds(f.nanos()), decimal(f.nanos()), 0, 0),
                Field.leaf("frame.time_relative", "Time since first frame: " + seconds(f.nanos() - f.firstNanos()),
                        decimal(f.nanos() - f.firstNanos()), 0, 0),
                Field.leaf("frame.time_delta", "Time since previous frame: " + seconds(f.nanos() - f.previousNanos()),
                        decimal(f.nanos() - f.previousNanos()), 0, 0),
                Field.leaf("frame.len", "Frame Length: " + f.length(), f.length(), 0, 0),
                Field.leaf("frame.cap_len", "Capture Length: " + f.capturedLength(), f.capturedLength(), 0, 0),
                Field.leaf("frame.protocols", "Protocols in frame: " + protocols(f.layers()), protocols(f.layers()),
                        0, 0));
        List<Field> all = new ArrayList<>(f.layers().size() + 1);
        all.add(Field.node("frame", "Frame " + f.number() + ": " + f.length() + " bytes on wire, "
                + f.capturedLength() + " bytes captured", null, 0, f.capturedLength(), children));
        all.addAll(f.layers());
        return all;
    }

    private static BigDecimal decimal(long nanos) {
        return BigDecimal.valueOf(nanos, 9);
    }

    /** Seconds with nine decimals, exact (no floating point), negative values included. */
    static String seconds(long nanos) {
        long s = Math.floorDiv(nanos, 1_000_000_000L);
        long n = Math.floorMod(nanos, 1_000_000_000L);
        if (s < 0 && n != 0) {
            return "-" + (-(s + 1)) + "." + String.format("%09d", 1_000_000_000L - n);
        }
        return s + "." + String.format("%09d", n);
    }

    private static String protocols(List<Field> layers) {
        StringBuilder b = new StringBuilder();
        for (Field l : layers) {
            b.append(b.isEmpty() ? "" : ":").append(l.name());
        }
        return b.toString();
    }
}

package org.multitunnel.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

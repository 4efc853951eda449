package org.multitunnel.ui.packets;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.multitunnel.analysis.packets.PacketRowFormatter;
import org.multitunnel.capture.CaptureFile;

/**
 * The Time column's three readings, as in Wireshark: seconds since the first packet, the absolute capture time
 * (UTC, microseconds), or seconds since the previous packet.
 */
public enum TimeFormat {
    RELATIVE("Seconds since first packet"), ABSOLUTE("Absolute time (UTC)"), DELTA("Seconds since previous packet");

    private static final DateTimeFormatter ABS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private final String label;

    TimeFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String format(CaptureFile file, int index) {
        long t = file.timestampNanos(index);
        return switch (this) {
            case RELATIVE -> seconds(t - file.timestampNanos(0));
            case DELTA -> seconds(index == 0 ? 0 : t - file.timestampNanos(index - 1));
            case ABSOLUTE -> ABS.format(Instant.ofEpochSecond(0, t));
        };
    }

    static String seconds(long nanos) {
        return PacketRowFormatter.seconds(nanos);
    }
}

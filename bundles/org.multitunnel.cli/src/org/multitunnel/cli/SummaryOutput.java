package org.multitunnel.cli;

import java.io.IOException;
import java.io.Writer;

import org.multitunnel.analysis.packets.PacketRow;
import org.multitunnel.analysis.packets.PacketRowFormatter;
import org.multitunnel.capture.PacketView;

/**
 * {@code decode --summary}: one line per packet with the Packets view's columns — No., Time (seconds since the first
 * packet), Source → Destination, Protocol, Length, Info — laid out as tshark's one-line summary. The text of each
 * column comes from the same {@link PacketRowFormatter} the GUI uses.
 */
final class SummaryOutput {
    private final PacketRowFormatter formatter;
    private final Writer out;
    private final StringBuilder line = new StringBuilder(160);

    SummaryOutput(PacketRowFormatter formatter, Writer out) {
        this.formatter = formatter;
        this.out = out;
    }

    /** {@code frame.layers()} is the packet's dissection, or null when it has none yet. */
    void packet(FrameFields.Frame frame, PacketView packet) throws IOException {
        PacketRow row = formatter.format(packet, frame.layers());
        line.setLength(0);
        String number = Long.toString(frame.number());
        for (int i = number.length(); i < 5; i++) {
            line.append(' ');
        }
        line.append(number).append(' ').append(PacketRowFormatter.seconds(frame.nanos() - frame.firstNanos()))
                .append(' ').append(row.source()).append(" → ").append(row.destination()).append(' ')
                .append(row.protocol()).append(' ').append(frame.length());
        if (!row.info().isEmpty()) {
            line.append(' ').append(row.info());
        }
        out.append(line).append('\n');
    }
}

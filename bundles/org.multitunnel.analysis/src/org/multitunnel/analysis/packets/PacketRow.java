package org.multitunnel.analysis.packets;

import org.multitunnel.wire.fast.PacketKind;

/**
 * The text of one Packets row as the user reads it, plus what colours it: its kind and, for tunnelled data, the
 * tunnel (outer source/destination pair) it travelled in.
 */
public record PacketRow(String source, String destination, String protocol, String info, PacketKind kind,
        String tunnel) {
}

package org.multitunnel.ui.packets;

import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.multitunnel.analysis.packets.PacketRow;
import org.multitunnel.wire.fast.PacketKind;

/**
 * Row backgrounds of the Packets table: signalling, Mobile IPv6, malformed, packets with a finding, and one pastel
 * per tunnel so the paths of a multipath node can be told apart at a glance. SWT colours need no disposal.
 */
public final class RowColours {
    static final Color SIGNALLING = new Color(new RGB(0xd6, 0xe4, 0xff));
    static final Color MIP6 = new Color(new RGB(0xe8, 0xdc, 0xff));
    static final Color MALFORMED = new Color(new RGB(0xff, 0xc8, 0xc8));
    static final Color FINDING = new Color(new RGB(0xff, 0xd9, 0x8a));
    private static final Color[] TUNNELS = {
        new Color(new RGB(0xdc, 0xf5, 0xdc)), new Color(new RGB(0xfd, 0xf6, 0xd3)),
        new Color(new RGB(0xd9, 0xf3, 0xf3)), new Color(new RGB(0xf6, 0xe0, 0xf0)),
        new Color(new RGB(0xe6, 0xee, 0xd2)), new Color(new RGB(0xef, 0xe6, 0xda)),
        new Color(new RGB(0xe0, 0xe8, 0xf4)), new Color(new RGB(0xf2, 0xf2, 0xe0)) };

    private RowColours() {
    }

    /** The background for a row, or null for the default. */
    public static Color of(PacketRow row, boolean finding) {
        if (finding) {
            return FINDING;
        }
        if (row.kind() == PacketKind.TUNNEL_DATA && row.tunnel() != null) {
            return TUNNELS[Math.floorMod(row.tunnel().hashCode(), TUNNELS.length)];
        }
        return switch (row.kind()) {
            case MIP_SIGNALLING -> SIGNALLING;
            case MIP6_MOBILITY -> MIP6;
            case MALFORMED -> MALFORMED;
            default -> null;
        };
    }
}

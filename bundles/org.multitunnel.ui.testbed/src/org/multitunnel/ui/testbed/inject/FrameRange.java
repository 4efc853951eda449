package org.multitunnel.ui.testbed.inject;

import java.util.BitSet;

/**
 * The Inject part's frame selection text, "1-10, 15, 20-": packet numbers as the packet list shows them (1-based),
 * ranges inclusive, an open end meaning "to the last packet". Parsed to a set so overlaps count once.
 */
public final class FrameRange {
    private FrameRange() {
    }

    /**
     * Frames (1-based) selected by {@code text} among {@code packetCount} packets; blank selects all.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    public static BitSet parse(String text, int packetCount) {
        BitSet out = new BitSet();
        if (text == null || text.isBlank()) {
            if (packetCount > 0) {
                out.set(1, packetCount + 1);
            }
            return out;
        }
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int dash = p.indexOf('-');
            int from;
            int to;
            if (dash < 0) {
                from = to = number(p);
            } else {
                from = dash == 0 ? 1 : number(p.substring(0, dash).trim());
                to = dash == p.length() - 1 ? packetCount : number(p.substring(dash + 1).trim());
            }
            if (from < 1 || to < from) {
                throw new IllegalArgumentException("bad frame range '" + p + "'");
            }
            if (to > packetCount) {
                throw new IllegalArgumentException("frame " + to + " is beyond the capture's " + packetCount
                        + " packets");
            }
            out.set(from, to + 1);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no frame selected");
        }
        return out;
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a frame number: '" + s + "'");
        }
    }
}

package org.multitunnel.ui.packets;

import org.multitunnel.capture.CaptureFile;

/**
 * Finds a packet by time, for "jump to this moment" from the chart: a binary search over the index's timestamps,
 * which captures record in nondecreasing order (where they do not, the result is still a nearby packet).
 */
public final class PacketTimeIndex {
    private PacketTimeIndex() {
    }

    /** The first packet at or after {@code nanos} (0-based), the last packet if none is, or -1 if there is none. */
    public static int firstAtOrAfter(CaptureFile file, long nanos) {
        int n = file.packetCount();
        if (n == 0) {
            return -1;
        }
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (file.timestampNanos(mid) < nanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}

package org.multitunnel.ui.packets;

/**
 * Sorts row indexes by a primitive key without boxing, so the Packets table can reorder a million rows in a
 * background job: a stable merge sort of an {@code int[]} of packet indexes by a parallel {@code long[]} of keys
 * (ties keep capture order, descending reverses only the key). The table itself stays virtual: it only maps
 * row → packet through the sorted array.
 */
public final class RowOrder {
    /** Tells a long sort that it should stop (a cancelled job); checked once per merge pass. */
    public interface Cancel {
        boolean cancelled();
    }

    private RowOrder() {
    }

    /**
     * Sorts {@code packets} (packet indexes) in place by {@code key[k]} where {@code k} is the position of the packet
     * in the array passed in (keys are parallel to the input order). Returns false when cancelled (the array is then
     * in no particular order).
     */
    public static boolean sort(int[] packets, long[] key, boolean ascending, Cancel cancel) {
        int n = packets.length;
        // Sort positions 0..n-1 (so keys are looked up by position), then map positions back to packets.
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            if (cancel != null && cancel.cancelled()) {
                return false;
            }
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                merge(a, b, lo, mid, hi, key, ascending);
            }
            int[] t = a;
            a = b;
            b = t;
        }
        int[] original = packets.clone();
        for (int i = 0; i < n; i++) {
            packets[i] = original[a[i]];
        }
        return true;
    }

    private static void merge(int[] src, int[] dst, int lo, int mid, int hi, long[] key, boolean ascending) {
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            long ki = key[src[i]];
            long kj = key[src[j]];
            boolean takeRight = ascending ? kj < ki : kj > ki; // equal keys: the left (earlier) one first
            dst[k++] = takeRight ? src[j++] : src[i++];
        }
        while (i < mid) {
            dst[k++] = src[i++];
        }
        while (j < hi) {
            dst[k++] = src[j++];
        }
    }

    /** The inverse of a row → packet map: packet → row, -1 for packets not shown. */
    public static int[] inverse(int[] rows, int packetCount) {
        int[] inv = new int[packetCount];
        java.util.Arrays.fill(inv, -1);
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] >= 0 && rows[r] < packetCount) {
                inv[rows[r]] = r;
            }
        }
        return inv;
    }
}

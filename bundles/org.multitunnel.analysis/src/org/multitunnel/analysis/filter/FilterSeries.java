package org.multitunnel.analysis.filter;

import java.util.Arrays;

import org.multitunnel.capture.CaptureFile;

/**
 * Packets and bytes per time bucket of the packets a display filter selected — what the Tunnels chart draws as the
 * "display filter" line beside the tunnels, like Wireshark's I/O graph with a filter. Bytes are frame lengths on the
 * wire (frame.len); buckets start at multiples of the interval since the epoch, ascending, and every bucket from the
 * first to the last selected packet is present (empty ones as 0).
 *
 * @param times   bucket start times, nanoseconds since the epoch
 * @param packets packets per bucket
 * @param bytes   frame bytes per bucket
 */
public record FilterSeries(long[] times, long[] packets, long[] bytes, long intervalNanos) {
    /** Bucket count above which empty buckets are not filled in (a filter over days at 1 ms, say). */
    static final int MAX_FILLED = 2_000_000;

    /** The series of {@code rows} (packet indices of {@code file}) in buckets of {@code intervalNanos}. */
    public static FilterSeries of(CaptureFile file, int[] rows, long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("interval must be positive: " + intervalNanos);
        }
        long[] bucket = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            bucket[i] = Math.floorDiv(file.timestampNanos(rows[i]), intervalNanos);
        }
        long[] sorted = bucket.clone();
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        long[] keys;
        if (distinct > 0 && sorted[distinct - 1] - sorted[0] < MAX_FILLED) {
            keys = new long[(int) (sorted[distinct - 1] - sorted[0] + 1)];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = sorted[0] + i;
            }
        } else {
            keys = Arrays.copyOf(sorted, distinct);
        }
        long[] packets = new long[keys.length];
        long[] bytes = new long[keys.length];
        for (int i = 0; i < rows.length; i++) {
            int k = Arrays.binarySearch(keys, bucket[i]);
            packets[k]++;
            bytes[k] += file.originalLength(rows[i]);
        }
        long[] times = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            times[i] = keys[i] * intervalNanos;
        }
        return new FilterSeries(times, packets, bytes, intervalNanos);
    }
}

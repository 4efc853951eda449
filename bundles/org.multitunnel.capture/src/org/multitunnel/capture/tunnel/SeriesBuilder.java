package org.multitunnel.capture.tunnel;

import java.util.Arrays;

/**
 * One tunnel's throughput series while the pass runs: non-empty buckets in ascending order in growable primitive
 * arrays. Captures are nearly time-ordered, so the common case adds to the last bucket or appends one; a packet
 * from the past is found by binary search (and, rarely, inserted). Allocates only when the arrays double.
 *
 * <p>Memory: 20 bytes per non-empty bucket (bucket number, bytes, packets), up to twice that while growing.
 */
final class SeriesBuilder {
    private long[] buckets = new long[8];
    private long[] bytes = new long[8];
    private int[] packets = new int[8];
    private int n;

    void add(long bucket, long b) {
        int last = n - 1;
        if (last >= 0 && buckets[last] == bucket) {
            bytes[last] += b;
            packets[last]++;
            return;
        }
        int at;
        if (last < 0 || bucket > buckets[last]) {
            at = n;
        } else {
            int found = Arrays.binarySearch(buckets, 0, n, bucket);
            if (found >= 0) {
                bytes[found] += b;
                packets[found]++;
                return;
            }
            at = -found - 1;
        }
        if (n == buckets.length) {
            int cap = n * 2;
            buckets = Arrays.copyOf(buckets, cap);
            bytes = Arrays.copyOf(bytes, cap);
            packets = Arrays.copyOf(packets, cap);
        }
        if (at < n) {
            System.arraycopy(buckets, at, buckets, at + 1, n - at);
            System.arraycopy(bytes, at, bytes, at + 1, n - at);
            System.arraycopy(packets, at, packets, at + 1, n - at);
        }
        buckets[at] = bucket;
        bytes[at] = b;
        packets[at] = 1;
        n++;
    }

    /** The finished series with bucket start times {@code bucket * intervalNanos}. */
    TunnelSeries build(long intervalNanos) {
        long[] start = new long[n];
        for (int i = 0; i < n; i++) {
            start[i] = buckets[i] * intervalNanos;
        }
        long[] p = new long[n];
        for (int i = 0; i < n; i++) {
            p[i] = packets[i];
        }
        return new TunnelSeries(intervalNanos, start, Arrays.copyOf(bytes, n), p);
    }

    long retainedBytes() {
        return 20L * buckets.length;
    }
}

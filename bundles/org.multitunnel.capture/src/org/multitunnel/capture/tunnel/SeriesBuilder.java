package org.multitunnel.capture.tunnel;

import java.util.Arrays;

/**
 * One tunnel's throughput series while the pass runs: non-empty buckets in ascending order in one growable
 * {@code long[]} of (bucket number, bytes, packets) triples, so updating a bucket touches one cache line. Captures are
 * nearly time-ordered, so the common case adds to the last bucket or appends one; a packet from the past is found by
 * binary search (and, rarely, inserted). Allocates only when the array doubles.
 *
 * <p>Memory: 24 bytes per non-empty bucket, up to half as much again while growing.
 */
final class SeriesBuilder {
    private static final int W = 3; // bucket, bytes, packets
    private long[] data = new long[8 * W];
    private int n;

    void add(long bucket, long bytes) {
        int last = (n - 1) * W;
        if (n > 0 && data[last] == bucket) {
            data[last + 1] += bytes;
            data[last + 2]++;
            return;
        }
        int at;
        if (n == 0 || bucket > data[last]) {
            at = n;
        } else {
            int found = search(bucket);
            if (found >= 0) {
                data[found * W + 1] += bytes;
                data[found * W + 2]++;
                return;
            }
            at = -found - 1;
        }
        if ((n + 1) * W > data.length) {
            // grow by half: thousands of tunnels with thousands of buckets each make the slack count
            data = Arrays.copyOf(data, (data.length / W + Math.max(8, data.length / W / 2)) * W);
        }
        if (at < n) {
            System.arraycopy(data, at * W, data, (at + 1) * W, (n - at) * W);
        }
        data[at * W] = bucket;
        data[at * W + 1] = bytes;
        data[at * W + 2] = 1;
        n++;
    }

    /** Adds another series' buckets (sums where both have the bucket): a sorted merge, linear in both sizes. */
    void merge(SeriesBuilder o) {
        long[] out = new long[Math.max(8, n + o.n) * W];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < n || j < o.n) {
            long a = i < n ? data[i * W] : Long.MAX_VALUE;
            long b = j < o.n ? o.data[j * W] : Long.MAX_VALUE;
            if (i < n && (j >= o.n || a < b)) {
                System.arraycopy(data, i * W, out, k * W, W);
                i++;
            } else if (i >= n || b < a) {
                System.arraycopy(o.data, j * W, out, k * W, W);
                j++;
            } else {
                out[k * W] = a;
                out[k * W + 1] = data[i * W + 1] + o.data[j * W + 1];
                out[k * W + 2] = data[i * W + 2] + o.data[j * W + 2];
                i++;
                j++;
            }
            k++;
        }
        data = out;
        n = k;
    }

    /** Binary search over the bucket numbers: index, or -(insertion point) - 1. */
    private int search(long bucket) {
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long v = data[mid * W];
            if (v < bucket) {
                lo = mid + 1;
            } else if (v > bucket) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** The finished series with bucket start times {@code bucket * intervalNanos}. */
    TunnelSeries build(long intervalNanos) {
        long[] start = new long[n];
        long[] bytes = new long[n];
        long[] packets = new long[n];
        for (int i = 0; i < n; i++) {
            start[i] = data[i * W] * intervalNanos;
            bytes[i] = data[i * W + 1];
            packets[i] = data[i * W + 2];
        }
        return new TunnelSeries(intervalNanos, start, bytes, packets);
    }

    long retainedBytes() {
        return 8L * data.length;
    }
}

package org.multitunnel.agent.load;

import java.util.Arrays;

/**
 * Latencies in a fixed log-linear histogram (like HdrHistogram, without the dependency): 32 sub-buckets per power
 * of two of microseconds, so any percentile is within about 3 % of the true value, from 1 µs to about 68 minutes,
 * in 1,024 counters. Recording is one array increment — no allocation per reply.
 */
public final class LatencyHistogram {
    private static final int SUB_BITS = 5;
    private static final int SUB = 1 << SUB_BITS;
    private static final int OCTAVES = 32;

    private final long[] counts = new long[OCTAVES * SUB];
    private long total;
    private long maxMicros;

    /** Records one latency in nanoseconds (negative values count as 0). */
    public void record(long nanos) {
        long us = Math.max(0, nanos / 1000);
        counts[index(us)]++;
        total++;
        maxMicros = Math.max(maxMicros, us);
    }

    public long count() {
        return total;
    }

    public void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        maxMicros = Math.max(maxMicros, other.maxMicros);
    }

    public void reset() {
        Arrays.fill(counts, 0);
        total = 0;
        maxMicros = 0;
    }

    /** The {@code q} quantile (0..1) in milliseconds, or NaN when nothing was recorded. */
    public double percentileMillis(double q) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperMicros(i), maxMicros) / 1000.0;
            }
        }
        return maxMicros / 1000.0;
    }

    public double maxMillis() {
        return total == 0 ? Double.NaN : maxMicros / 1000.0;
    }

    static int index(long us) {
        if (us < SUB) {
            return (int) us;
        }
        int octave = 63 - Long.numberOfLeadingZeros(us) - SUB_BITS + 1; // ≥ 1
        if (octave >= OCTAVES) {
            return OCTAVES * SUB - 1;
        }
        int sub = (int) (us >>> (octave - 1)) - SUB; // 0..SUB-1 within the octave
        return octave * SUB + sub;
    }

    /** The largest microsecond value that falls into bucket {@code i}. */
    static long upperMicros(int i) {
        int octave = i / SUB;
        int sub = i % SUB;
        if (octave == 0) {
            return sub;
        }
        return ((long) (SUB + sub + 1) << (octave - 1)) - 1;
    }
}

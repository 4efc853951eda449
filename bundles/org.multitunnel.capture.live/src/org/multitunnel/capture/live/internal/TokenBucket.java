package org.multitunnel.capture.live.internal;

/**
 * Paces injection: a token bucket in its GCRA form (one "theoretical arrival time" instead of a token count), in
 * integer nanoseconds so there is no rounding drift. It starts holding one token, so N packets at R per second take
 * at least (N-1)/R seconds; after a stall it may catch up by at most {@code burst} packets, which absorbs the
 * coarse granularity of sleeping at high rates without ever exceeding the rate on average.
 */
public final class TokenBucket {
    private final long intervalNanos;
    private final long toleranceNanos;
    private long tat;

    /**
     * @param packetsPerSecond rate (> 0); the interval is rounded up to whole ns, so the rate is never exceeded
     * @param burst            bucket capacity in packets (≥ 1)
     * @param startNanos       clock value at which the first packet may go
     */
    public TokenBucket(double packetsPerSecond, int burst, long startNanos) {
        if (!(packetsPerSecond > 0) || Double.isInfinite(packetsPerSecond)) {
            throw new IllegalArgumentException("rate must be positive and finite: " + packetsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be >= 1: " + burst);
        }
        this.intervalNanos = Math.max(1, (long) Math.ceil(1e9 / packetsPerSecond));
        this.toleranceNanos = (burst - 1) * intervalNanos;
        this.tat = startNanos + toleranceNanos; // one token at start, not a full bucket
    }

    /** Burst used by the injector: 10 ms worth of packets, at least 1. */
    public static int defaultBurst(double packetsPerSecond) {
        return (int) Math.max(1, Math.min(10_000, Math.floor(packetsPerSecond / 100)));
    }

    /** How long to wait at {@code now} before the next packet may go; 0 if it may go now. */
    public long delayNanos(long now) {
        return Math.max(0, tat - toleranceNanos - now);
    }

    /** Consumes one token at {@code now} (call only when {@link #delayNanos} is 0). */
    public void take(long now) {
        tat = Math.max(tat, now) + intervalNanos;
    }

    public long intervalNanos() {
        return intervalNanos;
    }
}

package org.multitunnel.agent.ha;

/**
 * An optional per-source-address limit on what the home agent processes ({@code --max-rate-per-source}), so one
 * flooding address cannot take the agent's time from the others: a datagram over the limit is dropped before it
 * is decoded or authenticated. Each source has a token bucket of {@code rate} per second holding up to one
 * second's worth (the generic cell rate algorithm: one "theoretical arrival time" per source).
 *
 * <p>Memory is fixed: sources are hashed into {@value #SLOTS} slots. A slot belongs to the last source that used
 * it; an idle slot (bucket full again) is taken over by a new source, a busy one is shared — so two sources that
 * collide while both are busy share one limit, and spoofed floods from many addresses cannot grow the table.
 * Not thread-safe: the agent's receive thread is its only caller.
 */
final class SourceRateLimiter {
    static final int SLOTS = 1 << 16;

    private final long intervalNanos;
    private final long burstNanos;
    private final int[] owner = new int[SLOTS];
    private final long[] tat = new long[SLOTS];
    private final boolean[] used = new boolean[SLOTS];

    /** {@code ratePerSecond} datagrams per second per source, at least 1. */
    SourceRateLimiter(int ratePerSecond) {
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("rate must be at least 1 per second: " + ratePerSecond);
        }
        this.intervalNanos = 1_000_000_000L / ratePerSecond;
        this.burstNanos = 1_000_000_000L - intervalNanos;
    }

    /** True when a datagram from {@code source} at {@code now} (any monotonic nanoseconds) is within the limit. */
    boolean allow(int source, long now) {
        int i = slot(source);
        if (!used[i] || (owner[i] != source && tat[i] - now <= 0)) {
            used[i] = true;
            owner[i] = source;
            tat[i] = now;
        }
        long t = Math.max(tat[i], now);
        if (t - now > burstNanos) {
            return false;
        }
        tat[i] = t + intervalNanos;
        return true;
    }

    private static int slot(int source) {
        int h = source * 0x9E3779B9; // Fibonacci hashing spreads neighbouring addresses
        return h >>> 16;
    }
}

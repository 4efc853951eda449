package org.multitunnel.capture.live.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The pacing arithmetic on a fake clock: exact schedules, bounded catch-up after a stall, fractional rates. */
class TokenBucketTest {
    /** Sends n packets as early as the bucket allows on a fake clock; returns the send times. */
    private static long[] schedule(TokenBucket b, long start, int n) {
        long[] t = new long[n];
        long now = start;
        for (int i = 0; i < n; i++) {
            now += b.delayNanos(now);
            assertEquals(0, b.delayNanos(now));
            b.take(now);
            t[i] = now;
        }
        return t;
    }

    @Test
    void firstPacketGoesAtOnceThenOneEveryInterval() {
        TokenBucket b = new TokenBucket(1000, 1, 5_000);
        long[] t = schedule(b, 5_000, 5);
        assertEquals(1_000_000, b.intervalNanos());
        for (int i = 0; i < 5; i++) {
            assertEquals(5_000 + i * 1_000_000L, t[i], "packet " + i);
        }
    }

    @Test
    void aBurstCapacityDoesNotLetTheStartBurst() {
        TokenBucket b = new TokenBucket(1000, 10, 0); // starts with one token, not ten
        long[] t = schedule(b, 0, 4);
        assertEquals(0, t[0]);
        assertEquals(1_000_000, t[1]);
        assertEquals(3_000_000, t[3]);
    }

    @Test
    void afterAStallAtMostBurstPacketsCatchUp() {
        TokenBucket b = new TokenBucket(1000, 3, 0);
        b.take(0);
        long stalled = 50_000_000; // 50 ms idle: 50 tokens would accrue without a cap
        assertEquals(0, b.delayNanos(stalled));
        b.take(stalled);
        assertEquals(0, b.delayNanos(stalled));
        b.take(stalled);
        assertEquals(0, b.delayNanos(stalled));
        b.take(stalled);
        assertEquals(1_000_000, b.delayNanos(stalled), "the fourth packet waits a full interval");
    }

    @Test
    void fractionalRatesRoundTheIntervalUp() {
        assertEquals(2_000_000_000L, new TokenBucket(0.5, 1, 0).intervalNanos());
        assertEquals(333_333_334L, new TokenBucket(3, 1, 0).intervalNanos()); // never faster than 3/s
    }

    @Test
    void nPacketsAtRateRTakeAtLeastNMinusOneOverR() {
        TokenBucket b = new TokenBucket(7, TokenBucket.defaultBurst(7), 0);
        long[] t = schedule(b, 0, 15);
        assertEquals(14 * 142_857_143L, t[14]);
    }

    @Test
    void defaultBurstIsTenMillisecondsOfPackets() {
        assertEquals(1, TokenBucket.defaultBurst(5));
        assertEquals(1, TokenBucket.defaultBurst(100));
        assertEquals(100, TokenBucket.defaultBurst(10_000));
        assertEquals(10_000, TokenBucket.defaultBurst(1e9));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(Double.NaN, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(Double.POSITIVE_INFINITY, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(10, 0, 0));
    }
}

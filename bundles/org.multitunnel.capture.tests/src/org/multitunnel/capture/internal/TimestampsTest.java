package org.multitunnel.capture.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void convertsPowerOfTenResolutions() {
        assertEquals(1_500_000_000L, Timestamps.toNanos(1_500_000L, 6, 0));        // µs
        assertEquals(123L, Timestamps.toNanos(123L, 9, 0));                         // ns
        assertEquals(12L, Timestamps.toNanos(12_345L, 12, 0));                      // ps: truncated to ns
        assertEquals(3_000_000_000L, Timestamps.toNanos(3L, 0, 0));                 // seconds
        assertEquals(0L, Timestamps.toNanos(Long.MAX_VALUE, 127, 0));               // 10^-127: below 1 ns
        assertEquals(1L, Timestamps.toNanos(-1L, 28, 0));                           // 2^64-1 / 10^19
    }

    @Test
    void convertsPowerOfTwoResolutions() {
        assertEquals(500_000_000L, Timestamps.toNanos(1L << 29, 0x80 | 30, 0));     // 0.5 s in 2^-30 units
        assertEquals(2_000_000_000L, Timestamps.toNanos(2L, 0x80, 0));              // 2^0 = seconds
        assertEquals(1_000_000_000L, Timestamps.toNanos(1L << 40, 0x80 | 40, 0));   // 1 s in 2^-40 units
        assertEquals(250_000_000L, Timestamps.toNanos(1L << 62, 0x80 | 64, 0));     // 2^62 / 2^64 s
    }

    @Test
    void appliesOffsetInSeconds() {
        assertEquals(10_000_000_001L, Timestamps.toNanos(1L, 9, 10));
        assertEquals(-9_999_999_999L, Timestamps.toNanos(1L, 9, -10));
    }

    @Test
    void saturatesWhatDoesNotFitInSignedNanoseconds() {
        assertEquals(Long.MAX_VALUE, Timestamps.toNanos(1L << 40, 0, 0));           // 2^40 s
        assertEquals(Long.MAX_VALUE, Timestamps.toNanos(-1L, 9, 0));                // 2^64-1 ns
        assertEquals(Long.MAX_VALUE, Timestamps.toNanos(1L << 62, 0x80 | 1, 0));    // 2^61 s
        assertEquals(Long.MAX_VALUE, Timestamps.toNanos(1L, 9, Long.MAX_VALUE / 2));
    }
}

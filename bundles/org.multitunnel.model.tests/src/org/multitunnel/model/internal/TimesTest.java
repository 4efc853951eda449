package org.multitunnel.model.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** Nanosecond times print as exact decimal seconds and milliseconds, without binary-double noise. */
class TimesTest {

    @Test
    void timestampsAlwaysHaveAFraction() {
        assertEquals("1700000000.0", Times.seconds(1_700_000_000_000_000_000L));
        assertEquals("1700000001.2", Times.seconds(1_700_000_001_200_000_000L));
        assertEquals("1700000001.000000123", Times.seconds(1_700_000_001_000_000_123L));
        assertEquals("0.0", Times.seconds(0));
    }

    @Test
    void bucketStartsAreIntegersOnWholeSeconds() {
        assertEquals("1700000001", Times.bucketSeconds(1_700_000_001_000_000_000L));
        assertEquals("1700000001.5", Times.bucketSeconds(1_700_000_001_500_000_000L));
    }

    @Test
    void durationsPrintAsMilliseconds() {
        assertEquals("3.2", Times.millis(BigDecimal.valueOf(3_200_000)));
        assertEquals("1.0000015", Times.millis(new BigDecimal("1000001.5")));
        assertEquals("12", Times.millis(BigDecimal.valueOf(12_000_000)));
        assertEquals("0", Times.millis(BigDecimal.ZERO));
    }

    @Test
    void fastFormattingMatchesTheExactDecimalOfTheNanosecondsEverywhere() {
        // the formatter avoids BigDecimal for speed; it must print exactly what BigDecimal prints
        java.util.SplittableRandom r = new java.util.SplittableRandom(14);
        long[] fixed = {0, 1, 9, 10, 999_999_999, 1_000_000_000, 1_000_000_001, 1_700_000_000_100_000_000L,
            1_700_000_000_000_001_000L, -1, -1_500_000_000L, Long.MAX_VALUE, Long.MIN_VALUE};
        for (int i = 0; i < fixed.length + 20_000; i++) {
            long n = i < fixed.length ? fixed[i] : i % 2 == 0 ? r.nextLong() : r.nextLong(4_000_000_000_000_000_000L);
            String exact = BigDecimal.valueOf(n, 9).stripTrailingZeros().toPlainString();
            assertEquals(exact, Times.bucketSeconds(n), "bucket " + n);
            assertEquals(exact.indexOf('.') < 0 ? exact + ".0" : exact, Times.seconds(n), "seconds " + n);
        }
    }
}

package org.multitunnel.agent.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Percentiles from the fixed log-linear histogram are within its 1/32 resolution. */
class LatencyHistogramTest {
    @Test
    void percentilesOfAUniformSpreadAreWithinThreePercent() {
        LatencyHistogram h = new LatencyHistogram();
        for (int us = 1; us <= 100_000; us++) {
            h.record(us * 1000L);
        }
        assertEquals(100_000, h.count());
        assertClose(50.0, h.percentileMillis(0.5));
        assertClose(99.0, h.percentileMillis(0.99));
        assertEquals(100.0, h.maxMillis(), 1e-9);
    }

    @Test
    void smallValuesAreExactAndEmptyIsNaN() {
        LatencyHistogram h = new LatencyHistogram();
        assertTrue(Double.isNaN(h.percentileMillis(0.5)));
        h.record(7_000); // 7 µs
        h.record(9_000);
        assertEquals(0.007, h.percentileMillis(0.5), 1e-12);
        assertEquals(0.009, h.percentileMillis(1.0), 1e-12);
        h.reset();
        assertEquals(0, h.count());
    }

    @Test
    void bucketsCoverEveryValueOnce() {
        for (long us = 0; us < 5_000_000; us = us < 64 ? us + 1 : us + us / 7) {
            int i = LatencyHistogram.index(us);
            assertTrue(LatencyHistogram.upperMicros(i) >= us, us + " fits under the upper bound of bucket " + i);
            assertTrue(i == 0 || LatencyHistogram.upperMicros(i - 1) < us, us + " is not in the bucket before");
        }
    }

    private static void assertClose(double expected, double actual) {
        assertTrue(Math.abs(actual - expected) <= expected * 0.032, actual + " not within 3.2% of " + expected);
    }
}

package org.multitunnel.ui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The chart table's CSV, stacked tops, nearest bucket and its SVG rendering, on values written out here. */
class TunnelTableTest {
    private static final long T0 = 1_700_000_001_000_000_000L;

    private static TunnelTable table() {
        return new TunnelTable(new String[] { "10.1.0.1 BID 1 via 198.51.100.1 (ipip)", "a \"quoted\", key" },
                new long[] { T0, T0 + 500_000_000L, T0 + 1_000_000_000L },
                new double[][] { { 8000, 0, 1.5 }, { 16, 24, 0 } }, "bits/s");
    }

    @Test
    void csvHasTimeThenOneColumnPerTunnelWithItsUnit() {
        assertEquals("time_s,\"10.1.0.1 BID 1 via 198.51.100.1 (ipip) [bits/s]\",\"a \"\"quoted\"\", key [bits/s]\"\n"
                + "1700000001.000000000,8000,16\n"
                + "1700000001.500000000,0,24\n"
                + "1700000002.000000000,1.500000,0\n", table().toCsv());
    }

    @Test
    void stackedTopIsTheSumOfTheTunnelsAtABucket() {
        TunnelTable t = table();
        assertEquals(8016, t.stackedTotal(0));
        assertEquals(24, t.stackedTotal(1));
        assertEquals(8001.5, t.total(0));
    }

    @Test
    void nearestBucketToATime() {
        TunnelTable t = table();
        double ms = T0 / 1e6;
        assertEquals(0, t.nearestItem(ms - 5000));
        assertEquals(0, t.nearestItem(ms + 200));
        assertEquals(1, t.nearestItem(ms + 300));
        assertEquals(2, t.nearestItem(ms + 99_000));
    }

    @Test
    void svgDrawsOneShapePerShownTunnelAndEscapesNames() {
        String lines = SvgChart.render(table(), new boolean[] { true, false }, false, 640, 400);
        assertEquals(1, lines.split("<polyline", -1).length - 1);
        assertTrue(lines.contains("10.1.0.1 BID 1 via 198.51.100.1 (ipip)"));
        String stacked = SvgChart.render(table(), new boolean[] { true, true }, true, 640, 400);
        assertEquals(2, stacked.split("<polygon", -1).length - 1);
        assertTrue(stacked.contains("a &quot;quoted&quot;, key"));
    }
}

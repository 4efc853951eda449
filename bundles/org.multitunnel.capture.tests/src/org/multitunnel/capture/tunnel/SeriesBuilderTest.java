package org.multitunnel.capture.tunnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Buckets stay sorted and exact whether packets arrive in order, late, or far out of order. */
class SeriesBuilderTest {
    @Test
    void appendsAddsAndInsertsOutOfOrderBuckets() {
        SeriesBuilder s = new SeriesBuilder();
        s.add(10, 100); // first bucket
        s.add(10, 50); // same bucket
        s.add(12, 7); // next non-empty bucket (11 stays empty and is omitted)
        s.add(11, 3); // late packet: inserted between
        s.add(5, 1); // far in the past: inserted first
        s.add(12, 1); // back to the last bucket
        for (long b = 20; b < 40; b++) { // forces the arrays to grow past 8
            s.add(b, b);
        }
        s.add(11, 2); // out of order into an existing bucket after growth
        TunnelSeries t = s.build(2_000_000_000L);
        long[] start = new long[25];
        long[] bytes = new long[25];
        long[] packets = new long[25];
        long[][] head = {{5, 1, 1}, {10, 150, 2}, {11, 5, 2}, {12, 8, 2}};
        for (int i = 0; i < 4; i++) {
            start[i] = head[i][0] * 2_000_000_000L;
            bytes[i] = head[i][1];
            packets[i] = head[i][2];
        }
        for (int i = 4; i < 24; i++) {
            start[i] = (i + 16) * 2_000_000_000L;
            bytes[i] = i + 16;
            packets[i] = 1;
        }
        assertArrayEquals(java.util.Arrays.copyOf(start, 24), t.startNanosArray());
        assertArrayEquals(java.util.Arrays.copyOf(bytes, 24), t.bytesArray());
        assertArrayEquals(java.util.Arrays.copyOf(packets, 24), t.packetsArray());
    }
}

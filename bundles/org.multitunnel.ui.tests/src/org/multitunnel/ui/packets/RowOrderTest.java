package org.multitunnel.ui.packets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The Packets sort: a stable primitive merge sort of packet indexes by key, its inverse, and natural text order. */
class RowOrderTest {
    @Test
    void sortsByKeyKeepingCaptureOrderForTiesInBothDirections() {
        Random r = new Random(42);
        int n = 10_007; // not a power of two: the last merge runs are uneven
        int[] packets = new int[n];
        long[] key = new long[n];
        for (int i = 0; i < n; i++) {
            packets[i] = i * 3 + 1; // packet indexes of a filtered view, ascending
            key[i] = r.nextInt(50); // many ties
        }
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            positions.add(i);
        }
        for (boolean ascending : new boolean[] { true, false }) {
            List<Integer> expected = new ArrayList<>(positions);
            Comparator<Integer> byKey = Comparator.comparingLong(p -> key[p]);
            expected.sort(ascending ? byKey : byKey.reversed()); // List.sort is stable
            int[] sorted = packets.clone();
            assertTrue(RowOrder.sort(sorted, key, ascending, () -> false));
            for (int i = 0; i < n; i++) {
                assertEquals(packets[expected.get(i)], sorted[i], "row " + i + (ascending ? " ascending" : " descending"));
            }
        }
    }

    @Test
    void stopsWhenCancelled() {
        int[] packets = { 3, 2, 1, 0 };
        assertFalse(RowOrder.sort(packets, new long[] { 3, 2, 1, 0 }, true, () -> true));
    }

    @Test
    void inverseMapsPacketsToRowsAndHiddenPacketsToMinusOne() {
        assertArrayEquals(new int[] { -1, 2, -1, 0, 1 }, RowOrder.inverse(new int[] { 3, 4, 1 }, 5));
    }

    @Test
    void naturalOrderComparesDigitRunsAsNumbers() {
        List<String> texts = new ArrayList<>(List.of("10.1.0.10", "10.1.0.9", "RRP code 128", "RRP code 64",
                "10.1.0.9 (172.16.0.2)", "GRE", "192.0.2.1"));
        texts.sort(NaturalOrder.INSTANCE);
        assertEquals(List.of("10.1.0.9", "10.1.0.9 (172.16.0.2)", "10.1.0.10", "192.0.2.1", "GRE", "RRP code 64",
                "RRP code 128"), texts);
        assertEquals(0, NaturalOrder.INSTANCE.compare("a007", "a7"), "leading zeros do not count");
    }
}

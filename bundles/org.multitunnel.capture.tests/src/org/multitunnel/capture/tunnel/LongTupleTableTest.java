package org.multitunnel.capture.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The open-addressing table behind every per-packet lookup: dense ids, growth, keys that differ in one word. */
class LongTupleTableTest {
    @Test
    void internsDenseIdsInFirstSeenOrderAcrossManyRehashes() {
        LongTupleTable t = new LongTupleTable(2, 1);
        for (int i = 0; i < 100_000; i++) {
            assertEquals(i, t.intern(i * 31L, -i, 0, 0, 0));
        }
        assertEquals(100_000, t.size());
        for (int i = 0; i < 100_000; i++) {
            assertEquals(i, t.intern(i * 31L, -i, 0, 0, 0), "re-interning keeps the id");
            assertEquals(i, t.find(i * 31L, -i, 0, 0, 0));
        }
        assertEquals(100_000, t.size());
        assertEquals(77 * 31L, t.key(77, 0));
        assertEquals(-77L, t.key(77, 1));
    }

    @Test
    void keysDifferingOnlyInTheLastComponentAreDistinct() {
        LongTupleTable t = new LongTupleTable(5, 4);
        assertEquals(0, t.intern(1, 2, 3, 4, 5));
        assertEquals(1, t.intern(1, 2, 3, 4, 6));
        assertEquals(2, t.intern(0, 0, 0, 0, 0));
        assertEquals(-1, t.find(1, 2, 3, 4, 7));
        assertEquals(1, t.find(1, 2, 3, 4, 6));
    }

    @Test
    void componentsBeyondTheArityAreIgnored() {
        LongTupleTable t = new LongTupleTable(1, 4);
        assertEquals(0, t.intern(42, 1, 1, 1, 1));
        assertEquals(0, t.find(42, 0, 0, 0, 0));
    }
}

package org.multitunnel.agent.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The expiry schedule: entries come out in due order, moved and cancelled ones included. */
class TimerQueueTest {
    private static final class Entry extends TimerQueue.Timed {
    }

    @Test
    void entriesComeDueInOrderOfTheirDueTime() {
        TimerQueue q = new TimerQueue();
        Entry a = new Entry();
        Entry b = new Entry();
        Entry c = new Entry();
        q.schedule(b, 200);
        q.schedule(c, 300);
        q.schedule(a, 100);
        assertNull(q.pollDue(99), "nothing is due before 100");
        assertSame(a, q.pollDue(250));
        assertSame(b, q.pollDue(250));
        assertNull(q.pollDue(250), "c is due at 300");
        assertSame(c, q.pollDue(300));
        assertEquals(0, q.size());
    }

    @Test
    void reschedulingMovesAnEntryInsteadOfAddingIt() {
        TimerQueue q = new TimerQueue();
        Entry a = new Entry();
        Entry b = new Entry();
        q.schedule(a, 100);
        q.schedule(b, 200);
        q.schedule(a, 500); // a refreshed binding: later expiry
        assertEquals(2, q.size());
        assertSame(b, q.pollDue(1000));
        assertSame(a, q.pollDue(1000));
    }

    @Test
    void cancelledEntriesNeverComeDue() {
        TimerQueue q = new TimerQueue();
        Entry a = new Entry();
        Entry b = new Entry();
        q.schedule(a, 100);
        q.schedule(b, 200);
        q.cancel(a);
        assertFalse(a.scheduled());
        q.cancel(a); // twice is harmless
        assertSame(b, q.pollDue(1000));
        assertNull(q.pollDue(1000));
    }

    @Test
    void manyRandomOperationsKeepTheHeapOrdered() {
        TimerQueue q = new TimerQueue();
        Random r = new Random(15);
        List<Entry> all = new ArrayList<>();
        Set<Entry> scheduled = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            Entry e = new Entry();
            q.schedule(e, r.nextInt(1_000_000));
            all.add(e);
            scheduled.add(e);
        }
        for (int i = 0; i < 2000; i++) {
            Entry e = all.get(r.nextInt(all.size()));
            if (r.nextBoolean()) {
                q.cancel(e);
                scheduled.remove(e);
            } else {
                q.schedule(e, r.nextInt(1_000_000));
                scheduled.add(e);
            }
        }
        long last = Long.MIN_VALUE;
        Set<Entry> polled = new HashSet<>();
        for (TimerQueue.Timed t = q.pollDue(Long.MAX_VALUE); t != null; t = q.pollDue(Long.MAX_VALUE)) {
            assertTrue(t.due >= last, "due times come out in order");
            last = t.due;
            polled.add((Entry) t);
        }
        assertEquals(scheduled, polled, "exactly the entries still scheduled came due");
    }
}

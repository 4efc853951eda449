package org.multitunnel.agent.ha;

import java.util.Arrays;

/**
 * The home agent's expiry schedule: an indexed binary min-heap of {@link Timed} entries ordered by their due time.
 * Scheduling, moving and cancelling an entry cost O(log n) and popping the next due one O(log n), so expiring a
 * binding never scans the table (the old table copied and scanned every home address on every request). Each
 * entry remembers its heap slot, which is what makes move and cancel cheap; the heap is one reference per entry.
 * Not thread-safe: {@link BindingTable} calls it under its lock.
 */
final class TimerQueue {
    /** Something with a due time (nanoseconds since the epoch) that can sit in one queue at a time. */
    abstract static class Timed {
        long due = Long.MAX_VALUE;
        int heapIndex = -1;

        boolean scheduled() {
            return heapIndex >= 0;
        }
    }

    private Timed[] heap = new Timed[64];
    private int size;

    int size() {
        return size;
    }

    /** Schedules {@code t} at {@code due}, or moves it there if it is already scheduled. */
    void schedule(Timed t, long due) {
        t.due = due;
        if (t.heapIndex < 0) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            t.heapIndex = size;
            heap[size++] = t;
            up(t.heapIndex);
        } else {
            up(t.heapIndex);
            down(t.heapIndex);
        }
    }

    /** Removes {@code t} if it is scheduled. */
    void cancel(Timed t) {
        int i = t.heapIndex;
        if (i < 0) {
            return;
        }
        t.heapIndex = -1;
        Timed last = heap[--size];
        heap[size] = null;
        if (i < size) {
            heap[i] = last;
            last.heapIndex = i;
            up(i);
            down(last.heapIndex);
        }
        if (heap.length > 64 && size < heap.length / 4) {
            heap = Arrays.copyOf(heap, heap.length / 2);
        }
    }

    /** The entry due first if it is due at {@code now} (removed from the queue), else null. */
    Timed pollDue(long now) {
        if (size == 0 || heap[0].due > now) {
            return null;
        }
        Timed t = heap[0];
        cancel(t);
        return t;
    }

    private void up(int i) {
        Timed t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Timed p = heap[parent];
            if (p.due <= t.due) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = t;
        t.heapIndex = i;
    }

    private void down(int i) {
        Timed t = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && heap[right].due < heap[child].due) {
                child = right;
            }
            if (t.due <= heap[child].due) {
                break;
            }
            heap[i] = heap[child];
            heap[i].heapIndex = i;
            i = child;
        }
        heap[i] = t;
        t.heapIndex = i;
    }
}

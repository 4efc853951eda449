package org.multitunnel.agent.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The hand-off from the load generator's receive thread to its scheduling thread: a single-producer,
 * single-consumer ring of fixed-size records (four longs each), so a reply costs no allocation and no lock on its
 * way. The producer waits (spinning, then yielding) when the ring is full; nothing is dropped.
 */
final class ReplyRing {
    static final int FIELDS = 4;

    private final long[] slots;
    private final int mask;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();

    ReplyRing(int capacityPowerOfTwo) {
        if (Integer.bitCount(capacityPowerOfTwo) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacityPowerOfTwo);
        }
        this.slots = new long[capacityPowerOfTwo * FIELDS];
        this.mask = capacityPowerOfTwo - 1;
    }

    /** Producer: appends one record; waits while the ring is full; false when {@code open} became false. */
    boolean put(long a, long b, long c, long d, java.util.function.BooleanSupplier open) {
        long t = tail.get();
        int spins = 0;
        while (t - head.get() > mask) {
            if (!open.getAsBoolean()) {
                return false;
            }
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        int i = (int) (t & mask) * FIELDS;
        slots[i] = a;
        slots[i + 1] = b;
        slots[i + 2] = c;
        slots[i + 3] = d;
        tail.lazySet(t + 1);
        return true;
    }

    /** Consumer: one record. */
    @FunctionalInterface
    interface Sink {
        void accept(long a, long b, long c, long d);
    }

    /** Consumer: hands every available record to {@code sink}; returns how many. */
    int drain(Sink sink) {
        long h = head.get();
        long t = tail.get();
        for (long x = h; x < t; x++) {
            int i = (int) (x & mask) * FIELDS;
            sink.accept(slots[i], slots[i + 1], slots[i + 2], slots[i + 3]);
        }
        head.lazySet(t);
        return (int) (t - h);
    }

    boolean isEmpty() {
        return head.get() == tail.get();
    }
}

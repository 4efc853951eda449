package org.multitunnel.analysis.dataplane;

/**
 * A count per IPv4 address (int key) in an open-addressing table of primitives, so the per-packet path can ask
 * "how many active bindings use this care-of address" or "was it reported" without boxing, and signalling can
 * change a count in O(1) amortised instead of rebuilding a set. Keys are never removed (a count may drop to 0): the
 * table grows with distinct addresses, never with packets or registrations.
 */
final class IntCounts {
    private int[] keys;
    private int[] counts;
    private boolean[] used;
    private int mask;
    private int size;

    IntCounts(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new int[cap];
        counts = new int[cap];
        used = new boolean[cap];
        mask = cap - 1;
    }

    /** The count of {@code key} (0 when never seen). */
    int get(int key) {
        int i = slot(key);
        return used[i] ? counts[i] : 0;
    }

    /** Adds {@code delta} to the count of {@code key}; returns the new count. */
    int add(int key, int delta) {
        int i = slot(key);
        if (!used[i]) {
            used[i] = true;
            keys[i] = key;
            if (++size * 2 > keys.length) {
                counts[i] += delta;
                int v = counts[i];
                grow();
                return v;
            }
        }
        return counts[i] += delta;
    }

    /** Sets the count of {@code key}. */
    void set(int key, int value) {
        add(key, value - get(key));
    }

    private int slot(int key) {
        int i = mix(key) & mask;
        while (used[i] && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static int mix(int k) {
        int h = k * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldCounts = counts;
        boolean[] oldUsed = used;
        int cap = oldKeys.length * 2;
        keys = new int[cap];
        counts = new int[cap];
        used = new boolean[cap];
        mask = cap - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldUsed[j]) {
                int i = slot(oldKeys[j]);
                used[i] = true;
                keys[i] = oldKeys[j];
                counts[i] = oldCounts[j];
            }
        }
    }
}

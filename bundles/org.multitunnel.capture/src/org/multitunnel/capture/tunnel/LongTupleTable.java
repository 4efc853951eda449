package org.multitunnel.capture.tunnel;

import java.util.Arrays;

/**
 * Interns keys of one to five longs as dense ids 0, 1, 2, … in first-seen order, with open addressing (linear
 * probing) over primitive arrays: no boxing and no allocation per lookup, only when the table doubles. Tunnels,
 * inner flows and (flow, tunnel) uses are all keyed this way, so the per-packet path of {@link TunnelAccounting}
 * is a few array probes.
 *
 * <p>Memory: {@code 8 * arity} bytes per key (key store, grown by doubling) plus 4 bytes per slot of the probe table,
 * which is kept at most half full: about {@code 8 * arity + 8..16} bytes per key.
 */
public final class LongTupleTable {
    private static final int EMPTY = -1;

    private final int arity;
    private long[] keys; // id * arity .. id * arity + arity - 1
    private int[] slots; // id, or EMPTY
    private int mask;
    private int size;

    public LongTupleTable(int arity, int expected) {
        if (arity < 1 || arity > 5) {
            throw new IllegalArgumentException("arity must be 1..5: " + arity);
        }
        this.arity = arity;
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        slots = new int[cap];
        Arrays.fill(slots, EMPTY);
        mask = cap - 1;
        keys = new long[Math.max(16, expected) * arity];
    }

    public int size() {
        return size;
    }

    /** Component {@code c} of the key with id {@code id}. */
    public long key(int id, int c) {
        return keys[id * arity + c];
    }

    /** The id of the key (components beyond the arity are ignored), or -1. */
    public int find(long k0, long k1, long k2, long k3, long k4) {
        int i = hash(k0, k1, k2, k3, k4) & mask;
        while (true) {
            int id = slots[i];
            if (id == EMPTY) {
                return -1;
            }
            if (matches(id, k0, k1, k2, k3, k4)) {
                return id;
            }
            i = (i + 1) & mask;
        }
    }

    /** The id of the key, adding it with the next id when new. */
    public int intern(long k0, long k1, long k2, long k3, long k4) {
        int i = hash(k0, k1, k2, k3, k4) & mask;
        while (true) {
            int id = slots[i];
            if (id == EMPTY) {
                break;
            }
            if (matches(id, k0, k1, k2, k3, k4)) {
                return id;
            }
            i = (i + 1) & mask;
        }
        int id = size++;
        if ((id + 1) * arity > keys.length) {
            keys = Arrays.copyOf(keys, keys.length * 2);
        }
        int b = id * arity;
        keys[b] = k0;
        if (arity > 1) {
            keys[b + 1] = k1;
        }
        if (arity > 2) {
            keys[b + 2] = k2;
        }
        if (arity > 3) {
            keys[b + 3] = k3;
        }
        if (arity > 4) {
            keys[b + 4] = k4;
        }
        slots[i] = id;
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        return id;
    }

    /** Interns every key of {@code other} in its id order (a set union that keeps first-seen order). */
    void internAll(LongTupleTable other) {
        if (other.arity != arity) {
            throw new IllegalArgumentException("arity differs");
        }
        for (int id = 0; id < other.size; id++) {
            int b = id * arity;
            long[] k = other.keys;
            intern(k[b], arity > 1 ? k[b + 1] : 0, arity > 2 ? k[b + 2] : 0, arity > 3 ? k[b + 3] : 0,
                    arity > 4 ? k[b + 4] : 0);
        }
    }

    private boolean matches(int id, long k0, long k1, long k2, long k3, long k4) {
        int b = id * arity;
        return keys[b] == k0 && (arity < 2 || keys[b + 1] == k1) && (arity < 3 || keys[b + 2] == k2)
                && (arity < 4 || keys[b + 3] == k3) && (arity < 5 || keys[b + 4] == k4);
    }

    private int hash(long k0, long k1, long k2, long k3, long k4) {
        long h = mix(k0);
        if (arity > 1) {
            h = mix(h ^ k1);
        }
        if (arity > 2) {
            h = mix(h ^ k2);
        }
        if (arity > 3) {
            h = mix(h ^ k3);
        }
        if (arity > 4) {
            h = mix(h ^ k4);
        }
        return (int) (h ^ (h >>> 32));
    }

    /** The finalizer of MurmurHash3 (fmix64): every key bit affects every hash bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private void rehash(int capacity) {
        int[] fresh = new int[capacity];
        Arrays.fill(fresh, EMPTY);
        int m = capacity - 1;
        for (int id = 0; id < size; id++) {
            int b = id * arity;
            int i = hash(keys[b], arity > 1 ? keys[b + 1] : 0, arity > 2 ? keys[b + 2] : 0,
                    arity > 3 ? keys[b + 3] : 0, arity > 4 ? keys[b + 4] : 0) & m;
            while (fresh[i] != EMPTY) {
                i = (i + 1) & m;
            }
            fresh[i] = id;
        }
        slots = fresh;
        mask = m;
    }

    /** Heap held by the table, for the documented memory figures. */
    long retainedBytes() {
        return 8L * keys.length + 4L * slots.length;
    }
}

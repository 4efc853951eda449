package org.multitunnel.analysis.dataplane;

import java.util.Arrays;
import java.util.Collection;

/**
 * An immutable set of IPv4 addresses (as ints) that the per-packet path can query without boxing or allocating:
 * rebuilt only when signalling changes it, which is rare next to data packets.
 */
final class IntSet {
    static final IntSet EMPTY = new IntSet(new int[0]);

    private final int[] sorted;

    private IntSet(int[] sorted) {
        this.sorted = sorted;
    }

    static IntSet of(Collection<Integer> values) {
        int[] a = values.stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
        return new IntSet(a);
    }

    IntSet with(int v) {
        if (contains(v)) {
            return this;
        }
        int[] a = Arrays.copyOf(sorted, sorted.length + 1);
        a[sorted.length] = v;
        Arrays.sort(a);
        return new IntSet(a);
    }

    /** This set without the members of {@code o}. */
    IntSet minus(IntSet o) {
        return new IntSet(Arrays.stream(sorted).filter(v -> !o.contains(v)).toArray());
    }

    boolean contains(int v) {
        return Arrays.binarySearch(sorted, v) >= 0;
    }
}

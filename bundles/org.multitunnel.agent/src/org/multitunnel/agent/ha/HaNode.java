package org.multitunnel.agent.ha;

import java.util.Arrays;
import java.util.List;

/**
 * Everything the home agent keeps about one mobile node: its bindings in registration order, its accepted flow
 * bindings and its replay cache (the timestamp Identifications seen inside the replay window). Keeping the replay
 * cache here is what lets it go with the node's last binding; while the node has no binding, the node itself is
 * timed so it is forgotten once the window has passed (see {@link BindingTable}).
 */
final class HaNode extends TimerQueue.Timed {
    private static final HaSlot[] NO_SLOTS = {};
    private static final long[] NO_IDS = {};

    final int home;
    HaSlot[] slots = NO_SLOTS;
    int count;
    List<HaFlowBinding> flows = List.of();
    long[] seen = NO_IDS;
    int seenCount;

    HaNode(int home) {
        this.home = home;
    }

    HaSlot find(long key) {
        for (int i = 0; i < count; i++) {
            if (slots[i].key == key) {
                return slots[i];
            }
        }
        return null;
    }

    void append(HaSlot s) {
        if (count == slots.length) {
            slots = Arrays.copyOf(slots, Math.max(2, count * 2));
        }
        slots[count++] = s;
    }

    /** Removes {@code s}, keeping the others in registration order. */
    boolean detach(HaSlot s) {
        for (int i = 0; i < count; i++) {
            if (slots[i] == s) {
                System.arraycopy(slots, i + 1, slots, i, count - i - 1);
                slots[--count] = null;
                if (count == 0) {
                    slots = NO_SLOTS;
                }
                return true;
            }
        }
        return false;
    }

    void addSeen(long id, int max) {
        if (seenCount == max) {
            System.arraycopy(seen, 1, seen, 0, --seenCount); // the oldest goes first
        }
        if (seenCount == seen.length) {
            seen = Arrays.copyOf(seen, Math.min(max, Math.max(2, seenCount * 2)));
        }
        seen[seenCount++] = id;
    }

    /** Drops the remembered Identifications whose timestamp is before {@code horizon} (NTP format, unsigned). */
    void pruneSeen(long horizon) {
        int w = 0;
        for (int i = 0; i < seenCount; i++) {
            if (Long.compareUnsigned(seen[i], horizon) >= 0) {
                seen[w++] = seen[i];
            }
        }
        seenCount = w;
        if (w == 0 && seen.length > 8) {
            seen = NO_IDS; // a burst's big array goes; a small one stays, so steady refreshes allocate nothing
        }
    }

    boolean hasSeen(long id) {
        for (int i = 0; i < seenCount; i++) {
            if (seen[i] == id) {
                return true;
            }
        }
        return false;
    }

    /** The latest remembered timestamp (NTP format), or 0. */
    long newestSeen() {
        long max = 0;
        for (int i = 0; i < seenCount; i++) {
            if (Long.compareUnsigned(seen[i], max) > 0) {
                max = seen[i];
            }
        }
        return max;
    }
}

package org.multitunnel.agent.load;

/**
 * Which emulated binding gets the next request: a min-heap of binding indices ordered by when each is due for
 * re-registration (its granted lifetime × the refresh fraction after it was accepted; never-registered bindings
 * first, in order). At a constant request rate the generator always takes the most urgent one, so bindings are
 * renewed in turn and before they lapse, and a home agent that grants shorter lifetimes is followed. Bindings with a
 * request in flight are not in the heap. Primitive arrays only: about 16 bytes per binding.
 */
final class BindingSchedule {
    private final long[] due;
    private final int[] pos;
    private final int[] heap;
    private int size;

    BindingSchedule(int bindings) {
        due = new long[bindings];
        pos = new int[bindings];
        heap = new int[bindings];
        java.util.Arrays.fill(pos, -1);
    }

    /** Every binding, due in index order (node by node, BID by BID) before anything else. */
    void fillInOrder(long base) {
        for (int i = 0; i < due.length; i++) {
            due[i] = base + i - due.length;
            heap[i] = i;
            pos[i] = i;
        }
        size = due.length;
    }

    int size() {
        return size;
    }

    boolean contains(int i) {
        return pos[i] >= 0;
    }

    void add(int i, long when) {
        if (pos[i] >= 0) {
            due[i] = when;
            up(pos[i]);
            down(pos[i]);
            return;
        }
        due[i] = when;
        heap[size] = i;
        pos[i] = size;
        up(size++);
    }

    /** The most urgent binding (removed), or -1 when none is waiting. */
    int poll() {
        if (size == 0) {
            return -1;
        }
        int top = heap[0];
        pos[top] = -1;
        if (--size > 0) {
            heap[0] = heap[size];
            pos[heap[0]] = 0;
            down(0);
        }
        return top;
    }

    long peekDue() {
        return size == 0 ? Long.MAX_VALUE : due[heap[0]];
    }

    private void up(int k) {
        int x = heap[k];
        while (k > 0) {
            int p = (k - 1) >>> 1;
            if (due[heap[p]] <= due[x]) {
                break;
            }
            heap[k] = heap[p];
            pos[heap[k]] = k;
            k = p;
        }
        heap[k] = x;
        pos[x] = k;
    }

    private void down(int k) {
        int x = heap[k];
        int half = size >>> 1;
        while (k < half) {
            int c = 2 * k + 1;
            if (c + 1 < size && due[heap[c + 1]] < due[heap[c]]) {
                c++;
            }
            if (due[x] <= due[heap[c]]) {
                break;
            }
            heap[k] = heap[c];
            pos[heap[k]] = k;
            k = c;
        }
        heap[k] = x;
        pos[x] = k;
    }
}

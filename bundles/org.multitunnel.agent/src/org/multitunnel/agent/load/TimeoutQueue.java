package org.multitunnel.agent.load;

/**
 * The deadlines of one transmission attempt level: every request sent for the j-th time waits the same timeout
 * (RFC 5944 §3.6.3 back-off: the first timeout doubled j - 1 times), so deadlines arrive in sending order and a
 * FIFO is a complete timer. Entries whose request was answered meanwhile are skipped when they come due. Grows as
 * needed (it holds at most a timeout's worth of transmissions).
 */
final class TimeoutQueue {
    private int[] index = new int[1024];
    private int[] tag = new int[1024];
    private long[] deadline = new long[1024];
    private int head;
    private int size;

    void add(int i, int t, long when) {
        if (size == index.length) {
            grow();
        }
        int k = (head + size) & (index.length - 1);
        index[k] = i;
        tag[k] = t;
        deadline[k] = when;
        size++;
    }

    boolean due(long now) {
        return size > 0 && deadline[head] <= now;
    }

    long nextDeadline() {
        return size == 0 ? Long.MAX_VALUE : deadline[head];
    }

    int headIndex() {
        return index[head];
    }

    int headTag() {
        return tag[head];
    }

    void pop() {
        head = (head + 1) & (index.length - 1);
        size--;
    }

    private void grow() {
        int n = index.length;
        int[] i2 = new int[n * 2];
        int[] t2 = new int[n * 2];
        long[] d2 = new long[n * 2];
        for (int k = 0; k < size; k++) {
            int from = (head + k) & (n - 1);
            i2[k] = index[from];
            t2[k] = tag[from];
            d2[k] = deadline[from];
        }
        index = i2;
        tag = t2;
        deadline = d2;
        head = 0;
    }
}

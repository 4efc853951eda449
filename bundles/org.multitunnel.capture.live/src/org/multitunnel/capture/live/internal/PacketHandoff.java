package org.multitunnel.capture.live.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.multitunnel.capture.live.LivePacket;

/**
 * The bounded hand-off between the libpcap thread and the listener's delivery thread: at most {@code maxPackets}
 * packets and {@code maxBytes} bytes wait, so memory stays flat over hours however slow the listener is. The
 * capture thread never blocks here; a packet that does not fit is counted as dropped (it is already in the file).
 */
public final class PacketHandoff {
    private final ArrayBlockingQueue<LivePacket> queue;
    private final long maxBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public PacketHandoff(int maxPackets, long maxBytes) {
        this.queue = new ArrayBlockingQueue<>(maxPackets);
        this.maxBytes = maxBytes;
    }

    /** Called by the capture thread only; never blocks. @return false if the packet was dropped */
    public boolean offer(LivePacket p) {
        int n = p.data().length;
        if (queuedBytes.get() + n > maxBytes && !queue.isEmpty()) { // one packet always fits, however big
            dropped.incrementAndGet();
            return false;
        }
        queuedBytes.addAndGet(n);
        if (!queue.offer(p)) {
            queuedBytes.addAndGet(-n);
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    /** Called by the delivery thread: the next packet, or null after {@code timeoutMillis}. */
    public LivePacket poll(long timeoutMillis) throws InterruptedException {
        LivePacket p = queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (p != null) {
            queuedBytes.addAndGet(-p.data().length);
        }
        return p;
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    public long dropped() {
        return dropped.get();
    }

    public long queuedBytes() {
        return queuedBytes.get();
    }

    public int queuedPackets() {
        return queue.size();
    }
}

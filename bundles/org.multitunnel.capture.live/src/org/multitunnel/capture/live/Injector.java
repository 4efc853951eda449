package org.multitunnel.capture.live;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.multitunnel.capture.live.LiveCaptureException.Reason;
import org.multitunnel.capture.live.internal.Handles;
import org.multitunnel.capture.live.internal.TokenBucket;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;

/**
 * Sends crafted raw frames (link-layer header included) on one interface at a chosen rate, for testbed scenarios
 * (registration storms, tunnel traffic) and for tests. Refuses anything but a loopback interface unless the caller
 * sets {@code allowNonLoopback}, which the GUI only does after the user confirmed: frames sent on a real link reach
 * real hosts. Uses pcap4j's {@code sendPacket(byte[])} only (no pcap4j Packet objects: their factories fail inside
 * OSGi, kaitoy/pcap4j#152). Counters are atomic so a progress view can poll them during {@link #send}.
 */
public final class Injector implements AutoCloseable {
    private final String interfaceName;
    private final boolean loopback;
    private final PcapHandle handle;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean cancelled;

    private Injector(String interfaceName, boolean loopback, PcapHandle handle) {
        this.interfaceName = interfaceName;
        this.loopback = loopback;
        this.handle = handle;
    }

    /**
     * Opens {@code interfaceName} for injection.
     *
     * @param allowNonLoopback must be true to open a non-loopback interface (after the user confirmed)
     * @throws LiveCaptureException NOT_LOOPBACK, NO_SUCH_INTERFACE, PERMISSION_DENIED, LIBPCAP_MISSING, CAPTURE_FAILED
     */
    public static Injector open(String interfaceName, boolean allowNonLoopback) throws LiveCaptureException {
        Objects.requireNonNull(interfaceName, "interfaceName");
        PcapNetworkInterface dev = Handles.device(interfaceName);
        boolean lo = dev.isLoopBack();
        if (!lo && !allowNonLoopback) {
            throw new LiveCaptureException(Reason.NOT_LOOPBACK, "Refusing to inject on " + interfaceName
                    + ": it is not a loopback interface, and injecting there sends frames to real hosts."
                    + " Confirm explicitly (allowNonLoopback) to do it anyway.", null, null);
        }
        PcapHandle h = Handles.open(interfaceName, 128, false, 100, true, 0);
        return new Injector(interfaceName, lo, h);
    }

    /**
     * Sends {@code count} frames, cycling through {@code frames}, at most {@code packetsPerSecond} per second
     * (0 or less: as fast as possible). Blocks until done or {@link #cancel()}led; a refused frame is counted and
     * sending goes on. N frames at rate R take at least (N-1)/R seconds.
     *
     * @throws InterruptedException the calling thread was interrupted while pacing
     */
    public InjectionResult send(List<byte[]> frames, long count, double packetsPerSecond)
            throws InterruptedException {
        if (frames.isEmpty() && count > 0) {
            throw new IllegalArgumentException("no frames to send");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        cancelled = false;
        long start = System.nanoTime();
        TokenBucket bucket = packetsPerSecond > 0
                ? new TokenBucket(packetsPerSecond, TokenBucket.defaultBurst(packetsPerSecond), start)
                : null;
        long ok = 0;
        long bad = 0;
        String firstError = null;
        for (long i = 0; i < count && !cancelled; i++) {
            if (bucket != null && !pace(bucket)) {
                break;
            }
            byte[] f = frames.get((int) (i % frames.size()));
            try {
                handle.sendPacket(f, f.length);
                ok++;
                sent.incrementAndGet();
            } catch (PcapNativeException | NotOpenException e) {
                bad++;
                failed.incrementAndGet();
                if (firstError == null) {
                    firstError = e.getMessage();
                }
            }
        }
        return new InjectionResult(ok, bad, System.nanoTime() - start, firstError, ok + bad < count);
    }

    /** Waits for the next token; false if cancelled meanwhile. */
    private boolean pace(TokenBucket bucket) throws InterruptedException {
        long now = System.nanoTime();
        long d;
        while ((d = bucket.delayNanos(now)) > 0) {
            if (cancelled) {
                return false;
            }
            LockSupport.parkNanos(Math.min(d, 50_000_000L)); // wake at least every 50 ms to see cancel()
            if (Thread.interrupted()) {
                throw new InterruptedException("injection interrupted");
            }
            now = System.nanoTime();
        }
        bucket.take(now);
        return true;
    }

    /** Ends a running {@link #send} after the current frame. */
    public void cancel() {
        cancelled = true;
    }

    /** Frames sent by this injector so far (all runs). */
    public long sent() {
        return sent.get();
    }

    /** Frames refused by libpcap so far (all runs). */
    public long failed() {
        return failed.get();
    }

    public String interfaceName() {
        return interfaceName;
    }

    public boolean isLoopback() {
        return loopback;
    }

    @Override
    public void close() {
        cancelled = true;
        handle.close();
    }
}

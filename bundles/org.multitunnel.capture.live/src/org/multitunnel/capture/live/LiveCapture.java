package org.multitunnel.capture.live;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.multitunnel.capture.live.LiveCaptureException.Reason;
import org.multitunnel.capture.live.internal.Handles;
import org.multitunnel.capture.live.internal.KernelCounters;
import org.multitunnel.capture.live.internal.DltLinkTypes;
import org.multitunnel.capture.live.internal.PacketHandoff;
import org.multitunnel.capture.live.internal.WriteThrough;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.RawPacketListener;

/**
 * A running live capture on one interface. Two threads: the capture thread reads raw frames from libpcap
 * (pcap_dispatch), appends each to the pcapng write-through file and offers it to a bounded hand-off; the delivery
 * thread feeds the listener and flushes the file in quiet periods. So the file gets every packet, a slow listener
 * only loses packets itself (counted), and memory stays bounded over hours. {@link #stop()} uses pcap_breakloop,
 * which libpcap ≥ 1.10 on Linux wakes at once (older ones within the packet buffer timeout).
 *
 * <p>Only raw bytes are taken from pcap4j (RawPacketListener, never its Packet objects): pcap4j's packet factories
 * are bound through a static ServiceLoader that fails inside OSGi (kaitoy/pcap4j#152), and the workbench decodes
 * frames with its own codecs anyway.
 */
public final class LiveCapture implements AutoCloseable {
    private final LiveCaptureOptions options;
    private final LivePacketListener listener;
    private final PcapHandle handle;
    private final WriteThrough file;
    private final int linkType;
    private final PacketHandoff handoff;
    private final KernelCounters kernel = new KernelCounters();
    private final Object handleLock = new Object(); // pcap_stats vs. pcap_close
    private final AtomicLong captured = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong listenerErrors = new AtomicLong();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread captureThread;
    private final Thread deliveryThread;
    private volatile boolean stopRequested;
    private volatile boolean captureDone;
    private volatile boolean handleClosed;
    private volatile LiveCaptureException failure;

    private LiveCapture(LiveCaptureOptions options, LivePacketListener listener, PcapHandle handle,
            WriteThrough file, int linkType) {
        this.options = options;
        this.listener = listener;
        this.handle = handle;
        this.file = file;
        this.linkType = linkType;
        this.handoff = new PacketHandoff(options.queuePackets(), options.queueBytes());
        this.captureThread = new Thread(this::captureLoop, "live-capture " + options.interfaceName());
        this.deliveryThread = new Thread(this::deliveryLoop, "live-capture-delivery " + options.interfaceName());
        captureThread.setDaemon(true);
        deliveryThread.setDaemon(true);
    }

    /**
     * Opens the interface, installs the filter, creates the write-through file and starts capturing. Packets that
     * reach the interface after this returns are captured.
     *
     * @throws LiveCaptureException LIBPCAP_MISSING, PERMISSION_DENIED, NO_SUCH_INTERFACE, BAD_FILTER (no file is
     *                              created then), WRITE_FAILED or CAPTURE_FAILED
     */
    public static LiveCapture start(LiveCaptureOptions options, LivePacketListener listener)
            throws LiveCaptureException {
        Objects.requireNonNull(listener, "listener");
        PcapHandle h = Handles.open(options.interfaceName(), options.snapLength(), options.promiscuous(),
                options.timeoutMillis(), options.immediate(), options.kernelBufferBytes());
        try {
            if (!options.filter().isEmpty()) {
                Handles.setFilter(h, options.filter());
            }
            int lt = DltLinkTypes.fromDlt(h.getDlt().value());
            WriteThrough w = createFile(options, lt, h.getSnapshot());
            LiveCapture c = new LiveCapture(options, listener, h, w, lt);
            c.captureThread.start();
            c.deliveryThread.start();
            return c;
        } catch (LiveCaptureException | RuntimeException e) {
            h.close();
            throw e;
        } catch (NotOpenException e) {
            h.close();
            throw new IllegalStateException(e);
        }
    }

    private static WriteThrough createFile(LiveCaptureOptions o, int linkType, int snap)
            throws LiveCaptureException {
        String comment = "Live capture on " + o.interfaceName()
                + (o.filter().isEmpty() ? "" : ", filter: " + o.filter());
        try {
            return WriteThrough.create(o.writeThrough(), linkType, snap, o.interfaceName(), comment, o.mipPorts(),
                    o.flushIntervalMillis());
        } catch (IOException e) {
            throw new LiveCaptureException(Reason.WRITE_FAILED,
                    "Cannot create capture file " + o.writeThrough() + ": " + e.getMessage(), null, e);
        }
    }

    private void captureLoop() {
        RawPacketListener onPacket = this::onPacket;
        try {
            while (!stopRequested && failure == null) {
                try {
                    handle.dispatch(-1, onPacket);
                } catch (InterruptedException e) {
                    // pcap_breakloop from stop() or after a write failure: the loop condition decides
                }
                file.flushIfDue();
            }
        } catch (PcapNativeException e) {
            fail(new LiveCaptureException(Reason.CAPTURE_FAILED, "Capture on " + options.interfaceName()
                    + " failed: " + e.getMessage(), e.getMessage(), e));
        } catch (NotOpenException e) {
            fail(new LiveCaptureException(Reason.CAPTURE_FAILED, "Capture handle closed unexpectedly", null, e));
        } catch (IOException e) {
            failWrite(e);
        } catch (RuntimeException | Error e) {
            fail(new LiveCaptureException(Reason.CAPTURE_FAILED, "Capture failed: " + e, null, e));
        } finally {
            synchronized (handleLock) {
                refreshKernelCounters();
                handleClosed = true;
                handle.close();
            }
            try {
                file.close();
            } catch (IOException e) {
                failWrite(e);
            }
            captureDone = true;
        }
    }

    private void onPacket(byte[] data) {
        try {
            Timestamp ts = handle.getTimestamp();
            long nanos = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
            Integer orig = handle.getOriginalLength();
            int originalLength = orig == null ? data.length : orig;
            long number = captured.getAndIncrement();
            file.write(nanos, data, originalLength);
            handoff.offer(new LivePacket(number, nanos, linkType, originalLength, data));
        } catch (IOException e) {
            failWrite(e);
            breakLoop();
        } catch (RuntimeException e) { // never let an exception unwind into libpcap's callback
            fail(new LiveCaptureException(Reason.CAPTURE_FAILED, "Capture failed: " + e, null, e));
            breakLoop();
        }
    }

    private void failWrite(IOException e) {
        fail(new LiveCaptureException(Reason.WRITE_FAILED, "Writing " + options.writeThrough() + " failed: "
                + e.getMessage() + "; the capture was stopped", null, e));
    }

    private void fail(LiveCaptureException e) {
        if (failure == null) {
            failure = e;
        }
    }

    private void deliveryLoop() {
        long pollMillis = Math.min(options.flushIntervalMillis(), 50);
        try {
            while (true) {
                LivePacket p = handoff.poll(pollMillis);
                if (p != null) {
                    try {
                        listener.packet(p);
                    } catch (RuntimeException e) {
                        listenerErrors.incrementAndGet();
                    }
                    delivered.incrementAndGet();
                } else if (captureDone && handoff.isEmpty()) {
                    break;
                }
                if (!captureDone) {
                    try {
                        file.flushIfDue();
                    } catch (IOException e) {
                        failWrite(e);
                        stopRequested = true;
                        breakLoop();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                listener.stopped(failure);
            } catch (RuntimeException e) {
                listenerErrors.incrementAndGet();
            }
            finished.countDown();
        }
    }

    private void breakLoop() {
        synchronized (handleLock) {
            if (!handleClosed) {
                try {
                    handle.breakLoop();
                } catch (NotOpenException ignored) {
                    // already closing
                }
            }
        }
    }

    private void refreshKernelCounters() {
        if (handleClosed) {
            return;
        }
        try {
            PcapStat s = handle.getStats();
            kernel.update(s.getNumPacketsReceived(), s.getNumPacketsDropped(), s.getNumPacketsDroppedByIf());
        } catch (PcapNativeException | NotOpenException | RuntimeException ignored) {
            // keep the last reading
        }
    }

    /**
     * Stops capturing (pcap_breakloop), closes the interface and the file, then waits until every queued packet
     * was delivered and {@link LivePacketListener#stopped} was called. Idempotent; safe from the listener itself
     * (it then does not wait for the delivery thread).
     */
    public void stop() {
        stopRequested = true;
        breakLoop();
        joinUninterruptibly(captureThread);
        if (Thread.currentThread() != deliveryThread) {
            joinUninterruptibly(deliveryThread);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Waits until the capture has ended (by {@link #stop()} or a failure) and the listener was told. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Current counters; kernel counters are read from libpcap now while the capture runs. */
    public CaptureStatistics statistics() {
        synchronized (handleLock) {
            refreshKernelCounters();
        }
        return new CaptureStatistics(kernel.received(), kernel.dropped(), kernel.interfaceDropped(), captured.get(),
                file.packetsWritten(), delivered.get(), handoff.dropped(), listenerErrors.get());
    }

    /** True until the capture thread has ended (stopped or failed). */
    public boolean isRunning() {
        return !captureDone;
    }

    /** Why the capture ended on its own, if it did. */
    public Optional<LiveCaptureException> failure() {
        return Optional.ofNullable(failure);
    }

    /** LINKTYPE_* of the interface, as written to the file and given in every {@link LivePacket}. */
    public int linkType() {
        return linkType;
    }

    public Path file() {
        return options.writeThrough();
    }

    public LiveCaptureOptions options() {
        return options;
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

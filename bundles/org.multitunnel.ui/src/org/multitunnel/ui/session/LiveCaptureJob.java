package org.multitunnel.ui.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.multitunnel.analysis.AnalysisOptions;
import org.multitunnel.analysis.IncrementalAnalysis;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.capture.IndexListener;
import org.multitunnel.capture.OpenOptions;
import org.multitunnel.capture.PacketView;
import org.multitunnel.capture.live.CaptureStatistics;
import org.multitunnel.capture.live.LiveCapture;
import org.multitunnel.capture.live.LiveCaptureException;
import org.multitunnel.capture.live.LiveCaptureOptions;
import org.multitunnel.capture.live.LivePacket;
import org.multitunnel.capture.live.LivePacketListener;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.MultitunnelFactory;
import org.multitunnel.ui.UiTopics;

/**
 * One live capture, off the UI thread, feeding the same pipeline as an opened file. libpcap's threads write every
 * packet to the pcapng write-through file (flushed every {@value #FLUSH_MILLIS} ms); the views follow that file
 * with {@link CaptureFile#follow}, whose indexing thread also runs the {@link IncrementalAnalysis} on each packet
 * and publishes tunnels and series every {@value #PUBLISH_MILLIS} ms. The packets therefore reach the views from
 * the file, in the file's numbering, with no copy and no per-packet work on the UI thread, and what the views
 * show is exactly what re-opening the file later shows. This job's own thread only posts the status (packets,
 * drops) every {@value #STATUS_MILLIS} ms and, on Stop, stops libpcap, lets the index reach the end of the closed
 * file and finishes the analysis, after which the capture is an ordinary opened file.
 */
public final class LiveCaptureJob extends Job implements CaptureJob {
    /** The write-through file is flushed this often, which bounds how stale the views can be. */
    static final long FLUSH_MILLIS = 200;
    static final long POLL_MILLIS = 100;
    static final long PUBLISH_MILLIS = 500;
    static final long STATUS_MILLIS = 250;
    /**
     * Bindings are expired up to this long before the wall clock, not up to it: packets reach the analysis up to
     * a flush, a libpcap timeout and a poll late, and a registration must not be judged after its binding's expiry.
     */
    private static final long EXPIRY_MARGIN_NANOS = 2_000_000_000L;

    private final LiveCaptureOptions options;
    private final CaptureSessionService service;
    private final Object wake = new Object();
    private final AtomicLong analysisErrors = new AtomicLong();
    private volatile OpenCapture capture;
    private volatile LiveCapture live;
    private volatile CaptureStatistics statistics;
    private volatile boolean stopRequested;
    private volatile boolean ended;
    private volatile String state = "starting";

    LiveCaptureJob(LiveCaptureOptions options, CaptureSessionService service) {
        super("Live capture on " + options.interfaceName());
        this.options = options.withFlushIntervalMillis(Math.min(options.flushIntervalMillis(), FLUSH_MILLIS));
        this.service = service;
        setSystem(true); // its progress is the Packets status line, not a progress dialog
    }

    @Override
    protected IStatus run(IProgressMonitor mon) {
        try {
            return capture(mon);
        } finally {
            ended = true;
            OpenCapture c = capture;
            if (c != null) {
                service.post(UiTopics.PACKETS_GROWN, c);
            }
        }
    }

    private IStatus capture(IProgressMonitor mon) {
        Path path = options.writeThrough();
        AnalysisOptions analysisOptions = service.analysisOptions();
        LiveCapture running;
        try {
            Path dir = path.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            // the file records the Decode As setting's ports, so it reopens decoded as it was captured
            running = LiveCapture.start(options.withMoreMipPorts(analysisOptions.mip().ports().list()), new Quiet());
        } catch (LiveCaptureException e) {
            state = "failed";
            service.reportLiveError(options.interfaceName(), e);
            return Status.OK_STATUS; // explained in a dialog
        } catch (IOException e) {
            state = "failed";
            service.reportLiveError(options.interfaceName(), new LiveCaptureException(
                    LiveCaptureException.Reason.WRITE_FAILED, "Cannot create the folder for " + path + ": " + e,
                    null, e));
            return Status.OK_STATUS;
        }
        live = running;
        CaptureSession session = MultitunnelFactory.eINSTANCE.createCaptureSession();
        IncrementalAnalysis analysis = new IncrementalAnalysis(analysisOptions,
                new ModelUpdater(session, new UiThreadContext(service.display())));
        String name = path.getFileName().toString();
        CaptureFile file;
        try {
            file = CaptureFile.follow(path, OpenOptions.defaults().withClassifier(v -> analyse(analysis, v)),
                    new Follower(analysis, name), POLL_MILLIS);
        } catch (IOException | RuntimeException e) {
            running.stop();
            state = "failed";
            service.reportError(path, e);
            return Status.OK_STATUS;
        }
        OpenCapture c = new OpenCapture(path, file, session, analysisOptions.mip());
        c.live(this::statusLine);
        capture = c;
        CaptureSessionService.closeReplaced(service.publish(this, c));
        state = "capturing";
        while (!stopRequested && !mon.isCanceled() && running.isRunning()) {
            synchronized (wake) {
                if (!stopRequested) {
                    try {
                        wake.wait(STATUS_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            statistics = running.statistics();
            service.post(UiTopics.PACKETS_GROWN, c);
        }
        state = "stopping";
        service.post(UiTopics.PACKETS_GROWN, c);
        running.stop(); // libpcap closed, every packet written, the file closed
        statistics = running.statistics();
        LiveCaptureException failure = running.failure().orElse(null);
        file.endFollowing();
        try {
            while (!file.awaitIndexing(100, TimeUnit.MILLISECONDS)) {
                service.post(UiTopics.PACKETS_GROWN, c);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        c.markIndexingDone();
        String problem = null;
        try {
            analysis.finish(name, file.warnings());
        } catch (RuntimeException e) {
            problem = String.valueOf(e.getMessage());
        }
        state = failure != null ? "stopped by an error" : "stopped";
        c.markAnalysisDone(failure != null ? failure.getMessage() : problem);
        service.post(UiTopics.PACKETS_GROWN, c);
        service.analysisEnded(c);
        if (failure != null) {
            service.reportLiveError(options.interfaceName(), failure);
        }
        return Status.OK_STATUS;
    }

    /** On the follower's thread: a packet the analysis cannot digest is counted, never allowed to stop the capture. */
    private int analyse(IncrementalAnalysis analysis, PacketView v) {
        try {
            analysis.packet(v);
        } catch (RuntimeException e) {
            analysisErrors.incrementAndGet();
        }
        return 0;
    }

    /** Stops the capture soon (returns at once); the job then finishes the file and the analysis. */
    public void stop() {
        stopRequested = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** Stops libpcap and closes the file now, on the calling thread (window closing). */
    void stopNow() {
        stop();
        LiveCapture l = live;
        if (l != null) {
            l.stop();
        }
    }

    @Override
    protected void canceling() {
        stop();
    }

    @Override
    public OpenCapture capture() {
        return capture;
    }

    /** True once the job has finished (stopped, failed to start, or failed while capturing). */
    public boolean ended() {
        return ended;
    }

    /** What Start was given (the file, the interface, the filter). */
    public LiveCaptureOptions options() {
        return options;
    }

    /** libpcap's and our counters as of the last status update, or null before the capture runs. */
    public CaptureStatistics statistics() {
        return statistics;
    }

    /** "starting", "capturing", "stopping", "stopped", "failed" or "stopped by an error". */
    public String state() {
        return state;
    }

    /** Packets the analysis failed on (they are still in the file and the packet list). */
    public long analysisErrors() {
        return analysisErrors.get();
    }

    /** The Packets status line, e.g. "● Live on lo — 1,234 packets · 0 dropped · capturing (Stop: Ctrl+Shift+E)". */
    String statusLine() {
        OpenCapture c = capture;
        CaptureStatistics s = statistics;
        long dropped = s == null ? 0 : s.kernelDropped() + s.interfaceDropped();
        long errors = analysisErrors.get();
        String st = state;
        boolean running = "capturing".equals(st);
        return String.format("%s %s on %s — %,d packets · %,d dropped%s · %s%s", running ? "●" : "■",
                running ? "Live" : "Captured", options.interfaceName(), c == null ? 0 : c.packetCount(), dropped,
                errors == 0 ? "" : String.format(" · %,d not analysed", errors), st,
                running ? " (Capture > Stop, Ctrl+Shift+E)" : " · " + options.writeThrough());
    }

    /** libpcap's delivery thread needs a listener; the views read the file instead, so this one only waits. */
    private static final class Quiet implements LivePacketListener {
        @Override
        public void packet(LivePacket packet) {
            // the packet is already in the write-through file, which the views follow
        }
    }

    /** Publishes the running totals from the indexing thread, the only thread that touches the analysis. */
    private final class Follower implements IndexListener {
        private final IncrementalAnalysis analysis;
        private final String name;
        private long lastPublish;

        Follower(IncrementalAnalysis analysis, String name) {
            this.analysis = analysis;
            this.name = name;
        }

        @Override
        public void caughtUp(int packets) {
            long now = System.nanoTime();
            if (now - lastPublish < PUBLISH_MILLIS * 1_000_000L) {
                return;
            }
            lastPublish = now;
            long wall = System.currentTimeMillis() * 1_000_000L - EXPIRY_MARGIN_NANOS;
            try {
                analysis.publish(name, wall);
            } catch (RuntimeException e) {
                analysisErrors.incrementAndGet();
                return;
            }
            OpenCapture c = capture;
            if (c != null) { // even without new packets: expiries and the session's end move with the clock
                service.post(UiTopics.ANALYSIS_UPDATED, c);
            }
        }
    }
}

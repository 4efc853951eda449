package org.multitunnel.ui.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.multitunnel.analysis.AnalysisOptions;
import org.multitunnel.analysis.AnalysisProgress;
import org.multitunnel.analysis.CaptureAnalyzer;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.capture.IndexListener;
import org.multitunnel.capture.OpenOptions;
import org.multitunnel.capture.DecompressionLimitException;
import org.multitunnel.capture.ReadSummary;
import org.multitunnel.capture.ReadWarning;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.MultitunnelFactory;
import org.multitunnel.ui.UiTopics;

/**
 * Opens one capture off the UI thread: closes the previous capture, starts the background packet index (rows
 * appear while it grows), runs the analysis into a fresh EMF session whose changes are applied on the UI thread,
 * and reports progress, cancellation and errors. Everything that touches the file happens here, never on the UI
 * thread.
 */
public final class OpenCaptureJob extends Job implements CaptureJob {
    /** Row-count events are posted at most this often, so a fast index does not flood the UI. */
    private static final long GROWN_EVERY_NANOS = 150_000_000L;

    private final Path file;
    private final CaptureSessionService service;
    private volatile OpenCapture capture;
    private volatile IProgressMonitor monitor;
    private volatile long lastGrown;
    /** What the analysis pass read (its warnings), once it has ended. */
    private volatile ReadSummary analysed;

    OpenCaptureJob(Path file, CaptureSessionService service) {
        super("Opening " + file.getFileName());
        this.file = file;
        this.service = service;
        setUser(true);
    }

    @Override
    protected IStatus run(IProgressMonitor mon) {
        monitor = mon;
        mon.beginTask("Opening " + file.getFileName(), IProgressMonitor.UNKNOWN);
        CaptureFile opened;
        OpenOptions reading = service.openOptions();
        try {
            opened = CaptureFile.openInBackground(file, reading, new Listener());
        } catch (IOException | RuntimeException e) {
            service.reportError(file, e);
            return Status.OK_STATUS; // reported in a dialog; an error status would be shown a second time
        }
        CaptureSession session = MultitunnelFactory.eINSTANCE.createCaptureSession();
        AnalysisOptions options = service.analysisOptions();
        OpenCapture c = new OpenCapture(file, opened, session, options.mip());
        capture = c;
        CaptureSessionService.closeReplaced(service.publish(this, c));
        if (opened.indexingComplete()) {
            c.markIndexingDone();
        }
        String problem = analyze(c, options, reading, mon);
        awaitIndex(opened, mon);
        c.markIndexingDone();
        warnIfShrunk(opened);
        service.post(UiTopics.PACKETS_GROWN, c);
        if (mon.isCanceled()) {
            c.markCancelled();
        }
        c.markAnalysisDone(problem);
        service.analysisEnded(c);
        mon.done();
        return mon.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
    }

    /** Runs the analysis; returns why it stopped early, or null. */
    private String analyze(OpenCapture c, AnalysisOptions options, OpenOptions reading, IProgressMonitor mon) {
        mon.subTask("Analysing");
        ModelUpdater updater = new ModelUpdater(c.session(), new UiThreadContext(service.display()));
        try {
            analysed = CaptureAnalyzer.analyze(file, options, reading, updater, new AnalysisProgress() {
                @Override
                public void packets(long seen) {
                    mon.subTask(String.format("Analysing: %,d packets", seen));
                }

                @Override
                public boolean cancelled() {
                    return mon.isCanceled();
                }
            });
            return mon.isCanceled() ? "cancelled" : null;
        } catch (IOException | RuntimeException e) {
            if (!service.display().isDisposed()) {
                service.reportError(file, e);
            }
            return String.valueOf(e.getMessage());
        }
    }

    /**
     * The file shrank while it was indexed or analysed (another program truncated it): the readers stopped at the
     * new end and kept what they had read, which the views show; the user is told once, as a warning.
     */
    private void warnIfShrunk(CaptureFile f) {
        ReadSummary a = analysed;
        String message = shrinkWarning(f.warnings(), a == null ? List.of() : a.warnings(), f.packetCount());
        if (message != null) {
            service.reportWarning("Capture file shrank", message);
        }
    }

    /** The warning for a capture that shrank while the index or the analysis read it, or null if it did not. */
    static String shrinkWarning(List<ReadWarning> index, List<ReadWarning> analysis, int packets) {
        return java.util.stream.Stream.concat(index.stream(), analysis.stream())
                .filter(w -> w.kind() == ReadWarning.Kind.SHRANK).findFirst()
                .map(w -> w.message() + String.format("%n%n%,d packets were read before; they stay open.", packets))
                .orElse(null);
    }

    private static void awaitIndex(CaptureFile f, IProgressMonitor mon) {
        try {
            while (!f.awaitIndexing(100, TimeUnit.MILLISECONDS)) {
                mon.subTask(String.format("Indexing: %,d packets", f.packetCount()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public OpenCapture capture() {
        return capture;
    }

    /** Follows the background index: throttled row-count events, cancellation, the final count and failures. */
    private final class Listener implements IndexListener {
        @Override
        public void progress(int packets, long bytesScanned, long totalBytes) {
            long now = System.nanoTime();
            OpenCapture c = capture;
            if (c != null && now - lastGrown > GROWN_EVERY_NANOS) {
                lastGrown = now;
                service.post(UiTopics.PACKETS_GROWN, c);
            }
        }

        @Override
        public boolean cancelled() {
            IProgressMonitor m = monitor;
            return m != null && m.isCanceled();
        }

        @Override
        public void finished(int packets, List<ReadWarning> warnings, Throwable failure) {
            OpenCapture c = capture;
            if (c != null) {
                c.markIndexingDone();
                service.post(UiTopics.PACKETS_GROWN, c);
            }
            if (failure != null && !(failure instanceof DecompressionLimitException)) {
                service.reportError(file, failure); // a decompression limit is reported once, by the analysis
            }
        }
    }
}

package org.multitunnel.ui.session;

import java.nio.file.Path;
import java.util.function.BiConsumer;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.multitunnel.analysis.AnalysisOptions;
import org.multitunnel.ui.LaunchArguments;
import org.multitunnel.ui.UiTopics;
import org.multitunnel.ui.prefs.KeyStore;
import org.multitunnel.ui.prefs.RecentFiles;
import org.multitunnel.ui.prefs.UiPreferences;

/**
 * The application's one open capture. Put into the application context by the LifeCycle, it reacts to
 * File > Open, drag & drop and the command-line argument, runs the opening as an {@link OpenCaptureJob} and tells
 * the parts through the event broker; parts ask {@link #current()} when they are created late.
 */
public class CaptureSessionService {
    private final IEventBroker events;
    private final Display display;
    private final LaunchArguments launch;
    private volatile OpenCapture current;
    /** The job that opened {@link #current}; UI thread only. */
    private OpenCaptureJob job;
    private BiConsumer<String, String> errorReporter = this::showErrorDialog;
    private RecentFiles recent = RecentFiles.instance();

    @Inject
    public CaptureSessionService(IEventBroker events, @Optional LaunchArguments launch) {
        this.events = events;
        this.launch = launch;
        this.display = Display.getCurrent();
    }

    /** The command-line capture is opened once the window is up, so errors have a parent shell. */
    @Inject
    @Optional
    void startupComplete(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Object ignored) {
        if (launch != null && launch.capture() != null) {
            open(launch.capture());
        }
    }

    @Inject
    @Optional
    void openRequested(@UIEventTopic(UiTopics.CAPTURE_OPEN_REQUESTED) Path file) {
        open(file);
    }

    /**
     * Starts opening {@code file}. The current capture stays until the new file is known to be a capture; then the
     * new job cancels and closes it. Returns the job (tests join it).
     */
    public OpenCaptureJob open(Path file) {
        OpenCaptureJob j = new OpenCaptureJob(file, this);
        j.schedule();
        return j;
    }

    /** Cancels indexing and analysis of the current capture; what was read so far stays visible. */
    public void cancel() {
        OpenCaptureJob j = job;
        if (j != null) {
            j.cancel();
        }
    }

    public OpenCapture current() {
        return current;
    }

    /** The job opening the current capture (tests join it). */
    public OpenCaptureJob job() {
        return job;
    }

    /** Replaces the error dialog (tests record the message instead of blocking on a modal dialog). */
    public void setErrorReporter(BiConsumer<String, String> reporter) {
        errorReporter = reporter;
    }

    /** Replaces where opened captures are recorded for File > Recent (tests). */
    public void setRecentFiles(RecentFiles r) {
        recent = r;
    }

    /**
     * How the next capture is analysed: the stored chart interval, Mobile IP ports and draft extension numbers, and
     * the key table from secure storage. A key table that cannot be read leaves authenticators unverified rather
     * than failing the open.
     */
    AnalysisOptions analysisOptions() {
        UiPreferences prefs = UiPreferences.load();
        AnalysisOptions options = AnalysisOptions.defaults().withInterval(prefs.chartIntervalNanos())
                .withMip(prefs.mipConfig());
        try {
            return options.withKeys(KeyStore.openDefault().keyTable());
        } catch (Exception e) {
            return options;
        }
    }

    Display display() {
        return display;
    }

    /**
     * Called by the job: makes {@code capture} current and tells the parts synchronously on the UI thread, so no
     * part still reads the previous capture afterwards. Returns the job whose capture was replaced, or null.
     */
    OpenCaptureJob publish(OpenCaptureJob from, OpenCapture capture) {
        OpenCaptureJob[] replaced = new OpenCaptureJob[1];
        RecentFiles r = recent;
        if (r != null) {
            r.add(capture.path()); // on the job's thread: the preference flush is file I/O
        }
        syncUi(() -> {
            replaced[0] = job;
            job = from;
            current = capture;
            events.send(UiTopics.CAPTURE_OPENED, capture);
        });
        return replaced[0];
    }

    void post(String topic, OpenCapture capture) {
        if (capture == current) {
            events.post(topic, capture);
        }
    }

    /** Called by the job when the analysis ended: findings are indexed on the model's thread, then announced. */
    void analysisEnded(OpenCapture capture) {
        syncUi(capture::indexFindings);
        post(UiTopics.ANALYSIS_DONE, capture);
    }

    void reportError(Path file, Throwable e) {
        CaptureErrors.Problem p = CaptureErrors.describe(file, e);
        if (!display.isDisposed()) {
            display.asyncExec(() -> errorReporter.accept(p.title(), p.message()));
        }
    }

    private void showErrorDialog(String title, String message) {
        Shell shell = display.getActiveShell();
        if (shell == null && display.getShells().length > 0) {
            shell = display.getShells()[0];
        }
        MessageDialog.openError(shell, title, message);
    }

    private void syncUi(Runnable r) {
        if (!display.isDisposed()) {
            display.syncExec(r);
        }
    }

    @PreDestroy
    void dispose() {
        cancel();
    }
}

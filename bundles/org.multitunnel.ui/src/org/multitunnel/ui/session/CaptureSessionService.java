package org.multitunnel.ui.session;

import java.nio.file.Path;
import java.util.function.BiConsumer;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.multitunnel.analysis.AnalysisOptions;
import org.multitunnel.capture.OpenOptions;
import org.multitunnel.capture.live.LiveCaptureException;
import org.multitunnel.capture.live.LiveCaptureOptions;
import org.multitunnel.ui.LaunchArguments;
import org.multitunnel.ui.UiTopics;
import org.multitunnel.ui.prefs.KeyStore;
import org.multitunnel.ui.prefs.RecentFiles;
import org.multitunnel.ui.prefs.UiPreferences;

/**
 * The application's one open capture. Put into the application context by the LifeCycle, it reacts to
 * File > Open, drag & drop and the command-line argument, runs the opening as an {@link OpenCaptureJob} (or a
 * live capture as a {@link LiveCaptureJob}) and tells the parts through the event broker; parts ask
 * {@link #current()} when they are created late.
 */
public class CaptureSessionService {
    private final IEventBroker events;
    private final Display display;
    private final LaunchArguments launch;
    private volatile OpenCapture current;
    /** The job that opened {@link #current} (a file or a live capture); UI thread only. */
    private Job job;
    /** The live capture started last (it may have ended); see {@link #isCapturingLive()}. */
    private volatile LiveCaptureJob live;
    private BiConsumer<String, String> errorReporter = this::showErrorDialog;
    private BiConsumer<String, String> warningReporter = this::showWarningDialog;
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
        Job j = job;
        if (j != null) {
            j.cancel();
        }
    }

    public OpenCapture current() {
        return current;
    }

    /** The job opening the current capture, or capturing it live (tests join it). */
    public Job job() {
        return job;
    }

    /**
     * Starts a live capture in the background: the interface is opened off the UI thread, problems (permissions,
     * libpcap, filter) are explained in a dialog, and once it runs it replaces the current capture in the views.
     */
    public LiveCaptureJob startLive(LiveCaptureOptions options) {
        LiveCaptureJob j = new LiveCaptureJob(options, this);
        live = j;
        j.schedule();
        return j;
    }

    /** Stops the running live capture (returns at once; the views turn into the saved file's when it ends). */
    public void stopLive() {
        LiveCaptureJob j = live;
        if (j != null) {
            j.stop();
        }
    }

    /** The live capture started last, or null. */
    public LiveCaptureJob live() {
        return live;
    }

    /** True from Start until the capture has stopped (enables Capture > Stop, disables Start). */
    public boolean isCapturingLive() {
        LiveCaptureJob j = live;
        return j != null && !j.ended();
    }

    /** Explains a live capture problem in a dialog (or to the test's reporter). */
    void reportLiveError(String interfaceName, LiveCaptureException e) {
        CaptureErrors.Problem p = LiveCaptureErrors.describe(interfaceName, e);
        if (!display.isDisposed()) {
            display.asyncExec(() -> errorReporter.accept(p.title(), p.message()));
        }
    }

    /** Stops the replaced capture's job and releases its file (no part reads it any more). Not on the UI thread. */
    static void closeReplaced(Job previous) {
        if (previous == null) {
            return;
        }
        previous.cancel();
        try {
            previous.join();
            OpenCapture old = previous instanceof CaptureJob cj ? cj.capture() : null;
            if (old != null) {
                old.file().close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.io.IOException e) {
            // The old capture is gone from the UI; a failing close only leaks a mapping until exit.
        }
    }

    /** Replaces the warning dialog (tests record the message instead of blocking on a modal dialog). */
    public void setWarningReporter(BiConsumer<String, String> reporter) {
        warningReporter = reporter;
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
    /** How captures are opened (the gzip limits of Window > Preferences > Capture files). */
    OpenOptions openOptions() {
        return UiPreferences.load().openOptions();
    }

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
    Job publish(Job from, OpenCapture capture) {
        Job[] replaced = new Job[1];
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

    /** Tells the user something went wrong but what was read is kept (e.g. the file shrank while it was read). */
    void reportWarning(String title, String message) {
        if (!display.isDisposed()) {
            display.asyncExec(() -> warningReporter.accept(title, message));
        }
    }

    private void showWarningDialog(String title, String message) {
        Shell shell = display.getActiveShell();
        if (shell == null && display.getShells().length > 0) {
            shell = display.getShells()[0];
        }
        MessageDialog.openWarning(shell, title, message);
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
        LiveCaptureJob j = live;
        if (j != null) {
            j.stopNow(); // leaves a complete pcapng behind when the window closes mid-capture
        }
    }
}

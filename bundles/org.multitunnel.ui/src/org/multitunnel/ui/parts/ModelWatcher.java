package org.multitunnel.ui.parts;

import org.eclipse.emf.common.notify.Notification;
import org.eclipse.emf.ecore.util.EContentAdapter;
import org.eclipse.swt.widgets.Display;
import org.multitunnel.model.CaptureSession;

/**
 * Follows every change of a capture's EMF session and runs a refresh at most a few times a second, so a view
 * stays live during the analysis without redrawing once per model change. Changes arrive on the UI thread (the
 * session's ModelUpdater runs them there).
 */
final class ModelWatcher extends EContentAdapter {
    private static final int DELAY_MS = 250;
    private final Display display;
    private final Runnable refresh;
    private CaptureSession watched;
    private boolean scheduled;

    ModelWatcher(Display display, Runnable refresh) {
        this.display = display;
        this.refresh = refresh;
    }

    /** Stops watching the previous session and watches {@code session} (may be null). */
    void watch(CaptureSession session) {
        if (watched != null) {
            watched.eAdapters().remove(this);
        }
        watched = session;
        if (session != null) {
            session.eAdapters().add(this);
        }
    }

    @Override
    public void notifyChanged(Notification n) {
        super.notifyChanged(n);
        if (!scheduled && !display.isDisposed()) {
            scheduled = true;
            display.timerExec(DELAY_MS, () -> {
                scheduled = false;
                refresh.run();
            });
        }
    }
}

package org.multitunnel.ui.session;

import org.eclipse.swt.widgets.Display;
import org.multitunnel.model.ModelUpdater;

/**
 * Runs every model change of the analysis on the SWT thread (syncExec), so the views' EMF adapters are notified
 * where they may touch widgets and the views follow the analysis live. After the display is gone the change is
 * applied directly (nobody is watching any more).
 */
final class UiThreadContext implements ModelUpdater.Context {
    private final Display display;

    UiThreadContext(Display display) {
        this.display = display;
    }

    @Override
    public void run(Runnable change) {
        if (display.isDisposed() || display.getThread() == Thread.currentThread()) {
            change.run();
        } else {
            display.syncExec(change);
        }
    }
}

package org.multitunnel.ui.bindings;

import java.util.function.LongSupplier;

import org.eclipse.swt.widgets.Display;
import org.multitunnel.ui.session.OpenCapture;

/**
 * Makes the Bindings view's lifetimes count down once a second while a live capture runs: switches the labels to
 * the wall clock and refreshes the tree every {@value #TICK_MS} ms (the model does not change just because time
 * passes), and back to "left at end" when the capture stops. UI thread only.
 */
public final class LifetimeCountdown {
    static final int TICK_MS = 1000;
    private static final LongSupplier WALL_CLOCK = () -> System.currentTimeMillis() * 1_000_000L;

    private final Display display;
    private final BindingsLabels labels;
    private final Runnable refresh;
    private OpenCapture following;

    public LifetimeCountdown(Display display, BindingsLabels labels, Runnable refresh) {
        this.display = display;
        this.labels = labels;
        this.refresh = refresh;
    }

    /** Follows the capture now shown (any earlier one is dropped). */
    public void follow(OpenCapture c) {
        following = c;
        boolean live = c != null && c.isLive();
        labels.setLiveClock(live ? WALL_CLOCK : null);
        if (live) {
            display.timerExec(TICK_MS, () -> tick(c));
        }
    }

    private void tick(OpenCapture c) {
        if (c != following || display.isDisposed()) {
            return;
        }
        if (!c.isLive()) {
            labels.setLiveClock(null);
            refresh.run();
            return;
        }
        refresh.run();
        display.timerExec(TICK_MS, () -> tick(c));
    }
}

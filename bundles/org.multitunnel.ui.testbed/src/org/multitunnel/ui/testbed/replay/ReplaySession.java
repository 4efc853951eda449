package org.multitunnel.ui.testbed.replay;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.multitunnel.agent.replay.CapturedRegistration;
import org.multitunnel.agent.replay.ReplayEntry;
import org.multitunnel.agent.replay.ReplayOptions;
import org.multitunnel.agent.replay.ReplayReport;
import org.multitunnel.agent.replay.ReplayTiming;
import org.multitunnel.agent.replay.Replayer;

/**
 * One replay as the GUI drives it: the picked requests in capture order, sent one at a time through the core
 * {@link Replayer} (rewrite, fresh Identification, re-sign, compare), either on demand ({@link #step()}, the Step
 * button) or on the capture's clock scaled by a speed factor ({@link #runTimed}) with a cancel check between and
 * during waits. Plain Java, so tests drive it without a display; the part only shows its entries.
 */
public final class ReplaySession {
    private final List<CapturedRegistration> requests;
    private final Replayer replayer;
    private final List<ReplayEntry> done = new ArrayList<>();

    public ReplaySession(List<CapturedRegistration> requests, ReplayOptions options) {
        this.requests = List.copyOf(requests);
        this.replayer = new Replayer(new ReplayOptions(options.target(), options.map(), options.keys(),
                ReplayTiming.STEP, options.replyTimeout(), options.transmissions(), options.log()));
    }

    public List<CapturedRegistration> requests() {
        return requests;
    }

    public synchronized int position() {
        return done.size();
    }

    public synchronized boolean hasNext() {
        return done.size() < requests.size();
    }

    /** The request the next {@link #step()} sends, or null when all were sent. */
    public synchronized CapturedRegistration peek() {
        return hasNext() ? requests.get(done.size()) : null;
    }

    /** Sends the next request and waits for its reply (or the client's timeouts). */
    public ReplayEntry step() throws IOException, InterruptedException {
        CapturedRegistration c = peek();
        if (c == null) {
            throw new IllegalStateException("every request was replayed");
        }
        ReplayEntry e = replayer.replay(List.of(c)).entries().get(0);
        synchronized (this) {
            done.add(e);
        }
        return e;
    }

    /**
     * Sends the remaining requests spaced as in the capture divided by {@code speed} (0: back to back, each after
     * the last one's reply). Returns early, without error, when {@code cancelled} becomes true.
     */
    public void runTimed(double speed, BooleanSupplier cancelled, Consumer<ReplayEntry> each)
            throws IOException, InterruptedException {
        if (speed < 0 || Double.isNaN(speed)) {
            throw new IllegalArgumentException("speed must be >= 0");
        }
        CapturedRegistration first = peek();
        if (first == null) {
            return;
        }
        long origin = first.timestampNanos();
        long start = System.nanoTime();
        while (hasNext() && !cancelled.getAsBoolean()) {
            CapturedRegistration c = peek();
            if (speed > 0) {
                long due = start + (long) (Math.max(0, c.timestampNanos() - origin) / speed);
                if (!sleepUntil(due, cancelled)) {
                    return;
                }
            }
            each.accept(step());
        }
    }

    /** The entries sent so far, as the core's report (for the text/JSON export). */
    public synchronized ReplayReport report() {
        return new ReplayReport(done);
    }

    /** Sleeps in slices of at most 50 ms; false when cancelled first. */
    static boolean sleepUntil(long due, BooleanSupplier cancelled) throws InterruptedException {
        long limit = System.nanoTime() + 3_600_000_000_000L; // never one wait longer than an hour
        long end = Math.min(due, limit);
        while (System.nanoTime() < end) {
            if (cancelled.getAsBoolean()) {
                return false;
            }
            Thread.sleep(Math.max(1, Math.min(50, (end - System.nanoTime()) / 1_000_000L)));
        }
        return !cancelled.getAsBoolean();
    }
}

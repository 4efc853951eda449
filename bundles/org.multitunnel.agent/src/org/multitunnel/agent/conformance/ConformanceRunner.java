package org.multitunnel.agent.conformance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.multitunnel.agent.client.ExchangeLog;

/**
 * Runs scenarios one after another against one home agent — the engine behind {@code multitunnel conformance} and
 * the GUI's conformance view. Each scenario gets its own home address, so state never leaks between them; a
 * listener hears about progress, {@link #cancel()} (from any thread) stops at the next exchange. All exchanged
 * datagrams are kept in {@link #log()} for pcapng export.
 */
public final class ConformanceRunner {
    /** Progress callbacks, called on the running thread. */
    public interface ProgressListener {
        default void started(Scenario scenario, int index, int total) {
        }

        default void finished(ScenarioResult result, int index, int total) {
        }
    }

    private final ConformanceConfig config;
    private final ExchangeLog log = new ExchangeLog();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public ConformanceRunner(ConformanceConfig config) {
        this.config = config;
    }

    public ExchangeLog log() {
        return log;
    }

    public void cancel() {
        cancelled.set(true);
    }

    public boolean cancelled() {
        return cancelled.get();
    }

    public ConformanceReport run(List<Scenario> scenarios, ProgressListener listener) {
        ProgressListener l = listener == null ? new ProgressListener() {
        } : listener;
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        List<ScenarioResult> results = new ArrayList<>();
        for (int i = 0; i < scenarios.size() && !cancelled.get(); i++) {
            Scenario sc = scenarios.get(i);
            l.started(sc, i, scenarios.size());
            ScenarioResult r = runOne(sc, config.homeAddress(i));
            results.add(r);
            l.finished(r, i, scenarios.size());
        }
        return new ConformanceReport(config, start, Duration.ofNanos(System.nanoTime() - t0), results,
                cancelled.get());
    }

    private ScenarioResult runOne(Scenario sc, String homeAddress) {
        ScenarioSession s = new ScenarioSession(config, homeAddress, sc.ruleId(), log, cancelled::get);
        long t0 = System.nanoTime();
        ScenarioResult.Status status;
        String message;
        try {
            sc.run(s);
            status = ScenarioResult.Status.PASSED;
            message = "";
        } catch (ScenarioFailure e) {
            status = ScenarioResult.Status.FAILED;
            message = e.getMessage();
        } catch (ScenarioSkipped e) {
            status = ScenarioResult.Status.SKIPPED;
            message = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled.set(true);
            status = ScenarioResult.Status.ERROR;
            message = "interrupted";
        } catch (Exception e) {
            status = ScenarioResult.Status.ERROR;
            message = e.toString();
        }
        if (status != ScenarioResult.Status.SKIPPED) {
            s.cleanup();
        }
        return new ScenarioResult(sc, status, message, s.steps(), Duration.ofNanos(System.nanoTime() - t0));
    }
}

package org.multitunnel.agent.conformance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A finished (or cancelled) run: configuration, start time, one result per scenario in suite order. */
public record ConformanceReport(ConformanceConfig config, Instant started, Duration duration,
        List<ScenarioResult> results, boolean cancelled) {

    public ConformanceReport {
        results = List.copyOf(results);
    }

    public long count(ScenarioResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /** True when nothing failed or errored and the run was not cancelled (skipped scenarios do not fail it). */
    public boolean allPassed() {
        return !cancelled && count(ScenarioResult.Status.FAILED) == 0 && count(ScenarioResult.Status.ERROR) == 0;
    }
}

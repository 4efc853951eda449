package org.multitunnel.agent.conformance;

import java.time.Duration;
import java.util.List;

/**
 * The verdict of one scenario: status, the reason (failure message, skip reason or error), the transcript of steps
 * ("BID 2 from 127.0.1.2 lifetime 0 → code 0 lifetime 0") and how long it took.
 */
public record ScenarioResult(Scenario scenario, Status status, String message, List<String> steps,
        Duration duration) {
    public enum Status {
        PASSED, FAILED, SKIPPED, ERROR
    }

    public ScenarioResult {
        steps = List.copyOf(steps);
    }

    public boolean passed() {
        return status == Status.PASSED;
    }
}

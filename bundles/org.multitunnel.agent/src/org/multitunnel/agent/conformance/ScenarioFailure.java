package org.multitunnel.agent.conformance;

/** The home agent did not behave as the scenario's statement requires; the message says what was observed. */
public final class ScenarioFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public ScenarioFailure(String message) {
        super(message);
    }
}

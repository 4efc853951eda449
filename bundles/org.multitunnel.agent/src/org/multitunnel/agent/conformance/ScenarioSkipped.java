package org.multitunnel.agent.conformance;

/** The scenario cannot run with this configuration (e.g. no key, no deny-multipath home address given). */
public final class ScenarioSkipped extends Exception {
    private static final long serialVersionUID = 1L;

    public ScenarioSkipped(String message) {
        super(message);
    }
}

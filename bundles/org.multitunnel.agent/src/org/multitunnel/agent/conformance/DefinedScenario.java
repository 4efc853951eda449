package org.multitunnel.agent.conformance;

/** A scenario given by its texts and a body (the scenario classes list theirs as these). */
record DefinedScenario(String ruleId, String title, String source, String statement, Body body) implements Scenario {
    @FunctionalInterface
    interface Body {
        void run(ScenarioSession s) throws Exception;
    }

    @Override
    public void run(ScenarioSession session) throws Exception {
        body.run(session);
    }
}

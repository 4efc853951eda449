package org.multitunnel.agent.conformance;

/**
 * One conformance scenario: a normative statement of a specification turned into message exchanges with a home
 * agent and a verdict. The rule id names the document and section as {@code docs/conformance.md} does
 * ({@code RFC7629-5.2-REJECT-153}, {@code MTS02-…}, {@code MIR-…}); the statement is the text being tested.
 */
public interface Scenario {
    /** The rule id, unique within a suite. */
    String ruleId();

    /** A short title for reports. */
    String title();

    /** The normative statement tested, quoted or closely paraphrased from the specification. */
    String statement();

    /** Document and section, e.g. "RFC 7629 §5.2". */
    String source();

    /** Runs the exchanges; returns normally on pass, throws {@link ScenarioFailure} / {@link ScenarioSkipped}. */
    void run(ScenarioSession session) throws Exception;
}

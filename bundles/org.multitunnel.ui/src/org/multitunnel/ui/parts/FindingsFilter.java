package org.multitunnel.ui.parts;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.multitunnel.model.Finding;
import org.multitunnel.model.Severity;

/**
 * What the Findings view's two drop-downs select: one severity or all, one rule id or all. Kept apart from the
 * widgets so the choice lists and the matching are the same thing the test checks.
 */
record FindingsFilter(Severity severity, String rule) {
    static final String ALL = "All";
    static final FindingsFilter NONE = new FindingsFilter(null, null);

    boolean matches(Finding f) {
        return (severity == null || f.getSeverity() == severity) && (rule == null || rule.equals(f.getRule()));
    }

    /** "All" then every severity literal. */
    static List<String> severityChoices() {
        return Stream.concat(Stream.of(ALL),
                Severity.VALUES.stream().map(Severity::getLiteral)).toList();
    }

    /** "All" then the distinct rule ids of the findings, sorted. */
    static List<String> ruleChoices(List<Finding> findings) {
        TreeSet<String> rules = new TreeSet<>();
        for (Finding f : findings) {
            if (f.getRule() != null) {
                rules.add(f.getRule());
            }
        }
        return Stream.concat(Stream.of(ALL), rules.stream()).toList();
    }

    static FindingsFilter of(String severityChoice, String ruleChoice) {
        Severity s = severityChoice == null || ALL.equals(severityChoice) ? null : Severity.get(severityChoice);
        String r = ruleChoice == null || ALL.equals(ruleChoice) ? null : ruleChoice;
        return new FindingsFilter(s, r);
    }
}

package org.multitunnel.agent.conformance;

import java.util.ArrayList;
import java.util.List;

/** The standard suite, in report order: RFC 7629 (the primary format), RFC 5944 basics, then the drafts. */
public final class Scenarios {
    private Scenarios() {
    }

    public static List<Scenario> all() {
        List<Scenario> out = new ArrayList<>();
        out.addAll(Rfc7629Scenarios.all());
        out.addAll(Rfc5944Scenarios.all());
        out.addAll(DraftScenarios.all());
        return List.copyOf(out);
    }

    /** The scenarios whose rule id starts with one of {@code prefixes} (all when none are given). */
    public static List<Scenario> select(List<String> prefixes) {
        if (prefixes == null || prefixes.isEmpty()) {
            return all();
        }
        List<Scenario> out = new ArrayList<>();
        for (Scenario s : all()) {
            if (prefixes.stream().anyMatch(p -> s.ruleId().startsWith(p))) {
                out.add(s);
            }
        }
        return out;
    }
}

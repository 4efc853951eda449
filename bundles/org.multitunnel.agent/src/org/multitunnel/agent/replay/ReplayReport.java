package org.multitunnel.agent.replay;

import java.util.List;

/** All entries of a replay in capture order, with the comparison summary the exit code is based on. */
public record ReplayReport(List<ReplayEntry> entries) {
    public ReplayReport {
        entries = List.copyOf(entries);
    }

    public long compared() {
        return entries.stream().filter(ReplayEntry::compared).count();
    }

    public long mismatches() {
        return entries.stream().filter(e -> e.compared() && !e.matches()).count();
    }

    public boolean allMatch() {
        return mismatches() == 0;
    }
}

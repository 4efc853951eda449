package org.multitunnel.analysis;

/** Progress and cancellation of a long analysis (an Eclipse Job in the GUI, nothing on the command line). */
public interface AnalysisProgress {
    AnalysisProgress NONE = new AnalysisProgress() {
    };

    /** Called every few thousand packets with the packets seen so far. */
    default void packets(long seen) {
    }

    default boolean cancelled() {
        return false;
    }
}

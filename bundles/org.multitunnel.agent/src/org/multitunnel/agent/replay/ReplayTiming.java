package org.multitunnel.agent.replay;

/** How replayed requests are spaced: as in the capture (relative to the first), or each after the last's reply. */
public enum ReplayTiming {
    ORIGINAL, STEP;

    public static ReplayTiming parse(String s) {
        return switch (s) {
            case "original" -> ORIGINAL;
            case "step" -> STEP;
            default -> throw new IllegalArgumentException("timing must be original or step: " + s);
        };
    }
}

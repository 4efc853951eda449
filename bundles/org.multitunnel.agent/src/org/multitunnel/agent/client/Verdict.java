package org.multitunnel.agent.client;

/**
 * What became of one registration attempt, in the terms of the headless contract's {@code send} exit codes:
 * accepted (0), rejected (1), no reply (2), reply failed authentication (3). One place so the CLI, the conformance
 * runner and the GUI agree on the mapping.
 */
public enum Verdict {
    ACCEPTED("accepted", 0), REJECTED("rejected", 1), NO_REPLY("no-reply", 2), AUTH_FAILED("auth-failed", 3);

    private final String label;
    private final int exitCode;

    Verdict(String label, int exitCode) {
        this.label = label;
        this.exitCode = exitCode;
    }

    /** The JSON / text form: accepted, rejected, no-reply, auth-failed. */
    public String label() {
        return label;
    }

    public int exitCode() {
        return exitCode;
    }
}

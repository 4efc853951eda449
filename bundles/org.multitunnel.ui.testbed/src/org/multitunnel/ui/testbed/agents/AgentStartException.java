package org.multitunnel.ui.testbed.agents;

/**
 * An agent could not start; the message is written for the user as is. When the listen port was taken,
 * {@link #suggestedPort()} names a port that was free a moment ago (0 when none was found), so the UI can offer it.
 */
public final class AgentStartException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int suggestedPort;

    public AgentStartException(String message, int suggestedPort, Throwable cause) {
        super(message, cause);
        this.suggestedPort = suggestedPort;
    }

    public int suggestedPort() {
        return suggestedPort;
    }

    public boolean portInUse() {
        return suggestedPort > 0;
    }
}

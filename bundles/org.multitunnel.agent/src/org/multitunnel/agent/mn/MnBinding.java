package org.multitunnel.agent.mn;

import java.time.Instant;

/**
 * What the mobile node knows about one of its registrations: the interface's care-of address and BID, the state,
 * the lifetime the agent granted, the last reply code, how many requests were accepted for it and when it lapses.
 */
public record MnBinding(String careOfAddress, int bid, State state, int grantedLifetime, int lastCode,
        int acceptedCount, Instant expiresAt) {
    public enum State {
        /** Request sent, no reply yet. */
        REGISTERING,
        /** Accepted and not yet lapsed. */
        REGISTERED,
        /** Rejected or unanswered; will be retried. */
        FAILED,
        /** Multipath refused (152): this interface is not registered. */
        DISABLED,
        /** De-registered on stop. */
        DEREGISTERED,
        /** The home link was detected on an interface: no care-of address is registered (seed 001 §5.1). */
        AT_HOME
    }
}

package org.multitunnel.agent.client;

import java.io.IOException;

/**
 * The exact bytes of each transmission when the caller, not a {@link RegistrationSpec}, builds the request — the
 * GUI composer's message with its deliberate errors, for instance. Called once per transmission, so a source that
 * stamps a fresh timestamp Identification gives every retransmission a new one (RFC 5944 §3.6.3).
 */
@FunctionalInterface
public interface RequestSource {
    /** The UDP payload of transmission {@code transmission} (1-based); the message is shown to the user. */
    byte[] next(int transmission) throws IOException;
}

package org.multitunnel.agent.replay;

import org.multitunnel.wire.mip.RegistrationRequest;

/**
 * One Registration Request found in a capture: where (frame number, 1-based as in the packet list), when, its IP
 * source and destination, the decoded request and, when the capture also holds the reply that answers it (same
 * Home Address, same low-order 32 Identification bits, RFC 5944 §5.7), that reply's code — else -1.
 */
public record CapturedRegistration(long frame, long timestampNanos, String source, String destination,
        RegistrationRequest request, int capturedCode) {

    public boolean answered() {
        return capturedCode >= 0;
    }
}

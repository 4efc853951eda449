package org.multitunnel.ui.testbed;

import java.net.InetSocketAddress;

/**
 * One registration message as the composer built it for sending now: the exact UDP payload (deliberate errors
 * included), a one-line summary for histories, and the target the template names (null when it names none).
 */
public record ComposedMessage(byte[] payload, String summary, InetSocketAddress target) {
    public ComposedMessage {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }
}

package org.multitunnel.ui.testbed.send;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.multitunnel.agent.client.ClientOptions;
import org.multitunnel.wire.mip.auth.KeyTable;

/**
 * The Send form as a value: where to send, the source address to send from (null: the system chooses), how many
 * transmissions and the first reply timeout (doubled after each unanswered one, RFC 5944 §3.6.3, up to 8×).
 */
public record SendSettings(InetSocketAddress target, InetAddress source, int transmissions, Duration timeout) {
    public SendSettings {
        if (transmissions < 1 || transmissions > 32) {
            throw new IllegalArgumentException("transmissions must be 1-32");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the timeout must be positive");
        }
    }

    /** Client options for one exchange, verifying the reply with {@code keys} when there are any. */
    public ClientOptions toOptions(KeyTable keys) {
        Duration max = timeout.multipliedBy(8).compareTo(ClientOptions.DEFAULT_MAX_TIMEOUT) > 0 ? timeout.multipliedBy(8)
                : ClientOptions.DEFAULT_MAX_TIMEOUT;
        return ClientOptions.to(target).withSource(source).withTimeouts(timeout, max, transmissions)
                .withVerifyKeys(keys);
    }

    /** How long the exchange can take at most (for the status line). */
    public Duration worstCase() {
        return toOptions(null).worstCase();
    }
}

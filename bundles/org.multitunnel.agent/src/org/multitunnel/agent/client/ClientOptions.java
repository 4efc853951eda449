package org.multitunnel.agent.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.multitunnel.wire.mip.auth.KeyTable;

/**
 * Transport settings of a {@link RegistrationClient}: the home agent (or foreign agent) to talk to, the source
 * address requests leave from, and the RFC 5944 §3.6.3 retransmission schedule — an initial timeout that doubles
 * after every unanswered transmission up to a ceiling, for a bounded number of transmissions. {@code verifyKeys}
 * enables checking the reply's MN-HA authenticator.
 */
public record ClientOptions(InetSocketAddress target, InetAddress source, int sourcePort, Duration initialTimeout,
        Duration maxTimeout, int transmissions, IdentificationSource identification, KeyTable verifyKeys,
        ExchangeLog log) {

    /** RFC 5944 §3.6.3 asks for at least twice the round trip plus 100 ms; 1 s is the usual first timeout. */
    public static final Duration DEFAULT_INITIAL_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_TIMEOUT = Duration.ofSeconds(8);
    public static final int DEFAULT_TRANSMISSIONS = 4;

    public ClientOptions {
        if (target == null) {
            throw new IllegalArgumentException("target is required");
        }
        if (transmissions < 1 || transmissions > 32) {
            throw new IllegalArgumentException("transmissions must be 1..32: " + transmissions);
        }
        if (initialTimeout.isNegative() || initialTimeout.isZero() || maxTimeout.compareTo(initialTimeout) < 0) {
            throw new IllegalArgumentException("timeouts must be positive and max >= initial");
        }
        if (identification == null) {
            identification = IdentificationSource.timestamps();
        }
    }

    public static ClientOptions to(InetSocketAddress target) {
        return new ClientOptions(target, null, 0, DEFAULT_INITIAL_TIMEOUT, DEFAULT_MAX_TIMEOUT,
                DEFAULT_TRANSMISSIONS, IdentificationSource.timestamps(), null, null);
    }

    public ClientOptions withSource(InetAddress a) {
        return new ClientOptions(target, a, sourcePort, initialTimeout, maxTimeout, transmissions, identification,
                verifyKeys, log);
    }

    public ClientOptions withSourcePort(int port) {
        return new ClientOptions(target, source, port, initialTimeout, maxTimeout, transmissions, identification,
                verifyKeys, log);
    }

    public ClientOptions withTimeouts(Duration initial, Duration max, int count) {
        return new ClientOptions(target, source, sourcePort, initial, max, count, identification, verifyKeys, log);
    }

    public ClientOptions withIdentification(IdentificationSource ids) {
        return new ClientOptions(target, source, sourcePort, initialTimeout, maxTimeout, transmissions, ids,
                verifyKeys, log);
    }

    public ClientOptions withVerifyKeys(KeyTable keys) {
        return new ClientOptions(target, source, sourcePort, initialTimeout, maxTimeout, transmissions, identification,
                keys, log);
    }

    public ClientOptions withLog(ExchangeLog l) {
        return new ClientOptions(target, source, sourcePort, initialTimeout, maxTimeout, transmissions, identification,
                verifyKeys, l);
    }

    /** Upper bound of the time {@link RegistrationClient#send} can take with these options. */
    public Duration worstCase() {
        Duration total = Duration.ZERO;
        Duration t = initialTimeout;
        for (int i = 0; i < transmissions; i++) {
            total = total.plus(t);
            t = t.multipliedBy(2).compareTo(maxTimeout) > 0 ? maxTimeout : t.multipliedBy(2);
        }
        return total;
    }
}

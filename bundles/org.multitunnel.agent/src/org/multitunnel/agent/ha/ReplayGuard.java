package org.multitunnel.agent.ha;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import org.multitunnel.agent.net.NtpIdentification;

/**
 * Replay protection with timestamps (RFC 5944 §5.7, §5.7.1): an Identification is acceptable when its NTP
 * timestamp is within the replay window of the home agent's clock and it was not already seen from this mobile
 * node inside the window. A strictly increasing rule would reject a multipath mobile node whose per-interface
 * requests overtake each other on the way, so exact repeats are caught by a per-node cache of recent values instead.
 * Nodes configured for nonces (§5.7.2) are checked by {@link NonceGuard} instead.
 */
final class ReplayGuard {
    private final Duration window;
    private final Map<String, Deque<Seen>> seen = new HashMap<>();

    private record Seen(long id, Instant at) {
    }

    ReplayGuard(int windowSeconds) {
        this.window = Duration.ofSeconds(windowSeconds);
    }

    /** True when {@code id} is fresh for {@code homeAddress} at {@code now}. Does not record it. */
    synchronized boolean acceptable(String homeAddress, long id, Instant now) {
        Instant stamp = NtpIdentification.toInstant(id);
        if (Duration.between(stamp, now).abs().compareTo(window) > 0) {
            return false;
        }
        Deque<Seen> q = prune(homeAddress, now);
        for (Seen s : q) {
            if (s.id() == id) {
                return false;
            }
        }
        return true;
    }

    synchronized void record(String homeAddress, long id, Instant now) {
        prune(homeAddress, now).addLast(new Seen(id, now));
    }

    private Deque<Seen> prune(String homeAddress, Instant now) {
        Deque<Seen> q = seen.computeIfAbsent(homeAddress, k -> new ArrayDeque<>());
        // an id older than twice the window can never be within the window again
        Instant horizon = now.minus(window.multipliedBy(2));
        while (!q.isEmpty() && q.peekFirst().at().isBefore(horizon)) {
            q.removeFirst();
        }
        while (q.size() > 4096) {
            q.removeFirst();
        }
        return q;
    }
}

package org.multitunnel.agent.ha;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One mobility binding in the home agent's table (RFC 5944 §3.8.1), extended by RFC 7629's Binding Identifier.
 * Immutable snapshot: the table replaces a binding when it is refreshed.
 *
 * @param homeAddress   the mobile node's home address
 * @param bid           RFC 7629 BID (1-254), seed 001 Binding-Id, seed 000 If-Id, or 0 for a plain RFC 5944 binding
 * @param careOfAddress the registered care-of address
 * @param extension     which format registered it: {@code rfc7629}, {@code multiple-tunnel-02},
 *                      {@code multi-interface} or {@code none}
 * @param ifAtt         RFC 7629 If-ATT (or seed 001/000 If-Type), 0 when none
 * @param ifLabel       RFC 7629 If-Label, 0 when none
 * @param linkWeight    seed 000 Link-Weight, 0 when none
 * @param lifetime      granted lifetime in seconds (0xffff: infinite)
 * @param registeredAt  when this binding was first accepted
 * @param refreshedAt   when it was last accepted (equals registeredAt until refreshed)
 * @param expiresAt     when it lapses, or {@link Instant#MAX} for an infinite lifetime
 * @param flowBindings  the flow bindings (RFC 7629 §4.2) of this mobile node that name this BID
 */
public record HaBinding(String homeAddress, int bid, String careOfAddress, String extension, int ifAtt, int ifLabel,
        int linkWeight, int lifetime, Instant registeredAt, Instant refreshedAt, Instant expiresAt,
        List<HaFlowBinding> flowBindings) {
    public static final int INFINITE = 0xffff;

    public HaBinding {
        flowBindings = List.copyOf(flowBindings);
    }

    /** Seconds left at {@code now}, rounded down, never negative; -1 for an infinite lifetime. */
    public long remainingSeconds(Instant now) {
        if (expiresAt.equals(Instant.MAX)) {
            return -1;
        }
        return Math.max(0, Duration.between(now, expiresAt).toSeconds());
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    HaBinding withFlowBindings(List<HaFlowBinding> fbs) {
        return new HaBinding(homeAddress, bid, careOfAddress, extension, ifAtt, ifLabel, linkWeight, lifetime,
                registeredAt, refreshedAt, expiresAt, fbs);
    }

    HaBinding refreshed(int newLifetime, Instant now) {
        return new HaBinding(homeAddress, bid, careOfAddress, extension, ifAtt, ifLabel, linkWeight, newLifetime,
                registeredAt, now, expiry(now, newLifetime), flowBindings);
    }

    static Instant expiry(Instant now, int lifetime) {
        return lifetime == INFINITE ? Instant.MAX : now.plusSeconds(lifetime);
    }
}

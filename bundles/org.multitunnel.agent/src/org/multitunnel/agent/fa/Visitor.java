package org.multitunnel.agent.fa;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * One entry of the foreign agent's visitor list (RFC 5944 §3.7.1): the mobile node's home address, where its
 * request came from (the reply is relayed there), the care-of address it asked for, the Identification that
 * matches the reply, and — once the home agent accepted — the granted lifetime.
 *
 * @param linkWeight seed 000 Link-Weight of the request, 0 when it had none
 * @param pending    true while the reply is outstanding
 */
public record Visitor(String homeAddress, InetSocketAddress source, String careOfAddress, String homeAgent,
        long identification, int requestedLifetime, int linkWeight, boolean pending, int grantedLifetime, Instant since,
        Instant expiresAt) {
}

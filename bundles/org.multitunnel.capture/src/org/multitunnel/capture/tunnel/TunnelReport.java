package org.multitunnel.capture.tunnel;

import java.util.List;

/**
 * The result of one {@link TunnelAccounting} pass: every tunnel with its per-direction totals and series, every inner
 * flow with the tunnels it used, and how the capture's packets were classified. Immutable; tunnels are sorted by
 * home agent, care-of address, encapsulation and discriminator (unsigned), flows by first appearance.
 *
 * @param intervalNanos          series bucket width
 * @param packets                packets seen
 * @param wireBytes              sum of the packets' original (on-the-wire) lengths
 * @param firstNanos             earliest capture time seen (0 when no packet had one)
 * @param signallingPackets      Mobile IPv4 signalling on UDP 434 (never counted in tunnels)
 * @param registrationRequests   of which registration requests (type 1)
 * @param registrationReplies    of which registration replies (type 3)
 * @param mobilityHeaderPackets  Mobile IPv6 mobility headers
 * @param tunnelPackets          tunnelled data attributed to a tunnel
 * @param unattributedPackets    tunnelled data over an IPv6 outer header (not attributed; the contract's tunnels
 *                               are IPv4 HA–CoA tunnels)
 * @param malformedPackets       packets the classifier found malformed
 */
public record TunnelReport(long intervalNanos, long packets, long wireBytes, long firstNanos, long lastNanos,
        long signallingPackets, long registrationRequests, long registrationReplies, long mobilityHeaderPackets,
        long tunnelPackets, long unattributedPackets, long malformedPackets, List<TunnelTotals> tunnels,
        List<InnerFlow> flows) {
    public TunnelReport {
        tunnels = List.copyOf(tunnels);
        flows = List.copyOf(flows);
    }

    /** Packets that were neither signalling nor tunnelled data nor malformed. */
    public long otherPackets() {
        return packets - signallingPackets - mobilityHeaderPackets - tunnelPackets - unattributedPackets
                - malformedPackets;
    }
}

package org.multitunnel.capture.tunnel;

import java.util.List;

/**
 * A directional inner flow (the 5-tuple of the tunnelled packet; the reverse direction is its own flow) and the
 * tunnels it used, in order of first use.
 *
 * @param version    4 or 6
 * @param source     inner source address, text form
 * @param protocol   inner IP protocol / next header
 * @param sourcePort inner TCP/UDP/SCTP source port, -1 for other protocols, fragments or cut captures
 * @param bytes      outer IPv4 total lengths of the packets that carried the flow
 */
public record InnerFlow(int version, String source, String destination, int protocol, int sourcePort,
        int destinationPort, long packets, long bytes, List<FlowTunnelUse> tunnels) {
    public InnerFlow {
        tunnels = List.copyOf(tunnels);
    }

    /** E.g. {@code 172.16.0.9:5001 > 10.1.0.5:40000 proto 17}. */
    public String label() {
        return source + (sourcePort >= 0 ? ":" + sourcePort : "") + " > " + destination
                + (destinationPort >= 0 ? ":" + destinationPort : "") + " proto " + protocol;
    }
}

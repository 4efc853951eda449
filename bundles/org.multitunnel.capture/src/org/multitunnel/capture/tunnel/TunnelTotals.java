package org.multitunnel.capture.tunnel;

import org.multitunnel.wire.dissect.Addresses;
import org.multitunnel.wire.fast.TunnelEncapsulation;

/**
 * One tunnel between a home agent and a care-of address as the analysis, {@code analyze --json} and the Tunnels
 * chart see it: identified by both endpoints, the encapsulation and its discriminator (GRE key, or the UDP ports of
 * an RFC 3519 tunnel), with per-direction totals and the throughput series.
 *
 * @param homeAgent     outer IPv4 address of the HA end (raw int, network order)
 * @param careOfAddress outer IPv4 address of the care-of end (an FA or a co-located care-of address)
 * @param greKey        RFC 2890 key as unsigned 32 bits, -1 when the GRE header had none or the tunnel is not GRE
 * @param homeAgentPort UDP port at the HA end of an RFC 3519 tunnel (normally 434), else -1
 * @param careOfPort    UDP port at the care-of end of an RFC 3519 tunnel, else -1
 * @param firstNanos    capture time of the first data packet, ns since the epoch
 * @param evidence      how the HA end was told apart from the care-of end
 */
public record TunnelTotals(int homeAgent, int careOfAddress, TunnelEncapsulation encapsulation, long greKey, int homeAgentPort,
        int careOfPort, DirectionTotals toCareOf, DirectionTotals toHomeAgent, long firstNanos, long lastNanos,
        DirectionEvidence evidence, TunnelSeries series) {

    public String homeAgentText() {
        return Addresses.ipv4(homeAgent);
    }

    public String careOfAddressText() {
        return Addresses.ipv4(careOfAddress);
    }

    public long packets() {
        return toCareOf.packets() + toHomeAgent.packets();
    }

    public long bytes() {
        return toCareOf.bytes() + toHomeAgent.bytes();
    }

    /** E.g. {@code 192.0.2.1 <-> 198.51.100.7 gre key 17}. */
    public String label() {
        StringBuilder b = new StringBuilder(homeAgentText()).append(" <-> ").append(careOfAddressText()).append(' ')
                .append(encapsulation.contractName());
        if (greKey >= 0) {
            b.append(" key ").append(greKey);
        }
        if (homeAgentPort >= 0) {
            b.append(" ports ").append(homeAgentPort).append('/').append(careOfPort);
        }
        return b.toString();
    }
}

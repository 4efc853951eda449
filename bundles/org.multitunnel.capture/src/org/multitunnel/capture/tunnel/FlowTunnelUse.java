package org.multitunnel.capture.tunnel;

/**
 * That an inner flow travelled through one tunnel, and when: what the flow-binding view needs to show a flow moving
 * between care-of addresses, and what a finding about the flow points at (its first packet on this tunnel).
 *
 * @param tunnel     index into {@link TunnelReport#tunnels()}
 * @param firstFrame frame number (1-based) of the flow's earliest packet on this tunnel
 */
public record FlowTunnelUse(int tunnel, long firstNanos, long lastNanos, long packets, long bytes, long firstFrame) {
}

package org.multitunnel.capture.tunnel;

/**
 * That an inner flow travelled through one tunnel, and when: what the flow-binding view needs to show a flow moving
 * between care-of addresses.
 *
 * @param tunnel index into {@link TunnelReport#tunnels()}
 */
public record FlowTunnelUse(int tunnel, long firstNanos, long lastNanos, long packets, long bytes) {
}

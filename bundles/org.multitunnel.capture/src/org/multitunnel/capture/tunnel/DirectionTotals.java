package org.multitunnel.capture.tunnel;

/**
 * Packets and bytes of one direction of a tunnel (the contract's {@code toCareOf} / {@code toHomeAgent}); bytes are
 * outer IPv4 total lengths, so they do not depend on snap length or link layer.
 */
public record DirectionTotals(long packets, long bytes) {
}

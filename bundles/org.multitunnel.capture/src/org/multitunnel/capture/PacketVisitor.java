package org.multitunnel.capture;

/**
 * Receives every packet of a single streaming pass ({@link CaptureReader}); the view is reused between calls.
 */
@FunctionalInterface
public interface PacketVisitor {
    /** @return {@code false} to stop the pass early */
    boolean visit(PacketView packet);
}

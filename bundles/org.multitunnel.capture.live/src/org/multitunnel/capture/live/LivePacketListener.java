package org.multitunnel.capture.live;

/**
 * Receives a live capture's packets on the capture's delivery thread (never on the libpcap thread, so a slow
 * listener cannot make the kernel drop packets; it only loses packets itself, counted in
 * {@link CaptureStatistics#droppedForListener}).
 */
@FunctionalInterface
public interface LivePacketListener {
    void packet(LivePacket packet);

    /**
     * Called once, last, after the capture ended and every queued packet was delivered.
     *
     * @param failure why the capture ended on its own (e.g. the interface went away, the disk is full), or null
     *                after a normal {@link LiveCapture#stop()}
     */
    default void stopped(LiveCaptureException failure) {
    }
}

package org.multitunnel.capture.live;

/**
 * The outcome of one {@link Injector#send} run.
 *
 * @param sent         frames libpcap accepted (pcap_sendpacket returned 0)
 * @param failed       frames libpcap refused
 * @param elapsedNanos wall time of the run
 * @param firstError   libpcap's message for the first refused frame, or null
 * @param cancelled    {@link Injector#cancel()} ended the run before {@code count} frames
 */
public record InjectionResult(long sent, long failed, long elapsedNanos, String firstError, boolean cancelled) {
    /** Achieved rate in frames per second (sent and failed). */
    public double packetsPerSecond() {
        return elapsedNanos <= 0 ? 0 : (sent + failed) * 1e9 / elapsedNanos;
    }
}

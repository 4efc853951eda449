package org.multitunnel.analysis;

import org.multitunnel.wire.mip.auth.KeyTable;

/**
 * How to analyze: the throughput bucket width, the mobility security associations used to verify
 * authenticators (null: none known, nothing is verified), and the identification replay window.
 *
 * @param intervalNanos       width of the per-tunnel series buckets (the contract's --interval, default 1 s)
 * @param keys                MN-HA keys by (SPI, peer), or null
 * @param replayWindowSeconds RFC 5944 §5.7 timestamp window (default 7 s)
 */
public record AnalysisOptions(long intervalNanos, KeyTable keys, int replayWindowSeconds) {
    public static final long SECOND = 1_000_000_000L;

    public AnalysisOptions {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("interval must be positive");
        }
        if (replayWindowSeconds < 0) {
            throw new IllegalArgumentException("replay window must not be negative");
        }
    }

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(SECOND, null, 7);
    }

    public AnalysisOptions withInterval(long nanos) {
        return new AnalysisOptions(nanos, keys, replayWindowSeconds);
    }

    public AnalysisOptions withKeys(KeyTable k) {
        return new AnalysisOptions(intervalNanos, k, replayWindowSeconds);
    }
}

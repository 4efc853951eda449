package org.multitunnel.analysis;

import org.multitunnel.wire.dissect.MipConfig;
import org.multitunnel.wire.mip.auth.KeyTable;

/**
 * How to analyze: the throughput bucket width, the mobility security associations used to verify
 * authenticators (null: none known, nothing is verified), the identification replay window, and where Mobile IPv4
 * is found (UDP ports, draft extension numbers).
 *
 * @param intervalNanos       width of the per-tunnel series buckets (the contract's --interval, default 1 s)
 * @param keys                MN-HA keys by (SPI, peer), or null
 * @param replayWindowSeconds RFC 5944 §5.7 timestamp window (default 7 s)
 * @param mip                 Mobile IPv4 ports and draft extension type numbers (default: UDP 434, 124, 125)
 */
public record AnalysisOptions(long intervalNanos, KeyTable keys, int replayWindowSeconds, MipConfig mip) {
    public static final long SECOND = 1_000_000_000L;

    public AnalysisOptions {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("interval must be positive");
        }
        if (replayWindowSeconds < 0) {
            throw new IllegalArgumentException("replay window must not be negative");
        }
        if (mip == null) {
            throw new IllegalArgumentException("the Mobile IP configuration is required");
        }
    }

    public AnalysisOptions(long intervalNanos, KeyTable keys, int replayWindowSeconds) {
        this(intervalNanos, keys, replayWindowSeconds, MipConfig.defaults());
    }

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(SECOND, null, 7);
    }

    public AnalysisOptions withInterval(long nanos) {
        return new AnalysisOptions(nanos, keys, replayWindowSeconds, mip);
    }

    public AnalysisOptions withKeys(KeyTable k) {
        return new AnalysisOptions(intervalNanos, k, replayWindowSeconds, mip);
    }

    public AnalysisOptions withMip(MipConfig m) {
        return new AnalysisOptions(intervalNanos, keys, replayWindowSeconds, m);
    }
}

package org.multitunnel.agent.load;

import java.util.List;
import java.util.Map;

/**
 * The result of a load run: what was asked (everything but the key, which is named by its SPI), the totals, the
 * reply codes, latency percentiles overall and per second, the phases and the verdict with its exit code. Written
 * as JSON by {@link LoadReportJson} ({@code multitunnel load --report FILE.json}) and read back by the GUI.
 *
 * @param started Unix seconds when the run started
 * @param elapsed seconds from the start to the last reply or timeout
 */
public record LoadReport(Settings settings, double started, double elapsed, Totals totals, Map<Integer, Long> codes,
        Latency latency, List<Phase> phases, List<LoadSecond> series, List<String> warnings) {

    /** Exit code 0: every request was answered and accepted. */
    public static final int ALL_ACCEPTED = 0;
    /** Exit code 1: at least one request was refused. */
    public static final int SOME_REJECTED = 1;
    /** Exit code 2: at least one request was never answered. */
    public static final int SOME_UNANSWERED = 2;
    /** Exit code 3: a reply claimed acceptance without a valid MN-HA authenticator (as {@code send}'s 3). */
    public static final int AUTH_FAILED = 3;

    /** The run's parameters as the report states them. */
    public record Settings(String target, int nodes, int bids, int rate, double duration, int lifetime,
            double refresh, boolean flowBindings, boolean plain, String identification, List<String> sources,
            long spi, int timeoutMillis, int transmissions) {
    }

    /**
     * Counts over the whole run. {@code requests} are registrations, refreshes and de-registrations (one each,
     * however often sent); {@code transmissions} count every datagram sent.
     */
    public record Totals(long requests, long transmissions, long retransmissions, long answered, long accepted,
            long rejected, long unanswered, long lostReplies, long lateReplies, long authFailures,
            long resynchronisations, long lapsed, long sendErrors, int peakBindings, double offeredRate,
            double answeredRate) {
    }

    /** Latency percentiles over every answered request, in milliseconds (NaN when none). */
    public record Latency(double p50, double p90, double p99, double p999, double max) {
    }

    /** A stretch of the run: {@code register}, {@code sustain}, {@code deregister}, in seconds from the start. */
    public record Phase(String name, double start, double end) {
    }

    /** 2 if any request went unanswered, else 3 if any acceptance was not authentic, else 1 if any was refused. */
    public int exitCode() {
        if (totals.unanswered() > 0) {
            return SOME_UNANSWERED;
        }
        if (totals.authFailures() > 0) {
            return AUTH_FAILED;
        }
        return totals.rejected() > 0 ? SOME_REJECTED : ALL_ACCEPTED;
    }

    public String verdict() {
        return switch (exitCode()) {
            case SOME_UNANSWERED -> totals.unanswered() + " requests unanswered";
            case AUTH_FAILED -> totals.authFailures() + " replies without a valid MN-HA authenticator";
            case SOME_REJECTED -> totals.rejected() + " requests rejected";
            default -> "all " + totals.requests() + " requests answered and accepted";
        };
    }
}

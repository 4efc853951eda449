package org.multitunnel.agent.load;

/**
 * One second of a load run, as the live progress, the report's {@code series} and the GUI's charts show it.
 * Latencies are in milliseconds over the replies received in that second (NaN when there were none).
 *
 * @param second          seconds since the start of the run
 * @param offered         requests sent (retransmissions included)
 * @param answered        replies that answered an outstanding request
 * @param accepted        of those, accepted with a valid authenticator (codes 0 and 1)
 * @param rejected        of those, refused (any other code)
 * @param retransmissions requests sent again after a timeout
 * @param lost            transmissions whose reply did not come within the timeout
 * @param unanswered      requests given up after the last transmission
 * @param late            replies to a request that had timed out or was already answered
 * @param bindings        bindings accepted and not lapsed at the end of the second
 */
public record LoadSecond(int second, long offered, long answered, long accepted, long rejected, long retransmissions,
        long lost, long unanswered, long late, int bindings, double p50, double p90, double p99, double max) {
}

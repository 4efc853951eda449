package org.multitunnel.agent.replay;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.multitunnel.agent.client.ExchangeLog;
import org.multitunnel.wire.mip.auth.KeyTable;
import org.multitunnel.wire.mip.auth.MapKeyTable;

/**
 * Where and how to replay: target agent, address rewriting, the key table to re-sign with (any {@link KeyTable}, so
 * the GUI can re-sign every request with one chosen association), timing, timeouts.
 */
public record ReplayOptions(InetSocketAddress target, AddressMap map, KeyTable keys, ReplayTiming timing,
        Duration replyTimeout, int transmissions, ExchangeLog log) {

    public ReplayOptions {
        if (target == null) {
            throw new IllegalArgumentException("target is required");
        }
        map = map == null ? new AddressMap() : map;
        keys = keys == null ? new MapKeyTable() : keys;
        timing = timing == null ? ReplayTiming.STEP : timing;
        replyTimeout = replyTimeout == null ? Duration.ofSeconds(1) : replyTimeout;
        if (transmissions < 1 || transmissions > 8) {
            throw new IllegalArgumentException("transmissions must be 1..8");
        }
    }
}

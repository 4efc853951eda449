package org.multitunnel.agent.ha;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

import org.multitunnel.agent.net.Ipv4;
import org.multitunnel.wire.Json;

/**
 * The binding table as one JSON object — what {@code multitunnel agent ha --status} prints and what scripts read:
 * {@code {"agent":"ha","listen":"127.0.0.1:4434","time":…,"requests":…,"accepted":…,"rejected":…,
 * "rateLimited":…,"bindings":[{"homeAddress":…,"bid":…,"careOfAddress":…,"extension":…,"ifAtt":…,"ifLabel":…,
 * "lifetime":…,"remaining":…,"registeredAt":…,
 * "flowBindings":[{"action":…,"bids":[…],"tsFormat":…,"selector":"hex"}]}]}}.
 * {@code remaining} is -1 for an infinite lifetime; times are Unix seconds. Written in chunks of
 * {@value #CHUNK} nodes, each taken under the table lock and written outside it, so memory stays small however
 * big the table is and the agent keeps answering while a large status is printed.
 */
final class StatusJson {
    static final int CHUNK = 256;

    private StatusJson() {
    }

    static void write(HomeAgent ha, BindingTable table, Instant now, Appendable out) {
        try {
            StringBuilder b = new StringBuilder(4096);
            b.append("{\"agent\":\"ha\",\"listen\":").append(Json.quote(Ipv4.text(ha.localAddress())));
            b.append(",\"time\":").append(seconds(now));
            b.append(",\"requests\":").append(ha.requestCount());
            b.append(",\"accepted\":").append(ha.acceptedCount());
            b.append(",\"rejected\":").append(ha.rejectedCount());
            b.append(",\"rateLimited\":").append(ha.rateLimitedCount());
            b.append(",\"bindings\":[");
            int[] homes = table.homes(now);
            boolean first = true;
            for (int from = 0; from < homes.length; from += CHUNK) {
                List<HaBinding> chunk = table.bindings(homes, from, Math.min(homes.length, from + CHUNK), now);
                for (HaBinding x : chunk) {
                    b.append(first ? "" : ",");
                    first = false;
                    binding(b, x, now);
                }
                out.append(b);
                b.setLength(0);
            }
            out.append(b.append("]}"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void binding(StringBuilder b, HaBinding x, Instant now) {
        b.append("{\"homeAddress\":").append(Json.quote(x.homeAddress()));
        b.append(",\"bid\":").append(x.bid());
        b.append(",\"careOfAddress\":").append(Json.quote(x.careOfAddress()));
        b.append(",\"extension\":").append(Json.quote(x.extension()));
        b.append(",\"ifAtt\":").append(x.ifAtt());
        b.append(",\"ifLabel\":").append(x.ifLabel());
        if (x.linkWeight() != 0) {
            b.append(",\"linkWeight\":").append(x.linkWeight());
        }
        b.append(",\"lifetime\":").append(x.lifetime());
        b.append(",\"remaining\":").append(x.remainingSeconds(now));
        b.append(",\"registeredAt\":").append(seconds(x.registeredAt()));
        b.append(",\"flowBindings\":[");
        for (int k = 0; k < x.flowBindings().size(); k++) {
            HaFlowBinding f = x.flowBindings().get(k);
            b.append(k == 0 ? "" : ",").append("{\"action\":").append(f.action()).append(",\"bids\":[");
            for (int j = 0; j < f.bids().size(); j++) {
                b.append(j == 0 ? "" : ",").append(f.bids().get(j));
            }
            b.append("],\"tsFormat\":").append(f.tsFormat()).append(",\"selector\":")
                    .append(Json.quote(f.selectorHex())).append('}');
        }
        b.append("]}");
    }

    private static String seconds(Instant t) {
        long micros = t.getNano() / 1000;
        StringBuilder b = new StringBuilder(24).append(t.getEpochSecond()).append('.');
        for (long d = 100_000; d > micros && d > 1; d /= 10) {
            b.append('0');
        }
        return b.append(micros).toString();
    }
}

package org.multitunnel.agent.ha;

import java.time.Instant;
import java.util.List;

import org.multitunnel.agent.net.Ipv4;
import org.multitunnel.wire.Json;

/**
 * The binding table as one JSON object — what {@code multitunnel agent ha --status} prints and what scripts read:
 * {@code {"agent":"ha","listen":"127.0.0.1:4434","time":…,"requests":…,"accepted":…,"rejected":…,
 * "bindings":[{"homeAddress":…,"bid":…,"careOfAddress":…,"extension":…,"ifAtt":…,"ifLabel":…,
 * "lifetime":…,"remaining":…,"registeredAt":…,
 * "flowBindings":[{"action":…,"bids":[…],"tsFormat":…,"selector":"hex"}]}]}}.
 * {@code remaining} is -1 for an infinite lifetime; times are Unix seconds.
 */
final class StatusJson {
    private StatusJson() {
    }

    static String of(HomeAgent ha, List<HaBinding> bindings, Instant now) {
        StringBuilder b = new StringBuilder(256);
        b.append("{\"agent\":\"ha\",\"listen\":").append(Json.quote(Ipv4.text(ha.localAddress())));
        b.append(",\"time\":").append(seconds(now));
        b.append(",\"requests\":").append(ha.requestCount());
        b.append(",\"accepted\":").append(ha.acceptedCount());
        b.append(",\"rejected\":").append(ha.rejectedCount());
        b.append(",\"bindings\":[");
        for (int i = 0; i < bindings.size(); i++) {
            HaBinding x = bindings.get(i);
            b.append(i == 0 ? "" : ",").append("{\"homeAddress\":").append(Json.quote(x.homeAddress()));
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
        return b.append("]}").toString();
    }

    private static String seconds(Instant t) {
        return String.format(java.util.Locale.ROOT, "%d.%06d", t.getEpochSecond(), t.getNano() / 1000);
    }
}

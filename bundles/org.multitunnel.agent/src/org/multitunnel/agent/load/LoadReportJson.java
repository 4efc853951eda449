package org.multitunnel.agent.load;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.multitunnel.wire.Json;
import org.multitunnel.wire.JsonReader;

/**
 * The JSON form of a {@link LoadReport}, written by {@code multitunnel load --report} and read by the GUI's Load
 * part. Shape (numbers in seconds, rates per second, latencies in milliseconds, null for "no value"):
 * <pre>
 * {"tool":"multitunnel load","settings":{"target":"127.0.0.1:4434","nodes":25000,"bids":4,"rate":20000,
 *   "duration":30,"lifetime":60,"refresh":0.8,"flowBindings":false,"plain":false,"identification":"timestamps",
 *   "sources":["127.0.1.1",…],"spi":256,"timeoutMillis":1000,"transmissions":3},
 *  "started":1700000000.123,"elapsed":41.2,"exitCode":0,"verdict":"…",
 *  "totals":{"requests":…,"transmissions":…,"retransmissions":…,"answered":…,"accepted":…,"rejected":…,
 *   "unanswered":…,"lostReplies":…,"lateReplies":…,"authFailures":…,"resynchronisations":…,"lapsed":…,
 *   "sendErrors":…,"peakBindings":…,"offeredRate":…,"answeredRate":…},
 *  "codes":{"0":…,"133":…},"latencyMs":{"p50":…,"p90":…,"p99":…,"p999":…,"max":…},
 *  "phases":[{"name":"register","start":0,"end":5.1},…],
 *  "series":[{"t":0,"offered":…,"answered":…,"accepted":…,"rejected":…,"retransmissions":…,"lost":…,
 *   "unanswered":…,"late":…,"bindings":…,"p50":…,"p90":…,"p99":…,"max":…},…],
 *  "warnings":["…"]}
 * </pre>
 */
public final class LoadReportJson {
    private LoadReportJson() {
    }

    public static String write(LoadReport r) {
        LoadReport.Settings s = r.settings();
        LoadReport.Totals t = r.totals();
        StringBuilder b = new StringBuilder(4096 + r.series().size() * 200);
        b.append("{\"tool\":\"multitunnel load\",\"settings\":{\"target\":").append(Json.quote(s.target()));
        b.append(",\"nodes\":").append(s.nodes()).append(",\"bids\":").append(s.bids());
        b.append(",\"rate\":").append(s.rate()).append(",\"duration\":").append(num(s.duration()));
        b.append(",\"lifetime\":").append(s.lifetime()).append(",\"refresh\":").append(num(s.refresh()));
        b.append(",\"flowBindings\":").append(s.flowBindings()).append(",\"plain\":").append(s.plain());
        b.append(",\"identification\":").append(Json.quote(s.identification())).append(",\"sources\":[");
        for (int i = 0; i < s.sources().size(); i++) {
            b.append(i == 0 ? "" : ",").append(Json.quote(s.sources().get(i)));
        }
        b.append("],\"spi\":").append(s.spi()).append(",\"timeoutMillis\":").append(s.timeoutMillis());
        b.append(",\"transmissions\":").append(s.transmissions()).append('}');
        b.append(",\"started\":").append(num(r.started())).append(",\"elapsed\":").append(num(r.elapsed()));
        b.append(",\"exitCode\":").append(r.exitCode()).append(",\"verdict\":").append(Json.quote(r.verdict()));
        b.append(",\"totals\":{\"requests\":").append(t.requests()).append(",\"transmissions\":")
                .append(t.transmissions()).append(",\"retransmissions\":").append(t.retransmissions())
                .append(",\"answered\":").append(t.answered()).append(",\"accepted\":").append(t.accepted())
                .append(",\"rejected\":").append(t.rejected()).append(",\"unanswered\":").append(t.unanswered())
                .append(",\"lostReplies\":").append(t.lostReplies()).append(",\"lateReplies\":")
                .append(t.lateReplies()).append(",\"authFailures\":").append(t.authFailures())
                .append(",\"resynchronisations\":").append(t.resynchronisations()).append(",\"lapsed\":")
                .append(t.lapsed()).append(",\"sendErrors\":").append(t.sendErrors()).append(",\"peakBindings\":")
                .append(t.peakBindings()).append(",\"offeredRate\":").append(num(t.offeredRate()))
                .append(",\"answeredRate\":").append(num(t.answeredRate())).append('}');
        b.append(",\"codes\":{");
        boolean first = true;
        for (Map.Entry<Integer, Long> e : r.codes().entrySet()) {
            b.append(first ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue());
            first = false;
        }
        LoadReport.Latency l = r.latency();
        b.append("},\"latencyMs\":{\"p50\":").append(num(l.p50())).append(",\"p90\":").append(num(l.p90()))
                .append(",\"p99\":").append(num(l.p99())).append(",\"p999\":").append(num(l.p999()))
                .append(",\"max\":").append(num(l.max())).append('}');
        b.append(",\"phases\":[");
        for (int i = 0; i < r.phases().size(); i++) {
            LoadReport.Phase p = r.phases().get(i);
            b.append(i == 0 ? "" : ",").append("{\"name\":").append(Json.quote(p.name())).append(",\"start\":")
                    .append(num(p.start())).append(",\"end\":").append(num(p.end())).append('}');
        }
        b.append("],\"series\":[");
        for (int i = 0; i < r.series().size(); i++) {
            LoadSecond x = r.series().get(i);
            b.append(i == 0 ? "" : ",").append("{\"t\":").append(x.second()).append(",\"offered\":")
                    .append(x.offered()).append(",\"answered\":").append(x.answered()).append(",\"accepted\":")
                    .append(x.accepted()).append(",\"rejected\":").append(x.rejected())
                    .append(",\"retransmissions\":").append(x.retransmissions()).append(",\"lost\":")
                    .append(x.lost()).append(",\"unanswered\":").append(x.unanswered()).append(",\"late\":")
                    .append(x.late()).append(",\"bindings\":").append(x.bindings()).append(",\"p50\":")
                    .append(num(x.p50())).append(",\"p90\":").append(num(x.p90())).append(",\"p99\":")
                    .append(num(x.p99())).append(",\"max\":").append(num(x.max())).append('}');
        }
        b.append("],\"warnings\":[");
        for (int i = 0; i < r.warnings().size(); i++) {
            b.append(i == 0 ? "" : ",").append(Json.quote(r.warnings().get(i)));
        }
        return b.append("]}").toString();
    }

    /** Reads a report written by {@link #write}; IllegalArgumentException with the reason when it is not one. */
    @SuppressWarnings("unchecked")
    public static LoadReport read(String json) {
        Object root = JsonReader.parse(json);
        if (!(root instanceof Map<?, ?> m) || !"multitunnel load".equals(m.get("tool"))) {
            throw new IllegalArgumentException("not a load report (no \"tool\":\"multitunnel load\")");
        }
        try {
            Map<String, Object> o = (Map<String, Object>) m;
            Map<String, Object> s = obj(o, "settings");
            List<String> sources = new ArrayList<>();
            for (Object x : (List<Object>) s.get("sources")) {
                sources.add((String) x);
            }
            LoadReport.Settings settings = new LoadReport.Settings((String) s.get("target"), i(s, "nodes"),
                    i(s, "bids"), i(s, "rate"), d(s, "duration"), i(s, "lifetime"), d(s, "refresh"),
                    Boolean.TRUE.equals(s.get("flowBindings")), Boolean.TRUE.equals(s.get("plain")),
                    (String) s.get("identification"), sources, l(s, "spi"), i(s, "timeoutMillis"),
                    i(s, "transmissions"));
            Map<String, Object> t = obj(o, "totals");
            LoadReport.Totals totals = new LoadReport.Totals(l(t, "requests"), l(t, "transmissions"),
                    l(t, "retransmissions"), l(t, "answered"), l(t, "accepted"), l(t, "rejected"),
                    l(t, "unanswered"), l(t, "lostReplies"), l(t, "lateReplies"), l(t, "authFailures"),
                    l(t, "resynchronisations"), l(t, "lapsed"), l(t, "sendErrors"), i(t, "peakBindings"),
                    d(t, "offeredRate"), d(t, "answeredRate"));
            Map<Integer, Long> codes = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : obj(o, "codes").entrySet()) {
                codes.put(Integer.parseInt(e.getKey()), ((BigDecimal) e.getValue()).longValue());
            }
            Map<String, Object> lat = obj(o, "latencyMs");
            LoadReport.Latency latency = new LoadReport.Latency(d(lat, "p50"), d(lat, "p90"), d(lat, "p99"),
                    d(lat, "p999"), d(lat, "max"));
            List<LoadReport.Phase> phases = new ArrayList<>();
            for (Object x : (List<Object>) o.get("phases")) {
                Map<String, Object> p = (Map<String, Object>) x;
                phases.add(new LoadReport.Phase((String) p.get("name"), d(p, "start"), d(p, "end")));
            }
            List<LoadSecond> series = new ArrayList<>();
            for (Object x : (List<Object>) o.get("series")) {
                Map<String, Object> p = (Map<String, Object>) x;
                series.add(new LoadSecond(i(p, "t"), l(p, "offered"), l(p, "answered"), l(p, "accepted"),
                        l(p, "rejected"), l(p, "retransmissions"), l(p, "lost"), l(p, "unanswered"), l(p, "late"),
                        i(p, "bindings"), d(p, "p50"), d(p, "p90"), d(p, "p99"), d(p, "max")));
            }
            List<String> warnings = new ArrayList<>();
            for (Object x : (List<Object>) o.getOrDefault("warnings", List.of())) {
                warnings.add((String) x);
            }
            return new LoadReport(settings, d(o, "started"), d(o, "elapsed"), totals, codes, latency, phases,
                    series, warnings);
        } catch (ClassCastException | NullPointerException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("load report is missing a field or has one of the wrong type");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("load report has no \"" + key + "\" object");
        }
        return (Map<String, Object>) v;
    }

    private static int i(Map<String, Object> o, String key) {
        return ((BigDecimal) o.get(key)).intValueExact();
    }

    private static long l(Map<String, Object> o, String key) {
        return ((BigDecimal) o.get(key)).longValueExact();
    }

    private static double d(Map<String, Object> o, String key) {
        Object v = o.get(key);
        return v == null ? Double.NaN : ((BigDecimal) v).doubleValue();
    }

    /** A number with at most 3 decimals (6 for times), or null for NaN. */
    private static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) > 1e8 ? "%.6f" : "%.3f", v);
    }
}

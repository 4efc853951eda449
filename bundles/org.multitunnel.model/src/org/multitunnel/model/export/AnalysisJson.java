package org.multitunnel.model.export;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.multitunnel.model.Binding;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.Finding;
import org.multitunnel.model.FlowBinding;
import org.multitunnel.model.MobileNode;
import org.multitunnel.model.ThroughputSeries;
import org.multitunnel.model.Tunnel;
import org.multitunnel.model.internal.JsonWriter;
import org.multitunnel.model.internal.Times;

/**
 * Why: {@code multitunnel analyze --json} is a public contract (shared/notes/headless-contract.md); this is the one
 * place that maps the model onto it, key by key, so the CLI and any other caller print the same document.
 *
 * <p>Mapping rules: times are decimal seconds (start, end, registeredAt, endedAt always with a fraction; a series
 * bucket's {@code t} an integer when whole); an unset value is {@code null}; a binding's {@code lifetime} is the
 * granted lifetime, or the requested one when none was granted; lists keep model order.
 */
public final class AnalysisJson {
    private AnalysisJson() {
    }

    public static String toJson(CaptureSession session) {
        StringBuilder out = new StringBuilder();
        try {
            write(session, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return out.toString();
    }

    public static void write(CaptureSession session, Appendable out) throws IOException {
        JsonWriter w = new JsonWriter(out);
        w.beginObject();
        w.name("file").value(session.getFile());
        w.name("packets").value(session.getPackets());
        w.name("bytes").value(session.getBytes());
        w.name("start").raw(session.isSetStart() ? Times.seconds(session.getStart()) : "null");
        w.name("end").raw(session.isSetEnd() ? Times.seconds(session.getEnd()) : "null");
        w.name("mobileNodes").beginArray();
        for (MobileNode mn : session.getMobileNodes()) {
            writeMobileNode(w, mn);
        }
        w.endArray();
        w.name("tunnels").beginArray();
        for (Tunnel t : session.getTunnels()) {
            writeTunnel(w, t);
        }
        w.endArray();
        writeTransactions(w, TransactionStats.of(session));
        w.name("findings").beginArray();
        for (Finding f : session.getFindings()) {
            w.beginObject();
            w.name("frame").value(f.getFrame());
            w.name("severity").value(f.getSeverity().getLiteral());
            w.name("rule").value(f.getRule());
            w.name("message").value(f.getMessage());
            // the objects the finding concerns (added keys; see FindingObjects)
            FindingObjects o = FindingObjects.of(f);
            w.name("homeAddress").value(o.homeAddress());
            w.name("bids").beginArray();
            for (int bid : o.bids()) {
                w.value(bid);
            }
            w.endArray();
            w.name("tunnels").beginArray();
            for (FindingObjects.TunnelRef t : o.tunnels()) {
                w.beginObject();
                w.name("homeAgent").value(t.homeAgent());
                w.name("careOfAddress").value(t.careOfAddress());
                w.name("encapsulation").value(t.encapsulation());
                w.endObject();
            }
            w.endArray();
            w.endObject();
        }
        w.endArray();
        w.endObject();
        w.finish();
    }

    private static void writeMobileNode(JsonWriter w, MobileNode mn) throws IOException {
        w.beginObject();
        w.name("homeAddress").value(mn.getHomeAddress());
        w.name("homeAgent").value(mn.getHomeAgent());
        w.name("nai").value(mn.getNai());
        w.name("bindings").beginArray();
        for (Binding b : mn.getBindings()) {
            writeBinding(w, b);
        }
        w.endArray();
        w.name("flowBindings").beginArray();
        for (FlowBinding fb : mn.getFlowBindings()) {
            w.beginObject();
            // The action's name when known, else the wire value (RFC 7629's action table is not guessed).
            if (fb.isSetAction()) {
                w.name("action").value(fb.getAction().getLiteral());
            } else {
                w.name("action").value(fb.getActionCode());
            }
            w.name("bids").beginArray();
            for (int bid : fb.getBids()) {
                w.value(bid);
            }
            w.endArray();
            w.name("selector").beginObject();
            w.name("format").value(fb.getSelectorFormat());
            w.name("text").value(fb.getSelectorText());
            w.endObject();
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }

    private static void writeBinding(JsonWriter w, Binding b) throws IOException {
        w.beginObject();
        w.name("bid").raw(b.isSetBid() ? Integer.toString(b.getBid()) : "null");
        w.name("careOfAddress").value(b.getCareOfAddress());
        w.name("accessTechnology").raw(b.isSetAccessTechnology() ? Integer.toString(b.getAccessTechnology()) : "null");
        w.name("interfaceLabel").raw(b.isSetInterfaceLabel() ? Integer.toString(b.getInterfaceLabel()) : "null");
        w.name("encapsulation").value(b.getEncapsulation().getLiteral());
        w.name("state").value(b.getState().getLiteral());
        w.name("registeredAt").raw(b.isSetRegisteredAt() ? Times.seconds(b.getRegisteredAt()) : "null");
        w.name("lifetime").value(b.isSetLifetimeGranted() ? b.getLifetimeGranted() : b.getLifetimeRequested());
        w.name("endedAt").raw(b.isSetEndedAt() ? Times.seconds(b.getEndedAt()) : "null");
        w.name("extension").value(b.getExtension().getLiteral());
        w.endObject();
    }

    private static void writeTunnel(JsonWriter w, Tunnel t) throws IOException {
        w.beginObject();
        w.name("homeAgent").value(t.getHomeAgent());
        w.name("careOfAddress").value(t.getCareOfAddress());
        w.name("encapsulation").value(t.getEncapsulation().getLiteral());
        w.name("homeAddresses").beginArray();
        for (String hoa : t.getHomeAddresses()) {
            w.value(hoa);
        }
        w.endArray();
        w.name("bids").beginArray();
        for (int bid : t.getBids()) {
            w.value(bid);
        }
        w.endArray();
        w.name("toCareOf").beginObject();
        w.name("packets").value(t.getToCareOfPackets());
        w.name("bytes").value(t.getToCareOfBytes());
        w.endObject();
        w.name("toHomeAgent").beginObject();
        w.name("packets").value(t.getToHomeAgentPackets());
        w.name("bytes").value(t.getToHomeAgentBytes());
        w.endObject();
        w.name("series").beginArray();
        ThroughputSeries s = t.getSeries();
        if (s != null && s.getTimes() != null) {
            long[] times = s.getTimes();
            long[] bytes = s.getBytes();
            long[] packets = s.getPackets();
            for (int i = 0; i < times.length; i++) {
                w.beginObject();
                w.name("t").raw(Times.bucketSeconds(times[i]));
                w.name("bytes").value(bytes[i]);
                w.name("packets").value(packets[i]);
                w.endObject();
            }
        }
        w.endArray();
        w.endObject();
    }

    private static void writeTransactions(JsonWriter w, TransactionStats stats) throws IOException {
        w.name("transactions").beginObject();
        w.name("requests").value(stats.requests());
        w.name("replies").value(stats.replies());
        w.name("unanswered").value(stats.unanswered());
        w.name("retransmissions").value(stats.retransmissions());
        w.name("medianResponseMs").raw(
                stats.medianResponseNanos() == null ? "null" : Times.millis(stats.medianResponseNanos()));
        w.endObject();
    }
}

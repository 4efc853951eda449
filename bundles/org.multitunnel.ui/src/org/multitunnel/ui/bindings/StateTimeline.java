package org.multitunnel.ui.bindings;

import java.util.ArrayList;
import java.util.List;

import org.multitunnel.model.Binding;
import org.multitunnel.model.BindingState;
import org.multitunnel.model.BindingStateChange;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.MobileNode;

/**
 * The rows of the binding state-history graph, computed from the model's {@link BindingStateChange} history: one
 * row per binding (in node order), each a sequence of segments "state S from t0 to t1" where a change starts a
 * segment and the next change (or the end of the capture) ends it. Plain data, so the drawing and the tooltips
 * ask the same questions the tests do.
 */
public final class StateTimeline {
    /** One state the binding was in between two changes; {@code change} caused it. */
    public record Segment(BindingState state, long start, long end, BindingStateChange change) {
    }

    /** One binding's row; {@code label} is short (home address and BID), the tooltip names the care-of address. */
    public record Row(MobileNode node, Binding binding, String label, List<Segment> segments) {
        /** Home address, BID and care-of address. */
        public String fullLabel() {
            return node.getHomeAddress() + (binding.isSetBid() ? " BID " + binding.getBid() : "") + " via "
                    + binding.getCareOfAddress();
        }
    }

    private final List<Row> rows;
    private final long start;
    private final long end;

    private StateTimeline(List<Row> rows, long start, long end) {
        this.rows = rows;
        this.start = start;
        this.end = end;
    }

    /**
     * The timeline of every binding of {@code session} between {@code captureStart} and {@code captureEnd}
     * (nanoseconds since the epoch); the last state of a binding lasts until the capture ends.
     */
    public static StateTimeline of(CaptureSession session, long captureStart, long captureEnd) {
        List<Row> rows = new ArrayList<>();
        long lo = captureStart;
        long hi = captureEnd;
        for (MobileNode mn : session.getMobileNodes()) {
            for (Binding b : mn.getBindings()) {
                for (BindingStateChange c : b.getHistory()) {
                    lo = Math.min(lo, c.getTime());
                    hi = Math.max(hi, c.getTime());
                }
            }
        }
        for (MobileNode mn : session.getMobileNodes()) {
            for (Binding b : mn.getBindings()) {
                List<BindingStateChange> history = b.getHistory();
                List<Segment> segments = new ArrayList<>(history.size());
                for (int i = 0; i < history.size(); i++) {
                    BindingStateChange c = history.get(i);
                    long until = i + 1 < history.size() ? history.get(i + 1).getTime() : hi;
                    segments.add(new Segment(c.getState(), c.getTime(), Math.max(c.getTime(), until), c));
                }
                rows.add(new Row(mn, b, label(mn, b), List.copyOf(segments)));
            }
        }
        return new StateTimeline(List.copyOf(rows), lo, hi);
    }

    /** The row label: "10.1.0.1 BID 2", or "10.1.0.1 via 198.51.100.2" for a binding without a BID. */
    public static String label(MobileNode mn, Binding b) {
        return mn.getHomeAddress() + (b.isSetBid() ? " BID " + b.getBid() : " via " + b.getCareOfAddress());
    }

    public List<Row> rows() {
        return rows;
    }

    /** The earliest time shown (capture start, or an earlier change). */
    public long start() {
        return start;
    }

    /** The latest time shown (capture end, or a later change). */
    public long end() {
        return end;
    }

    /** The segment of row {@code row} that covers {@code time}, or null (before the first change, or no row). */
    public Segment segmentAt(int row, long time) {
        if (row < 0 || row >= rows.size()) {
            return null;
        }
        Segment found = null;
        for (Segment s : rows.get(row).segments()) {
            if (s.start() <= time && time <= s.end()) {
                found = s; // the later of touching segments wins, as a change starts at its own time
            }
        }
        return found;
    }

    /** Tooltip text of a segment: state, from/to in seconds since the capture start, and what caused it. */
    public String describe(Row row, Segment s, long captureStart) {
        BindingStateChange c = s.change();
        StringBuilder b = new StringBuilder(row.fullLabel()).append('\n').append(s.state().getLiteral()).append(" from ")
                .append(seconds(s.start() - captureStart)).append(" s to ").append(seconds(s.end() - captureStart))
                .append(" s\n").append(c.getEvent() != null ? c.getEvent().getLiteral() : "change");
        if (c.isSetFrame()) {
            b.append(" at frame ").append(c.getFrame());
        }
        if (c.isSetLifetime()) {
            b.append(", lifetime ").append(c.getLifetime()).append(" s");
        }
        return b.toString();
    }

    private static String seconds(long nanos) {
        return String.format("%.6f", nanos / 1e9);
    }
}

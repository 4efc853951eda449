package org.multitunnel.ui.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.ThroughputSeries;
import org.multitunnel.model.Tunnel;

/**
 * Turns the analysis' per-tunnel throughput buckets into JFreeChart time series, one per tunnel, grouped by
 * mobile node (sorted by home address, then care-of address) and named so the legend reads like the Bindings
 * view: "10.1.0.1 BID 2 via 198.51.100.2 (gre)".
 */
public final class TunnelSeriesDataset {
    /** What the y axis shows. */
    public enum Unit {
        BITS("bits/s"), PACKETS("packets/s");

        private final String label;

        Unit(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private TunnelSeriesDataset() {
    }

    public static TimeSeriesCollection build(CaptureSession session, Unit unit) {
        TimeSeriesCollection dataset = new TimeSeriesCollection();
        List<Tunnel> tunnels = new ArrayList<>(session.getTunnels());
        tunnels.sort(Comparator.comparing(TunnelSeriesDataset::firstHomeAddress)
                .thenComparing(Tunnel::getCareOfAddress));
        for (Tunnel t : tunnels) {
            ThroughputSeries s = t.getSeries();
            if (s == null || s.getTimes() == null || s.getInterval() <= 0) {
                continue;
            }
            TimeSeries ts = new TimeSeries(name(t));
            double perSecond = 1e9 / s.getInterval();
            long[] times = s.getTimes();
            long[] values = unit == Unit.BITS ? s.getBytes() : s.getPackets();
            for (int i = 0; i < times.length; i++) {
                double v = values[i] * perSecond * (unit == Unit.BITS ? 8 : 1);
                ts.addOrUpdate(new FixedMillisecond(times[i] / 1_000_000L), v);
            }
            dataset.addSeries(ts);
        }
        return dataset;
    }

    private static String firstHomeAddress(Tunnel t) {
        return t.getHomeAddresses().isEmpty() ? "~" : t.getHomeAddresses().get(0);
    }

    /** The series key of a tunnel (also used to find the series of a selected binding). */
    public static String name(Tunnel t) {
        StringBuilder b = new StringBuilder();
        if (!t.getHomeAddresses().isEmpty()) {
            b.append(String.join(",", t.getHomeAddresses()));
            if (!t.getBids().isEmpty()) {
                b.append(" BID ").append(t.getBids().get(0));
            }
            b.append(" via ");
        }
        b.append(t.getCareOfAddress()).append(" (").append(t.getEncapsulation().getLiteral()).append(')');
        return b.toString();
    }
}

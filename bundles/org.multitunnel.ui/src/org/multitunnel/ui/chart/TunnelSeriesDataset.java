package org.multitunnel.ui.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.ThroughputSeries;
import org.multitunnel.model.Tunnel;

/**
 * Turns the analysis' per-tunnel throughput buckets into the chart's {@link TunnelTable}, one row per tunnel, grouped by
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

    /** The chart table of every tunnel of {@code session} that has a series, in {@code unit}. */
    public static TunnelTable build(CaptureSession session, Unit unit) {
        List<Tunnel> tunnels = new ArrayList<>();
        for (Tunnel t : session.getTunnels()) {
            ThroughputSeries s = t.getSeries();
            if (s != null && s.getTimes() != null && s.getInterval() > 0) {
                tunnels.add(t);
            }
        }
        tunnels.sort(Comparator.comparing(TunnelSeriesDataset::firstHomeAddress)
                .thenComparing(Tunnel::getCareOfAddress));
        TreeSet<Long> allTimes = new TreeSet<>();
        for (Tunnel t : tunnels) {
            for (long time : t.getSeries().getTimes()) {
                allTimes.add(time);
            }
        }
        long[] times = new long[allTimes.size()];
        int k = 0;
        for (long time : allTimes) {
            times[k++] = time;
        }
        String[] keys = new String[tunnels.size()];
        double[][] values = new double[tunnels.size()][times.length];
        for (int r = 0; r < tunnels.size(); r++) {
            Tunnel t = tunnels.get(r);
            ThroughputSeries s = t.getSeries();
            keys[r] = name(t);
            double perSecond = 1e9 / s.getInterval() * (unit == Unit.BITS ? 8 : 1);
            long[] ts = s.getTimes();
            long[] v = unit == Unit.BITS ? s.getBytes() : s.getPackets();
            for (int i = 0; i < ts.length; i++) {
                values[r][Arrays.binarySearch(times, ts[i])] += v[i] * perSecond;
            }
        }
        return new TunnelTable(keys, times, values, unit.label());
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

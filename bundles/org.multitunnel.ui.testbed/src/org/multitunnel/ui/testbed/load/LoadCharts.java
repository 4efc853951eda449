package org.multitunnel.ui.testbed.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.multitunnel.agent.load.LoadReport;
import org.multitunnel.agent.load.LoadSecond;
import org.multitunnel.ui.chart.HeadlessAwt;

/**
 * The Load part's two charts over seconds since the start — requests per second (offered, answered, rejected,
 * lost) and latency (p50, p99 in milliseconds) — with the phases (register, sustain, deregister) as markers.
 * JFreeChart objects only; the part puts them into jfreechart-swt ChartComposites as the Tunnels chart does.
 */
final class LoadCharts {
    static {
        HeadlessAwt.ensure();
    }

    private final XYSeries offered = new XYSeries("offered/s");
    private final XYSeries answered = new XYSeries("answered/s");
    private final XYSeries rejected = new XYSeries("rejected/s");
    private final XYSeries lost = new XYSeries("lost/s");
    private final XYSeries p50 = new XYSeries("p50 ms");
    private final XYSeries p99 = new XYSeries("p99 ms");
    private final JFreeChart rate;
    private final JFreeChart latency;

    LoadCharts() {
        XYSeriesCollection r = new XYSeriesCollection();
        r.addSeries(offered);
        r.addSeries(answered);
        r.addSeries(rejected);
        r.addSeries(lost);
        rate = ChartFactory.createXYLineChart("Requests per second", "seconds", "requests/s", r,
                PlotOrientation.VERTICAL, true, true, false);
        XYSeriesCollection l = new XYSeriesCollection();
        l.addSeries(p50);
        l.addSeries(p99);
        latency = ChartFactory.createXYLineChart("Latency", "seconds", "ms", l, PlotOrientation.VERTICAL, true, true,
                false);
        for (JFreeChart c : List.of(rate, latency)) {
            c.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            c.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            c.getXYPlot().setBackgroundPaint(Color.WHITE);
            c.getXYPlot().setDomainGridlinePaint(Color.LIGHT_GRAY);
            c.getXYPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
            for (int i = 0; i < c.getXYPlot().getDataset().getSeriesCount(); i++) {
                c.getXYPlot().getRenderer().setSeriesStroke(i, new BasicStroke(1.5f));
            }
        }
    }

    JFreeChart rate() {
        return rate;
    }

    JFreeChart latency() {
        return latency;
    }

    /** Shows {@code seconds} (replacing what was shown) and, when known, the phases of {@code report}. */
    void show(List<LoadSecond> seconds, LoadReport report) {
        for (XYSeries s : List.of(offered, answered, rejected, lost, p50, p99)) {
            s.setNotify(false);
            s.clear();
        }
        for (LoadSecond x : seconds) {
            offered.add(x.second(), x.offered());
            answered.add(x.second(), x.answered());
            rejected.add(x.second(), x.rejected());
            lost.add(x.second(), x.lost());
            if (!Double.isNaN(x.p50())) {
                p50.add(x.second(), x.p50());
                p99.add(x.second(), x.p99());
            }
        }
        for (XYSeries s : List.of(offered, answered, rejected, lost, p50, p99)) {
            s.setNotify(true);
        }
        for (JFreeChart c : List.of(rate, latency)) {
            XYPlot plot = c.getXYPlot();
            plot.clearDomainMarkers();
            if (report != null) {
                for (LoadReport.Phase p : report.phases()) {
                    ValueMarker m = new ValueMarker(p.start(), Color.GRAY, new BasicStroke(1f));
                    m.setLabel(p.name());
                    m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
                    m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                    m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                    plot.addDomainMarker(m);
                }
            }
        }
    }

    /** Points in the rate chart's "answered" series (for tests). */
    int answeredPoints() {
        return answered.getItemCount();
    }

    double answeredAt(int second) {
        int i = answered.indexOf((double) second);
        return i < 0 ? Double.NaN : answered.getY(i).doubleValue();
    }

    int latencyPoints() {
        return p99.getItemCount();
    }
}

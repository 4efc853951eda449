package org.multitunnel.ui.chart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the Tunnels chart as a small self-contained SVG (axes, ticks, one polyline or stacked band per shown tunnel,
 * legend) straight from the {@link TunnelTable}. JFreeChart 1.5 has no SVG output and JFreeSVG is not in the target
 * platform, so this draws the same data in vector form rather than a copy of the on-screen rendering.
 */
public final class SvgChart {
    private static final String[] COLOURS = { "#ff5555", "#5555ff", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
            "#e377c2", "#7f7f7f", "#bcbd22", "#17becf" };
    private static final int LEFT = 80, RIGHT = 20, TOP = 20, AXIS = 40, LEGEND_LINE = 16;

    private SvgChart() {
    }

    public static void write(TunnelTable table, boolean[] visible, boolean stacked, int width, int height, Path file)
            throws IOException {
        Files.writeString(file, render(table, visible, stacked, width, height), StandardCharsets.UTF_8);
    }

    /** The SVG document for the shown series of {@code table}. */
    public static String render(TunnelTable table, boolean[] visible, boolean stacked, int width, int height) {
        int series = table.getSeriesCount();
        int items = table.getItemCount();
        int shown = 0;
        for (boolean v : visible) {
            shown += v ? 1 : 0;
        }
        int legend = shown * LEGEND_LINE + 8;
        int plotW = width - LEFT - RIGHT;
        int plotH = Math.max(50, height - TOP - AXIS - legend);
        double max = 0;
        for (int i = 0; i < items; i++) {
            double sum = 0;
            for (int s = 0; s < series; s++) {
                if (visible[s]) {
                    sum = stacked ? sum + table.getYValue(s, i) : Math.max(sum, table.getYValue(s, i));
                }
            }
            max = Math.max(max, sum);
        }
        max = max <= 0 ? 1 : niceCeiling(max);
        double t0 = items > 0 ? table.getXValue(0, 0) : 0;
        double t1 = items > 1 ? table.getXValue(0, items - 1) : t0 + 1;
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"11\">\n",
                width, height + legend, width, height + legend));
        b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", width,
                height + legend));
        b.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f4f4f4\" stroke=\"#888\"/>\n", LEFT, TOP,
                plotW, plotH));
        for (int k = 0; k <= 4; k++) { // y ticks
            double v = max * k / 4;
            double y = TOP + plotH - plotH * k / 4.0;
            b.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                    LEFT, y, LEFT + plotW, y, LEFT - 4, y + 4, tick(v)));
        }
        for (int k = 0; k <= 5; k++) { // x ticks: seconds since the first bucket
            double x = LEFT + plotW * k / 5.0;
            double seconds = (t1 - t0) * k / 5.0 / 1000.0;
            b.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s s</text>\n", x, TOP + plotH + 14,
                    tick(seconds)));
        }
        b.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">Time since first bucket</text>\n", LEFT + plotW / 2,
                TOP + plotH + 30));
        b.append(String.format(Locale.ROOT,
                "<text transform=\"translate(14,%d) rotate(-90)\" text-anchor=\"middle\">%s</text>\n",
                TOP + plotH / 2, escape(table.unitLabel())));
        double[] base = new double[items];
        int legendRow = 0;
        for (int s = 0; s < series; s++) {
            if (!visible[s]) {
                continue;
            }
            String colour = COLOURS[s % COLOURS.length];
            StringBuilder top = new StringBuilder();
            StringBuilder bottom = new StringBuilder();
            for (int i = 0; i < items; i++) {
                double x = LEFT + (t1 == t0 ? 0 : plotW * (table.getXValue(s, i) - t0) / (t1 - t0));
                double lo = stacked ? base[i] : 0;
                double hi = lo + table.getYValue(s, i);
                top.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, TOP + plotH - plotH * hi / max));
                bottom.insert(0, String.format(Locale.ROOT, "%.1f,%.1f ", x, TOP + plotH - plotH * lo / max));
                base[i] = hi;
            }
            if (stacked) {
                b.append("<polygon fill=\"").append(colour).append("\" fill-opacity=\"0.8\" points=\"")
                        .append(top).append(bottom.toString().strip()).append("\"/>\n");
            } else {
                b.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" points=\"")
                        .append(top.toString().strip()).append("\"/>\n");
            }
            int y = height + legendRow++ * LEGEND_LINE;
            b.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>\n",
                    LEFT, y, colour, LEFT + 18, y + 10, escape(String.valueOf(table.getSeriesKey(s)))));
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] { 1, 2, 2.5, 5, 10 }) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String tick(double v) {
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.3gM", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.3gk", v / 1e3);
        }
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

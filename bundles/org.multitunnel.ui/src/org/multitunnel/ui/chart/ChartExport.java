package org.multitunnel.ui.chart;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * Writes what the Tunnels chart shows to files: the chart as a PNG (drawn by Java2D off screen at the requested
 * size, so it does not depend on the window) and the data as a CSV table ({@link TunnelTable#toCsv()}). SVG is
 * written by {@link SvgChart} from the same table, since JFreeChart 1.5 has no SVG output and JFreeSVG is not in
 * the target platform.
 */
public final class ChartExport {
    private ChartExport() {
    }

    public static void png(JFreeChart chart, int width, int height, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        }
    }

    public static void csv(TunnelTable table, Path file) throws IOException {
        Files.writeString(file, table.toCsv(), StandardCharsets.UTF_8);
    }
}

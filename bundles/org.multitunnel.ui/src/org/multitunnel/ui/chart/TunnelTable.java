package org.multitunnel.ui.chart;

import java.util.Arrays;
import java.util.Locale;

import org.jfree.data.DomainOrder;
import org.jfree.data.xy.AbstractXYDataset;
import org.jfree.data.xy.TableXYDataset;

/**
 * The Tunnels chart's data: one row per tunnel over one shared column of bucket start times, every empty bucket a
 * real 0 (throughput was zero, not unknown). Sharing the x values is what JFreeChart's stacked renderer needs
 * ({@link TableXYDataset}) and what a CSV table is; the values live in primitive arrays, so a capture with hundreds
 * of tunnels stays cheap to draw and export.
 */
public final class TunnelTable extends AbstractXYDataset implements TableXYDataset {
    private static final long serialVersionUID = 1L;

    private final String[] keys;
    /** Bucket start times, milliseconds since the epoch (the chart's x). */
    private final long[] millis;
    /** Bucket start times in nanoseconds (exact, for the CSV). */
    private final long[] nanos;
    private final double[][] values;
    private final String unitLabel;

    TunnelTable(String[] keys, long[] nanos, double[][] values, String unitLabel) {
        this.keys = keys;
        this.nanos = nanos;
        this.millis = new long[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            millis[i] = Math.floorDiv(nanos[i], 1_000_000L);
        }
        this.values = values;
        this.unitLabel = unitLabel;
    }

    @Override
    public int getSeriesCount() {
        return keys.length;
    }

    @Override
    public Comparable<String> getSeriesKey(int series) {
        return keys[series];
    }

    @Override
    public int getItemCount() {
        return millis.length;
    }

    @Override
    public int getItemCount(int series) {
        return millis.length;
    }

    @Override
    public Number getX(int series, int item) {
        return millis[item];
    }

    @Override
    public double getXValue(int series, int item) {
        return millis[item];
    }

    @Override
    public Number getY(int series, int item) {
        return values[series][item];
    }

    @Override
    public double getYValue(int series, int item) {
        return values[series][item];
    }

    @Override
    public DomainOrder getDomainOrder() {
        return DomainOrder.ASCENDING;
    }

    /** Bucket start of column {@code item} in nanoseconds since the epoch. */
    public long nanos(int item) {
        return nanos[item];
    }

    /** Sum over all buckets of one series (in the chart's unit per bucket). */
    public double total(int series) {
        double t = 0;
        for (double v : values[series]) {
            t += v;
        }
        return t;
    }

    /** Sum of all series at one bucket: the top of the stacked chart there. */
    public double stackedTotal(int item) {
        double t = 0;
        for (double[] row : values) {
            t += row[item];
        }
        return t;
    }

    /** The bucket whose start is nearest to {@code epochMillis}, or -1 when there are none. */
    public int nearestItem(double epochMillis) {
        if (millis.length == 0) {
            return -1;
        }
        int i = Arrays.binarySearch(millis, (long) Math.floor(epochMillis));
        if (i >= 0) {
            return i;
        }
        int after = -i - 1;
        if (after == 0) {
            return 0;
        }
        if (after == millis.length) {
            return millis.length - 1;
        }
        return epochMillis - millis[after - 1] <= millis[after] - epochMillis ? after - 1 : after;
    }

    public String unitLabel() {
        return unitLabel;
    }

    /**
     * The table as CSV: a header naming the unit ({@code time_s} is the bucket start in seconds since the epoch,
     * then one column per tunnel with its unit), one line per bucket. Keys are quoted as they contain commas.
     */
    public String toCsv() {
        StringBuilder b = new StringBuilder("time_s");
        for (String k : keys) {
            b.append(",\"").append(k.replace("\"", "\"\"")).append(" [").append(unitLabel).append("]\"");
        }
        b.append('\n');
        for (int i = 0; i < nanos.length; i++) {
            b.append(Math.floorDiv(nanos[i], 1_000_000_000L)).append('.')
                    .append(String.format(Locale.ROOT, "%09d", Math.floorMod(nanos[i], 1_000_000_000L)));
            for (double[] row : values) {
                b.append(',').append(format(row[i]));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.6f", v);
    }
}

package org.multitunnel.ui.packets;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.multitunnel.analysis.packets.PacketRow;
import org.multitunnel.analysis.packets.PacketRowFormatter;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.ui.session.OpenCapture;
import org.multitunnel.wire.dissect.MipConfig;

/**
 * Orders the Packets rows by one column off the UI thread: reads each shown packet's key (numbers straight from
 * the index; text columns formatted as the table shows them and ranked through a dictionary so the sort itself
 * compares longs), then sorts the row → packet array with {@link RowOrder}. Cancelable, with progress, so sorting
 * a million-packet capture never blocks the table, which stays virtual.
 */
public final class SortJob extends Job {
    /** Receives progress and the result on the job's thread. */
    public interface Sink {
        void progress(SortJob job, int percent);

        void done(SortJob job, int[] rows);
    }

    /** Columns of the Packets table, in table order. */
    public static final int NUMBER = 0, TIME = 1, SOURCE = 2, DESTINATION = 3, PROTOCOL = 4, LENGTH = 5, INFO = 6;

    private static final long PROGRESS_EVERY_NANOS = 100_000_000L;

    private final OpenCapture capture;
    private final int[] base;
    private final int column;
    private final boolean ascending;
    private final TimeFormat timeFormat;
    private final Sink sink;

    /**
     * @param base the packets shown now (capture order), or null for every packet
     */
    public SortJob(OpenCapture capture, int[] base, int column, boolean ascending, TimeFormat timeFormat, Sink sink) {
        super("Sorting packets");
        this.capture = capture;
        this.base = base;
        this.column = column;
        this.ascending = ascending;
        this.timeFormat = timeFormat;
        this.sink = sink;
        setSystem(true); // progress is shown in the Packets status line
    }

    public OpenCapture capture() {
        return capture;
    }

    public int column() {
        return column;
    }

    public boolean ascending() {
        return ascending;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        try {
            int[] rows = order(capture.file(), capture.mipConfig(), base, column, ascending, timeFormat, monitor,
                    this);
            if (rows == null) {
                return Status.CANCEL_STATUS;
            }
            sink.done(this, rows);
            return Status.OK_STATUS;
        } catch (IllegalStateException e) {
            return Status.CANCEL_STATUS; // the capture was closed while sorting
        }
    }

    /**
     * The packets of {@code base} (or of the whole file) ordered by {@code column}; null if cancelled. Key
     * reading is 90% of the progress, the merge passes the rest.
     */
    static int[] order(CaptureFile file, MipConfig mip, int[] base, int column, boolean ascending,
            TimeFormat timeFormat, IProgressMonitor monitor, SortJob job) {
        int n = base != null ? base.length : file.packetCount();
        int[] rows = new int[n];
        for (int r = 0; r < n; r++) {
            rows[r] = base != null ? base[r] : r;
        }
        long[] key = new long[n];
        long last = System.nanoTime();
        PacketRowFormatter formatter = column >= SOURCE && column != LENGTH ? new PacketRowFormatter(mip) : null;
        Map<String, Integer> ids = formatter != null ? new HashMap<>() : null;
        for (int r = 0; r < n; r++) {
            if ((r & 1023) == 0) {
                if (monitor.isCanceled()) {
                    return null;
                }
                long now = System.nanoTime();
                if (job != null && now - last > PROGRESS_EVERY_NANOS) {
                    last = now;
                    job.sink.progress(job, (int) (r * 90L / Math.max(1, n)));
                }
            }
            int i = rows[r];
            key[r] = switch (column) {
                case TIME -> timeFormat == TimeFormat.DELTA
                        ? (i == 0 ? 0 : file.timestampNanos(i) - file.timestampNanos(i - 1))
                        : file.timestampNanos(i);
                case LENGTH -> file.originalLength(i);
                case SOURCE, DESTINATION, PROTOCOL, INFO -> {
                    PacketRow row = formatter.format(file, i);
                    String text = switch (column) {
                        case SOURCE -> row.source();
                        case DESTINATION -> row.destination();
                        case PROTOCOL -> row.protocol();
                        default -> row.info();
                    };
                    Integer id = ids.get(text);
                    if (id == null) {
                        id = ids.size();
                        ids.put(text, id);
                    }
                    yield id;
                }
                default -> i;
            };
        }
        if (ids != null) {
            // Dictionary ids become ranks of their text in natural order, so the merge compares longs only.
            String[] texts = new String[ids.size()];
            ids.forEach((t, id) -> texts[id] = t);
            Integer[] byText = new Integer[texts.length];
            for (int k = 0; k < byText.length; k++) {
                byText[k] = k;
            }
            Arrays.sort(byText, (x, y) -> NaturalOrder.INSTANCE.compare(texts[x], texts[y]));
            long[] rank = new long[texts.length];
            for (int k = 0; k < byText.length; k++) {
                rank[byText[k]] = k;
            }
            for (int r = 0; r < n; r++) {
                key[r] = rank[(int) key[r]];
            }
        }
        if (job != null) {
            job.sink.progress(job, 90);
        }
        return RowOrder.sort(rows, key, ascending, monitor::isCanceled) ? rows : null;
    }
}

package org.multitunnel.capture.internal;

import java.nio.ByteBuffer;

import org.multitunnel.capture.IndexListener;
import org.multitunnel.capture.PacketView;
import org.multitunnel.capture.PacketVisitor;
import org.multitunnel.capture.ReadWarning;

/**
 * Everything a format scanner needs for one pass, and the single place where packets leave a scanner: it refills
 * the reusable {@link PacketView}, counts, reports progress and polls cancellation every {@link #PROGRESS_EVERY}
 * packets. No allocation per packet.
 */
public final class ScanContext {
    /** Progress/cancel cadence in packets (a power of two). */
    public static final int PROGRESS_EVERY = 4096;

    /** The mapped bytes; replaced by {@link #remap} when a followed file has grown (scanner thread only). */
    public MappedCapture data;
    public final Warnings warnings;
    public final InterfaceTable interfaces;
    private final PacketVisitor sink;
    private final IndexListener listener;
    private final PacketView view;
    private long packets;
    private long capturedBytes;
    private boolean stopped;
    private boolean cancelled;
    /** File offset after the last packet handed out (to tell whether it reached past a shrunk file's new end). */
    private long lastEnd;
    /** Page of the last check for a shrunk file, made when damage is met (see {@link #warn}). */
    private long shrinkCheckedPage = -1;

    public ScanContext(MappedCapture data, Warnings warnings, InterfaceTable interfaces, PacketVisitor sink,
            IndexListener listener) {
        this.data = data;
        this.warnings = warnings;
        this.interfaces = interfaces;
        this.sink = sink;
        this.listener = listener;
        this.view = new PacketView(interfaces::get);
    }

    /**
     * Hands one packet to the sink. {@code buffer} is the big-endian window, {@code dataOffset} the packet's
     * position in it, {@code nextPos} the file offset after the record (for progress).
     *
     * @return {@code false} when the pass must stop (sink refused, or cancelled)
     */
    public boolean emit(ByteBuffer buffer, int dataOffset, long fileOffset, long timestampNanos, int capturedLength,
            int originalLength, int interfaceId, int linkType, long nextPos) {
        view.set(buffer, dataOffset, packets, fileOffset, timestampNanos, capturedLength, originalLength,
                interfaceId, linkType);
        packets++;
        capturedBytes += capturedLength;
        lastEnd = fileOffset + capturedLength;
        boolean more;
        try {
            more = sink.visit(view);
        } catch (RuntimeException e) {
            throw new SinkFailure(e);
        }
        if (!more) {
            stopped = true;
            return false;
        }
        if ((packets & (PROGRESS_EVERY - 1)) == 0) {
            return checkpoint(nextPos);
        }
        return true;
    }

    /** Reports progress and polls cancellation; scanners also call it between non-packet blocks now and then. */
    public boolean checkpoint(long pos) {
        if (listener != null) {
            listener.progress((int) Math.min(Integer.MAX_VALUE, packets), pos, data.size());
            if (listener.cancelled()) {
                cancelled = true;
                warnings.add(pos, ReadWarning.Kind.INCOMPLETE, "indexing cancelled after " + packets + " packets",
                        packets);
                return false;
            }
        }
        return true;
    }

    /** Continues the same pass over a larger mapping of the same file (packet numbering goes on). */
    public void remap(MappedCapture grown) {
        data = grown;
    }

    /**
     * Records damage, unless the "damage" is the zero-filled rest of the last page of a file that another program has
     * just truncated (reading past the new end inside that page gives zeros rather than a fault): then the pass ends
     * with {@link Shrank}. The file size is asked for at most once per 4 KiB page of offsets, so a file full of real
     * damage costs one {@code fstat} per page at worst.
     */
    public void warn(long offset, ReadWarning.Kind kind, String message) {
        long page = offset >>> 12;
        if (page != shrinkCheckedPage) {
            shrinkCheckedPage = page;
            if (shrunk()) {
                throw new Shrank();
            }
        }
        warnings.add(offset, kind, message, packets);
    }

    /** The file is now shorter than the mapping (false if its size cannot be asked for, e.g. it was closed). */
    public boolean shrunk() {
        try {
            return data.currentSize() < data.size();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** File offset after the last packet handed out, 0 before the first. */
    public long lastPacketEnd() {
        return lastEnd;
    }

    public long packets() {
        return packets;
    }

    public long capturedBytes() {
        return capturedBytes;
    }

    /** The sink returned {@code false}. */
    public boolean stopped() {
        return stopped;
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Ends a pass whose file was found shorter than mapped; {@link Scanners} turns it into a warning. */
    static final class Shrank extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Shrank() {
            super("the file shrank while it was read", null, false, false);
        }
    }

    /** Carries an exception thrown by the visitor past the scanners' damage handling, to be rethrown as is. */
    static final class SinkFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SinkFailure(RuntimeException cause) {
            super(cause);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }
}

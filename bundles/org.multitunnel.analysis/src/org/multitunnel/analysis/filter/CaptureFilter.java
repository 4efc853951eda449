package org.multitunnel.analysis.filter;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.multitunnel.capture.CaptureFile;
import org.multitunnel.capture.CaptureShrankException;
import org.multitunnel.capture.DecodeAsResolver;
import org.multitunnel.capture.PacketView;
import org.multitunnel.wire.dissect.MipConfig;

/**
 * Runs a {@link DisplayFilter} over a range of an indexed capture and returns the matching packet indices — the one
 * loop the Packets filter job and the filter bench share. Frames are read in place from the capture's mapping
 * (no copy), times for {@code frame.time_relative} and {@code frame.time_delta} come from the index, and the result
 * is a primitive array (ascending), so filtering a million packets allocates only that array.
 */
public final class CaptureFilter {
    /** Per-packet pseudo-fields: the caller's context, pointed at packet {@code index} (may be reused). */
    @FunctionalInterface
    public interface Contexts {
        Contexts NONE = index -> FilterContext.NONE;

        FilterContext at(int index);
    }

    /** Progress and cancellation, polled before the first packet and every 4096 packets. */
    public interface Progress {
        Progress NONE = new Progress() {
            @Override
            public boolean cancelled() {
                return false;
            }

            @Override
            public void done(int packets) {
            }
        };

        boolean cancelled();

        /** {@code packets} of the range have been tested. */
        void done(int packets);
    }

    /** Keeps the last-byte reads of {@link #select} observable, so they are not optimised away. */
    @SuppressWarnings("unused")
    private static volatile int sink;

    private CaptureFilter() {
    }

    /**
     * Indices in [from, to) of the packets of {@code file} that {@code filter} matches, ascending; null when
     * cancelled. Mobile IP is dissected where {@code config} says plus the ports the file records per interface (the
     * Decode As rule every reader follows, {@link DecodeAsResolver}).
     */
    public static int[] select(CaptureFile file, DisplayFilter filter, MipConfig config, int from, int to,
            Contexts contexts, Progress progress) {
        return select(file, filter, new DecodeAsResolver(config), from, to, contexts, progress);
    }

    /**
     * As {@link #select(CaptureFile, DisplayFilter, MipConfig, int, int, Contexts, Progress)} with the caller's
     * resolver. A packet whose bytes are gone, wholly or partly (another program truncated the file after it was
     * indexed), matches nothing: the frame's last byte is read before its headers are looked at.
     */
    public static int[] select(CaptureFile file, DisplayFilter filter, DecodeAsResolver decodeAs, int from, int to,
            Contexts contexts, Progress progress) {
        Matchers matchers = new Matchers(filter, decodeAs, file);
        FilterFrame frame = new FilterFrame();
        PacketView view = new PacketView();
        int[] out = new int[Math.max(16, Math.min(to - from, 4096))];
        int count = 0;
        int touched = 0;
        long first = file.packetCount() > 0 ? file.timestampNanos(0) : 0;
        for (int i = from; i < to; i++) {
            if ((i - from & 4095) == 0) {
                if (progress.cancelled()) {
                    return null;
                }
                progress.done(i - from);
            }
            boolean matches;
            try {
                file.view(i, view);
                if (view.capturedLength() > 0) { // all of the frame must be there, not only the headers read
                    touched ^= view.buffer().get(view.dataOffset() + view.capturedLength() - 1);
                }
                long previous = i == 0 ? view.timestampNanos() : file.timestampNanos(i - 1);
                frame.set(i + 1L, view.linkType(), view.buffer(), view.dataOffset(), view.capturedLength(),
                        view.originalLength(), view.timestampNanos(), first, previous);
                matches = matchers.at(i).matches(frame, contexts.at(i));
            } catch (CaptureShrankException e) {
                matches = false;
            } catch (InternalError e) { // the mapped page vanished under us: the file shrank
                if (file.shrinkFault(e) == null) {
                    throw e;
                }
                matches = false;
            }
            if (matches) {
                if (count == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                out[count++] = i;
            }
        }
        progress.done(to - from);
        sink = touched;
        return Arrays.copyOf(out, count);
    }

    /** One matcher per Decode As configuration; the configuration of the last packet's interface is kept at hand. */
    private static final class Matchers {
        private final DisplayFilter filter;
        private final DecodeAsResolver decodeAs;
        private final CaptureFile file;
        private final Map<MipConfig, FrameMatcher> byConfig = new HashMap<>();
        private MipConfig lastConfig;
        private FrameMatcher last;

        Matchers(DisplayFilter filter, DecodeAsResolver decodeAs, CaptureFile file) {
            this.filter = filter;
            this.decodeAs = decodeAs;
            this.file = file;
        }

        FrameMatcher at(int packet) {
            MipConfig c = decodeAs.config(file, packet);
            if (c != lastConfig) {
                last = byConfig.computeIfAbsent(c, filter::matcher);
                lastConfig = c;
            }
            return last;
        }
    }
}

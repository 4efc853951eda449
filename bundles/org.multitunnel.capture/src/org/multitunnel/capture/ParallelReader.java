package org.multitunnel.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import org.multitunnel.capture.internal.CaptureSource;
import org.multitunnel.capture.internal.InterfaceTable;
import org.multitunnel.capture.internal.ScanContext;
import org.multitunnel.capture.internal.Scanners;
import org.multitunnel.capture.internal.Warnings;
import org.multitunnel.capture.internal.pcap.PcapScanner;

/**
 * One streaming pass over a capture on several cores: the file is split into contiguous chunks at record
 * boundaries, each chunk is scanned by its own thread into its own visitor, and the caller merges the visitors in
 * file order (their results are mergeable by design: counters add, first-seen orders concatenate). A boundary is
 * found by a validated resynchronisation ({@value PcapScanner#BOUNDARY_CHAIN} consecutive plausible pcap record
 * headers) and then proven: the previous chunk's own walk must land exactly on it. Whenever that cannot be shown —
 * pcapng or gzip input (not split yet), a small file, damage (any read warning) or a boundary the walk jumped over —
 * the pass is redone as one ordinary sequential scan with a fresh visitor, so the result never depends on the
 * number of threads.
 */
public final class ParallelReader {
    /** Files smaller than this per extra thread are read by one thread: starting threads would cost more. */
    public static final long DEFAULT_MIN_CHUNK_BYTES = 32L << 20;

    /** A chunk's visitor with the packets it was given and its place in the capture. */
    public record Chunk<V>(V visitor, long packets, long firstFrameIndex, long startOffset, long endOffset) {
    }

    /** What the pass saw (totals over the chunks used) and the chunks' visitors in file order. */
    public record Result<V>(ReadSummary summary, List<Chunk<V>> chunks, boolean parallel) {
    }

    private ParallelReader() {
    }

    /** The machine's cores, the default thread count. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** {@link #read(Path, int, long, OpenOptions, IntFunction)} with the default chunk size and options. */
    public static <V extends PacketVisitor> Result<V> read(Path file, int threads, IntFunction<V> visitors)
            throws IOException {
        return read(file, threads, DEFAULT_MIN_CHUNK_BYTES, OpenOptions.defaults(), visitors);
    }

    /**
     * Reads {@code file} with up to {@code threads} threads, one visitor per chunk made by {@code visitors} (called
     * with the chunk number). A visitor returning {@code false} stops its chunk; the result then keeps the chunks
     * up to and including the first one that stopped (a prefix of the capture), as a sequential pass would have.
     *
     * @param minChunkBytes smallest chunk worth a thread (tests pass a few KiB to split small files)
     */
    public static <V extends PacketVisitor> Result<V> read(Path file, int threads, long minChunkBytes,
            OpenOptions options, IntFunction<V> visitors) throws IOException {
        try (CaptureSource source = CaptureSource.open(file, options)) {
            long size = source.data.size();
            int n = (int) Math.max(1, Math.min(threads, size / Math.max(1, minChunkBytes)));
            if (n > 1 && !source.compressed && source.format != Format.PCAPNG) {
                Result<V> r = parallel(source, n, options, visitors);
                if (r != null) {
                    return r;
                }
            }
            return sequential(source, options, visitors);
        }
    }

    private static <V extends PacketVisitor> Result<V> sequential(CaptureSource source, OpenOptions options,
            IntFunction<V> visitors) throws IOException {
        V v = visitors.apply(0);
        Warnings warnings = new Warnings(options.maxWarnings());
        InterfaceTable interfaces = new InterfaceTable();
        ScanContext ctx = new ScanContext(source.data, warnings, interfaces, v, null);
        Scanners.scan(source, ctx);
        ReadSummary s = new ReadSummary(source.format, source.compressed, ctx.packets(), ctx.capturedBytes(),
                source.data.size(), interfaces.list(), warnings.snapshot(), ctx.stopped());
        return new Result<>(s, List.of(new Chunk<>(v, ctx.packets(), 0, 0, source.data.size())), false);
    }

    /** The parallel attempt; null when the split cannot be trusted (the caller then reads sequentially). */
    private static <V extends PacketVisitor> Result<V> parallel(CaptureSource source, int n, OpenOptions options,
            IntFunction<V> visitors) throws IOException {
        long size = source.data.size();
        long[] start = new long[n + 1];
        start[0] = PcapScanner.FILE_HEADER_LENGTH;
        start[n] = size;
        for (int i = 1; i < n; i++) {
            long guess = Math.max(start[i - 1] + 1, size / n * i);
            long b = PcapScanner.findBoundary(source.data, source.format, source.pcapOrder, guess,
                    Math.min(size, guess + PcapScanner.RESYNC_SEARCH_BYTES));
            if (b < 0) {
                return null;
            }
            start[i] = b;
        }
        List<V> vs = new ArrayList<>(n);
        List<ScanContext> ctxs = new ArrayList<>(n);
        List<Warnings> ws = new ArrayList<>(n);
        List<InterfaceTable> its = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            V v = visitors.apply(i);
            Warnings w = new Warnings(options.maxWarnings());
            InterfaceTable it = new InterfaceTable();
            vs.add(v);
            ws.add(w);
            its.add(it);
            ctxs.add(new ScanContext(source.data, w, it, v, null));
        }
        long[] stopped = new long[n];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] workers = new Thread[n];
        for (int i = 1; i < n; i++) {
            int c = i;
            workers[i] = new Thread(() -> {
                try {
                    stopped[c] = Scanners.scanPcapRange(source, ctxs.get(c), start[c], start[c + 1]);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "capture-chunk-" + i);
            workers[i].setDaemon(true);
            workers[i].start();
        }
        try {
            stopped[0] = Scanners.scanPcapRange(source, ctxs.get(0), start[0], start[1]);
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
        for (int i = 1; i < n; i++) {
            join(workers[i]);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException e) {
            throw e; // the visitor's own failure, as a sequential pass would pass it on
        } else if (t instanceof Error e) {
            throw e;
        }
        int used = 0;
        long frames = 0;
        long captured = 0;
        boolean stoppedEarly = false;
        List<Chunk<V>> chunks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ScanContext ctx = ctxs.get(i);
            if (!ws.get(i).isEmpty()) {
                return null; // damage: let the sequential scanner report it exactly as it always does
            }
            chunks.add(new Chunk<>(vs.get(i), ctx.packets(), frames, start[i], start[i + 1]));
            frames += ctx.packets();
            captured += ctx.capturedBytes();
            used++;
            if (ctx.stopped()) {
                stoppedEarly = true;
                break;
            }
            if (stopped[i] != start[i + 1]) {
                return null; // the walk did not land on the next chunk's first record
            }
        }
        ReadSummary s = new ReadSummary(source.format, source.compressed, frames, captured, size,
                its.get(0).list(), List.of(), stoppedEarly);
        return new Result<>(s, List.copyOf(chunks.subList(0, used)), true);
    }

    private static void join(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

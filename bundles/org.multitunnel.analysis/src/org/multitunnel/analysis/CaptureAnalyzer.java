package org.multitunnel.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.multitunnel.capture.OpenOptions;
import org.multitunnel.capture.ParallelReader;
import org.multitunnel.capture.ReadSummary;
import org.multitunnel.capture.tunnel.TunnelAccounting;
import org.multitunnel.model.ModelUpdater;

/**
 * The whole analysis of a capture, the engine behind {@code multitunnel analyze} and the GUI, on every core: the
 * file is read in chunks in parallel ({@link ParallelReader}); each chunk's {@link ChunkRecorder} classifies its
 * packets once (allocation-free) and accounts their tunnels; then, in file order, the chunks' accountings are
 * merged and their signalling and tunnel packets are replayed through {@link IncrementalAnalysis} — the same code,
 * in the same frame order, as a live capture's packet-by-packet analysis — so bindings, findings and tunnels are
 * identical whatever the number of threads. Every model change goes through the given {@link ModelUpdater}, on the
 * calling thread.
 */
public final class CaptureAnalyzer {
    private CaptureAnalyzer() {
    }

    /** Analyzes {@code file} into the updater's session on all cores; returns the reader's summary. */
    public static ReadSummary analyze(Path file, AnalysisOptions options, ModelUpdater updater,
            AnalysisProgress progress) throws IOException {
        return analyze(file, options, OpenOptions.defaults(), updater, progress);
    }

    /**
     * The same, reading the file with {@code reading} (its bounds on decompressing gzip, see
     * {@link org.multitunnel.capture.SpillLimits}; its classifier is not used), on all cores.
     */
    public static ReadSummary analyze(Path file, AnalysisOptions options, OpenOptions reading, ModelUpdater updater,
            AnalysisProgress progress) throws IOException {
        return analyze(file, options, reading, updater, progress, ParallelReader.defaultThreads(),
                ParallelReader.DEFAULT_MIN_CHUNK_BYTES);
    }

    /**
     * Analyzes {@code file} with up to {@code threads} threads, splitting only files of at least
     * {@code minChunkBytes} per thread (tests pass a few KiB to split small captures).
     */
    public static ReadSummary analyze(Path file, AnalysisOptions options, ModelUpdater updater,
            AnalysisProgress progress, int threads, long minChunkBytes) throws IOException {
        return analyze(file, options, OpenOptions.defaults(), updater, progress, threads, minChunkBytes);
    }

    /** All of the above: reading options, thread count and smallest chunk. */
    public static ReadSummary analyze(Path file, AnalysisOptions options, OpenOptions reading, ModelUpdater updater,
            AnalysisProgress progress, int threads, long minChunkBytes) throws IOException {
        AtomicLong seen = new AtomicLong();
        ParallelReader.Result<ChunkRecorder> read = ParallelReader.read(file, Math.max(1, threads), minChunkBytes,
                reading, c -> new ChunkRecorder(options, progress, seen));
        List<ParallelReader.Chunk<ChunkRecorder>> chunks = read.chunks();
        TunnelAccounting merged = chunks.get(0).visitor().accounting;
        for (int i = 1; i < chunks.size(); i++) {
            merged.merge(chunks.get(i).visitor().accounting, chunks.get(i).firstFrameIndex());
        }
        IncrementalAnalysis analysis = new IncrementalAnalysis(options, updater, merged);
        for (ParallelReader.Chunk<ChunkRecorder> c : chunks) {
            c.visitor().replay(analysis, c.firstFrameIndex(), c.packets());
        }
        analysis.finish(file.getFileName().toString(), read.summary().warnings());
        return read.summary();
    }
}

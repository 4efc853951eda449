package org.multitunnel.analysis;

import java.io.IOException;
import java.nio.file.Path;

import org.multitunnel.capture.CaptureReader;
import org.multitunnel.capture.OpenOptions;
import org.multitunnel.capture.PacketView;
import org.multitunnel.capture.ReadSummary;
import org.multitunnel.model.ModelUpdater;

/**
 * The whole analysis of a capture in one streaming pass, the engine behind {@code multitunnel analyze} and the
 * GUI: each packet is classified once (allocation-free); data packets go to the tunnel accounting and the
 * unbound-tunnel check, signalling to the registration analyzer; at the end the tunnels, their traffic and series
 * are written to the model next to the bindings they carry. Every model change goes through the given
 * {@link ModelUpdater}. The per-packet work is {@link IncrementalAnalysis}, which a live capture drives directly.
 */
public final class CaptureAnalyzer {
    private static final int PROGRESS_EVERY = 1 << 14;

    private CaptureAnalyzer() {
    }

    /** Analyzes {@code file} into the updater's session; returns the reader's summary (format, warnings). */
    public static ReadSummary analyze(Path file, AnalysisOptions options, ModelUpdater updater,
            AnalysisProgress progress) throws IOException {
        return analyze(file, options, OpenOptions.defaults(), updater, progress);
    }

    /**
     * The same, reading the file with {@code reading} (its bounds on decompressing gzip, see
     * {@link org.multitunnel.capture.SpillLimits}; its classifier is not used).
     */
    public static ReadSummary analyze(Path file, AnalysisOptions options, OpenOptions reading, ModelUpdater updater,
            AnalysisProgress progress) throws IOException {
        IncrementalAnalysis analysis = new IncrementalAnalysis(options, updater);
        ReadSummary summary = CaptureReader.read(file, (PacketView p) -> {
            analysis.packet(p);
            long frame = p.index() + 1;
            if ((frame & (PROGRESS_EVERY - 1)) == 0) {
                progress.packets(frame);
                return !progress.cancelled();
            }
            return true;
        }, reading);
        analysis.finish(file.getFileName().toString(), summary.warnings());
        return summary;
    }
}

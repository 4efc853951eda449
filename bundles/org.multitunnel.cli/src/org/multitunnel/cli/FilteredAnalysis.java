package org.multitunnel.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.multitunnel.analysis.AnalysisOptions;
import org.multitunnel.analysis.IncrementalAnalysis;
import org.multitunnel.capture.CaptureReader;
import org.multitunnel.capture.PacketView;
import org.multitunnel.capture.ReadSummary;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.wire.dissect.PacketDissector;

/**
 * {@code analyze -Y}: the analysis of only the packets a display filter keeps, in one streaming pass. Every packet
 * is dissected for the filter (the price of {@code -Y}); matching ones go to the same {@link IncrementalAnalysis}
 * the unfiltered analysis uses, under their original frame numbers. The session keeps describing the whole capture
 * (packets, bytes, first and last time); how many packets were analysed is returned for the output to say.
 */
final class FilteredAnalysis {
    /** What the pass read, and the packets (and their on-the-wire bytes) that matched. */
    record Result(ReadSummary read, long packets, long bytes) {
    }

    private FilteredAnalysis() {
    }

    static Result run(Path file, PacketFilter filter, AnalysisOptions options, ModelUpdater updater)
            throws IOException {
        IncrementalAnalysis analysis = new IncrementalAnalysis(options, updater);
        PacketDissector dissector = options.mip().dissector();
        // total packets, total bytes, earliest time, latest time, previous packet's time, matched packets, matched
        // bytes, first packet's time
        long[] n = { 0, 0, Long.MAX_VALUE, Long.MIN_VALUE, 0, 0, 0, 0 };
        ReadSummary read = CaptureReader.read(file, (PacketView p) -> {
            long t = p.timestampNanos();
            long number = p.index() + 1;
            if (number == 1) {
                n[4] = t;
                n[7] = t;
            }
            n[0]++;
            n[1] += p.originalLength();
            n[2] = Math.min(n[2], t);
            n[3] = Math.max(n[3], t);
            FrameFields.Frame frame = new FrameFields.Frame(number, t, n[7], n[4], p.originalLength(),
                    p.capturedLength(), dissector.dissect(p.linkType(), p.slice()));
            if (filter.matches(frame)) {
                analysis.packet(p);
                n[5]++;
                n[6] += p.originalLength();
            }
            n[4] = t;
            return true;
        });
        String name = file.getFileName().toString();
        analysis.finish(name, read.warnings());
        updater.describeCapture(name, n[0], n[1], n[0] == 0 ? 0 : n[2], n[0] == 0 ? 0 : n[3]);
        return new Result(read, n[5], n[6]);
    }
}

package org.multitunnel.cli;

import java.io.IOException;

import org.multitunnel.analysis.AnalysisOptions;
import org.multitunnel.analysis.IncrementalAnalysis;
import org.multitunnel.capture.OpenOptions;
import org.multitunnel.capture.PacketView;
import org.multitunnel.capture.ReadSummary;
import org.multitunnel.model.ModelUpdater;

/**
 * {@code analyze -Y} (and {@code analyze -}, which the file-based {@code CaptureAnalyzer} cannot read): the
 * analysis of the packets a display filter keeps — all of them without one — in one streaming pass. The filter
 * dissects only where the headers do not decide; matching packets go to the same {@link IncrementalAnalysis} the
 * unfiltered analysis uses, under their original frame numbers. The session keeps describing the whole capture
 * (packets, bytes, first and last time); how many packets were analysed is returned for the output to say.
 */
final class FilteredAnalysis {
    /** What the pass read, and the packets (and their on-the-wire bytes) that matched. */
    record Result(ReadSummary read, long packets, long bytes) {
    }

    private FilteredAnalysis() {
    }

    /** {@code name} is the capture's name in the session; {@code filter} null analyses every packet. */
    static Result run(CaptureInput in, String name, PacketFilter filter, AnalysisOptions options, OpenOptions reading,
            ModelUpdater updater) throws IOException, CliException {
        IncrementalAnalysis analysis = new IncrementalAnalysis(options, updater);
        // total packets, total bytes, earliest time, latest time, matched packets, matched bytes
        long[] n = { 0, 0, Long.MAX_VALUE, Long.MIN_VALUE, 0, 0 };
        ReadSummary read = in.read((PacketView p) -> {
            long t = p.timestampNanos();
            n[0]++;
            n[1] += p.originalLength();
            n[2] = Math.min(n[2], t);
            n[3] = Math.max(n[3], t);
            if (filter == null || filter.matches(p)) {
                analysis.packet(p);
                n[4]++;
                n[5] += p.originalLength();
            }
            return true;
        }, reading);
        analysis.finish(name, read.warnings());
        updater.describeCapture(name, n[0], n[1], n[0] == 0 ? 0 : n[2], n[0] == 0 ? 0 : n[3]);
        return new Result(read, n[4], n[5]);
    }
}

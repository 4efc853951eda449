package org.multitunnel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.CaptureReader;
import org.multitunnel.capture.ParallelReader;
import org.multitunnel.capture.synth.ScenarioSpec;
import org.multitunnel.capture.synth.ScenarioSynthesizer;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.MultitunnelFactory;
import org.multitunnel.model.export.AnalysisJson;

/**
 * The parallel analysis gives the same document whatever the number of threads — the same bindings, findings
 * (frame numbers included), tunnels, series and flows as the packet-by-packet analysis a live capture runs — because
 * chunks are split at proven record boundaries, merged in file order and replayed through the same code.
 */
class ThreadCountInvarianceTest {
    /** Small chunks, so a capture of a few hundred KiB is split into as many chunks as threads. */
    private static final long TINY_CHUNKS = 4096;

    @TempDir
    Path dir;

    @Test
    void oneToFourThreadsAndTheLiveAnalysisProduceTheSameJson() throws Exception {
        // churn (every registration moves a BID), flow bindings, flows that change tunnels, unbound data, expiry:
        // lifetime 6 s re-registered every 4 s over 14 s, TLS/RTP traffic
        Path capture = dir.resolve("mixed.pcap");
        ScenarioSynthesizer.writeCapture(ScenarioSpec.demo().withMobileNodes(6).withSeconds(14).withLifetime(6)
                .withPacketsPerSecond(300).withTraffic(ScenarioSpec.Traffic.MIXED), capture,
                ScenarioSynthesizer.Format.PCAP);
        assertTrue(Files.size(capture) > 8 * TINY_CHUNKS, "capture too small to split: " + Files.size(capture));

        String live = live(capture);
        for (int threads = 1; threads <= 4; threads++) {
            CaptureSession s = MultitunnelFactory.eINSTANCE.createCaptureSession();
            CaptureAnalyzer.analyze(capture, AnalysisOptions.defaults(), new ModelUpdater(s), AnalysisProgress.NONE,
                    threads, TINY_CHUNKS);
            assertEquals(live, AnalysisJson.toJson(s), threads + " thread(s)");
        }
        ParallelReader.Result<?> r = ParallelReader.read(capture, 4, TINY_CHUNKS,
                org.multitunnel.capture.OpenOptions.defaults(), c -> p -> true);
        assertTrue(r.parallel(), "the capture was really split");
        assertEquals(4, r.chunks().size());
    }

    @Test
    void aRegistrationChurnCaptureIsAnalysedAlikeOnOneAndTwoThreads() throws Exception {
        Path capture = dir.resolve("churn.pcap");
        org.multitunnel.capture.synth.ChurnSynthesizer.write(capture, 3, 400, 17, 2);
        String live = live(capture);
        for (int threads = 1; threads <= 2; threads++) {
            CaptureSession s = MultitunnelFactory.eINSTANCE.createCaptureSession();
            CaptureAnalyzer.analyze(capture, AnalysisOptions.defaults(), new ModelUpdater(s), AnalysisProgress.NONE,
                    threads, TINY_CHUNKS);
            assertEquals(live, AnalysisJson.toJson(s), threads + " thread(s)");
        }
    }

    /** The packet-by-packet analysis of a live capture over the same file. */
    private static String live(Path capture) throws Exception {
        CaptureSession s = MultitunnelFactory.eINSTANCE.createCaptureSession();
        IncrementalAnalysis a = new IncrementalAnalysis(AnalysisOptions.defaults(), new ModelUpdater(s));
        var read = CaptureReader.read(capture, p -> {
            a.packet(p);
            return true;
        });
        a.finish(capture.getFileName().toString(), read.warnings());
        return AnalysisJson.toJson(s);
    }
}

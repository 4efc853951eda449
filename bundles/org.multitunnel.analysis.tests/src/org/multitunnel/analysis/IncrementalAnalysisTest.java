package org.multitunnel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.capture.CaptureReader;
import org.multitunnel.capture.ReadSummary;
import org.multitunnel.model.Binding;
import org.multitunnel.model.BindingState;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.MobileNode;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.MultitunnelFactory;
import org.multitunnel.model.Tunnel;
import org.multitunnel.model.export.AnalysisJson;

/**
 * The analysis fed packet by packet with running totals published in between, as a live capture does: what it
 * shows midway is the prefix's truth (without the series bucket still filling), and at the end the session is the
 * one the whole-file analysis produces.
 */
class IncrementalAnalysisTest {
    private static final Path DEMO = Path.of("../../test-captures/demo-multipath.pcapng");
    private static final int PUBLISH_EVERY = 500;

    @Test
    void publishingWhileFeedingShowsThePrefixAndEndsLikeTheFileAnalysis() throws Exception {
        assertTrue(Files.isRegularFile(DEMO), "demo capture missing: " + DEMO.toAbsolutePath());
        CaptureSession whole = MultitunnelFactory.eINSTANCE.createCaptureSession();
        CaptureAnalyzer.analyze(DEMO, AnalysisOptions.defaults(), new ModelUpdater(whole), AnalysisProgress.NONE);

        CaptureSession live = MultitunnelFactory.eINSTANCE.createCaptureSession();
        IncrementalAnalysis analysis = new IncrementalAnalysis(AnalysisOptions.defaults(), new ModelUpdater(live));
        List<Long> tunnelledPacketsAtPublish = new ArrayList<>();
        List<Long> packetsAtPublish = new ArrayList<>();
        long interval = AnalysisOptions.defaults().intervalNanos();
        long[] newest = { 0 };
        List<String> openBuckets = new ArrayList<>();
        long[] shownBuckets = { 0 };
        ReadSummary summary = CaptureReader.read(DEMO, p -> {
            analysis.packet(p);
            newest[0] = Math.max(newest[0], p.timestampNanos());
            if ((p.index() + 1) % PUBLISH_EVERY == 0) {
                analysis.publish("demo", 0);
                packetsAtPublish.add(live.getPackets());
                long tunnelled = 0;
                long filling = Math.floorDiv(newest[0], interval) * interval;
                for (Tunnel t : live.getTunnels()) {
                    tunnelled += t.getToCareOfPackets() + t.getToHomeAgentPackets();
                    long[] times = t.getSeries().getTimes();
                    shownBuckets[0] += times.length;
                    if (times.length > 0 && times[times.length - 1] >= filling) {
                        openBuckets.add(t.getCareOfAddress() + " at packet " + (p.index() + 1));
                    }
                }
                tunnelledPacketsAtPublish.add(tunnelled);
            }
            return true;
        });
        assertEquals(List.of(500L, 1000L, 1500L, 2000L, 2500L), packetsAtPublish);
        assertEquals(List.of(), openBuckets, "the bucket still filling is not shown before the end");
        assertTrue(shownBuckets[0] > 0, "the closed buckets are shown while feeding");
        for (int i = 1; i < tunnelledPacketsAtPublish.size(); i++) {
            assertTrue(tunnelledPacketsAtPublish.get(i) > tunnelledPacketsAtPublish.get(i - 1),
                    "tunnel traffic grows between publications: " + tunnelledPacketsAtPublish);
        }
        assertTrue(live.getMobileNodes().size() == 3, "bindings appear as their registrations arrive");
        analysis.finish(DEMO.getFileName().toString(), summary.warnings());

        assertEquals(AnalysisJson.toJson(whole), AnalysisJson.toJson(live));
    }

    @Test
    void publishingWithTheClockExpiresBindingsWhoseLifetimeRanOut() throws Exception {
        CaptureSession session = MultitunnelFactory.eINSTANCE.createCaptureSession();
        IncrementalAnalysis analysis = new IncrementalAnalysis(AnalysisOptions.defaults(),
                new ModelUpdater(session));
        long[] last = { 0 };
        CaptureReader.read(DEMO, p -> {
            analysis.packet(p);
            last[0] = Math.max(last[0], p.timestampNanos());
            return true;
        });
        analysis.publish("demo", last[0]);
        int activeBefore = active(session);
        assertTrue(activeBefore > 0, "the demo ends with active bindings");
        analysis.publish("demo", last[0] + 2_000L * 1_000_000_000L); // 2000 s later: past every granted lifetime
        assertEquals(0, active(session));
        assertEquals(last[0] + 2_000L * 1_000_000_000L, session.getEnd());
    }

    private static int active(CaptureSession s) {
        int n = 0;
        for (MobileNode mn : s.getMobileNodes()) {
            for (Binding b : mn.getBindings()) {
                if (b.getState() == BindingState.ACTIVE) {
                    n++;
                }
            }
        }
        return n;
    }
}

package org.multitunnel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.synth.MipPortMover;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.MultitunnelFactory;
import org.multitunnel.model.Tunnel;
import org.multitunnel.wire.JsonReader;
import org.multitunnel.wire.dissect.MipConfig;
import org.multitunnel.wire.fast.MipPorts;

/**
 * The Mobile IP port is an analysis option: the demo capture with its signalling moved from UDP 434 to 4434 yields
 * the ground truth's nodes, bindings and tunnels when 4434 is configured, and no bindings with the default port.
 */
class MipPortOptionTest {
    private static final Path DEMO = Path.of("../../test-captures/demo-multipath.pcapng");

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    @Test
    void signallingOnAConfiguredPortIsAnalysedLike434() throws Exception {
        Path moved = dir.resolve("demo-4434.pcap");
        int movedPackets = MipPortMover.move(DEMO, moved, 4434);
        Map<String, Object> truth = (Map<String, Object>) JsonReader
                .parse(Files.readString(DEMO.resolveSibling("demo-multipath.expected.json")));
        long requests = ((Number) truth.get("requests")).longValue();
        long replies = ((Number) truth.get("replies")).longValue();
        assertTrue(movedPackets >= requests + replies, "moved " + movedPackets + " Mobile IP packets");
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) truth.get("mobileNodes");
        int bindings = 0;
        for (Map<String, Object> n : nodes) {
            bindings += ((List<Object>) n.get("bindings")).size();
        }

        CaptureSession configured = analyze(moved, new MipConfig(MipPorts.of(434, 4434), 124, 125));
        assertEquals(nodes.size(), configured.getMobileNodes().size());
        assertEquals(bindings, configured.getMobileNodes().stream().mapToInt(n -> n.getBindings().size()).sum());
        List<Map<String, Object>> tunnels = (List<Map<String, Object>>) truth.get("tunnels");
        assertEquals(tunnels.size(), configured.getTunnels().size());
        for (Tunnel t : configured.getTunnels()) {
            assertEquals(1, t.getHomeAddresses().size(), "tunnel to " + t.getCareOfAddress() + " has its node");
        }

        CaptureSession byDefault = analyze(moved, MipConfig.defaults());
        assertEquals(0, byDefault.getMobileNodes().size(), "UDP 4434 is not Mobile IP by default");
    }

    private static CaptureSession analyze(Path file, MipConfig mip) throws Exception {
        CaptureSession session = MultitunnelFactory.eINSTANCE.createCaptureSession();
        CaptureAnalyzer.analyze(file, AnalysisOptions.defaults().withMip(mip), new ModelUpdater(session),
                AnalysisProgress.NONE);
        return session;
    }
}

package org.multitunnel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.capture.synth.MipPortMover;
import org.multitunnel.capture.write.PcapngWriter;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.MultitunnelFactory;
import org.multitunnel.model.Tunnel;
import org.multitunnel.wire.JsonReader;
import org.multitunnel.wire.dissect.MipConfig;
import org.multitunnel.wire.fast.MipPorts;

/**
 * The Mobile IP port is an analysis option: the demo capture with its signalling moved from UDP 434 to 4435 (a pcap:
 * no comment records the port) yields the ground truth's nodes, bindings and tunnels when 4435 is configured, and
 * no bindings with the default ports (434 and 4434).
 */
class MipPortOptionTest {
    private static final Path DEMO = Path.of("../../test-captures/demo-multipath.pcapng");

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    @Test
    void signallingOnAConfiguredPortIsAnalysedLike434() throws Exception {
        Path moved = dir.resolve("demo-4435.pcap");
        int movedPackets = MipPortMover.move(DEMO, moved, 4435);
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

        CaptureSession configured = analyze(moved, new MipConfig(MipPorts.of(434, 4435), 124, 125));
        assertEquals(nodes.size(), configured.getMobileNodes().size());
        assertEquals(bindings, configured.getMobileNodes().stream().mapToInt(n -> n.getBindings().size()).sum());
        List<Map<String, Object>> tunnels = (List<Map<String, Object>>) truth.get("tunnels");
        assertEquals(tunnels.size(), configured.getTunnels().size());
        for (Tunnel t : configured.getTunnels()) {
            assertEquals(1, t.getHomeAddresses().size(), "tunnel to " + t.getCareOfAddress() + " has its node");
        }

        CaptureSession byDefault = analyze(moved, MipConfig.defaults());
        assertEquals(0, byDefault.getMobileNodes().size(), "UDP 4435 is not Mobile IP by default");
    }

    @Test
    void signallingOnAPortTheFileRecordsIsAnalysedWithTheDefaultSetting() throws Exception {
        Path moved = dir.resolve("demo-4435.pcap");
        MipPortMover.move(DEMO, moved, 4435);
        Path recorded = dir.resolve("demo-4435.pcapng");
        try (CaptureFile in = CaptureFile.open(moved);
                PcapngWriter out = PcapngWriter.create(recorded, "moved demo", List.of(4435), false)) {
            int itf = out.addInterface(in.linkType(0), 0, null);
            for (int i = 0; i < in.packetCount(); i++) {
                out.write(itf, in.timestampNanos(i), in.packet(i), in.originalLength(i));
            }
        }
        CaptureSession original = analyze(DEMO, MipConfig.defaults());
        CaptureSession session = analyze(recorded, MipConfig.defaults());
        assertTrue(original.getMobileNodes().size() > 0);
        assertEquals(original.getMobileNodes().size(), session.getMobileNodes().size());
        assertEquals(original.getTunnels().size(), session.getTunnels().size());
        assertEquals(original.getFindings().size(), session.getFindings().size(),
                "the same findings as on 434: " + session.getFindings());
    }

    private static CaptureSession analyze(Path file, MipConfig mip) throws Exception {
        CaptureSession session = MultitunnelFactory.eINSTANCE.createCaptureSession();
        CaptureAnalyzer.analyze(file, AnalysisOptions.defaults().withMip(mip), new ModelUpdater(session),
                AnalysisProgress.NONE);
        return session;
    }
}

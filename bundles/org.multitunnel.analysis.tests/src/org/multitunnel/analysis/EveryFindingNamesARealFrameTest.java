package org.multitunnel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.multitunnel.capture.NotACaptureFileException;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.Finding;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.MultitunnelFactory;

/**
 * The audit behind "every finding names a real frame": the whole analysis over every capture the project holds
 * (the synthesized scenarios with flow splits and flow bindings, and the public hostile captures with damaged
 * files and malformed packets) yields no finding at frame 0 or beyond the last packet, whatever its rule.
 */
class EveryFindingNamesARealFrameTest {
    @Test
    void noFindingOfAnyCapturePointsAtFrameZeroOrPastTheEnd() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of("../../test-captures"))) {
            files = s.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(pcap|pcapng|gz)$"))
                    .sorted().toList();
        }
        assertTrue(files.size() > 20, "test-captures not found from " + Path.of("").toAbsolutePath());
        List<String> wrong = new ArrayList<>();
        TreeSet<String> rules = new TreeSet<>();
        int findings = 0;
        for (Path f : files) {
            CaptureSession session = MultitunnelFactory.eINSTANCE.createCaptureSession();
            try {
                CaptureAnalyzer.analyze(f, AnalysisOptions.defaults(), new ModelUpdater(session),
                        AnalysisProgress.NONE);
            } catch (NotACaptureFileException e) {
                continue; // not a capture at all: nothing analysed, nothing to point at
            }
            for (Finding x : session.getFindings()) {
                findings++;
                rules.add(x.getRule());
                if (x.getFrame() < 1 || (session.getPackets() > 0 && x.getFrame() > session.getPackets())) {
                    wrong.add(f.getFileName() + ": frame " + x.getFrame() + " of " + session.getPackets() + " "
                            + x.getRule() + " " + x.getMessage());
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(findings > 0 && rules.contains(AnalysisRules.FLOW_SPLIT), "the captures exercise the "
                + "capture-wide rules too: " + rules);
    }
}

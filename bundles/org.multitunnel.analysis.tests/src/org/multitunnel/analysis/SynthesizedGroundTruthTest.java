package org.multitunnel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.multitunnel.capture.synth.ScenarioSpec;
import org.multitunnel.capture.synth.ScenarioSynthesizer;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.MultitunnelFactory;
import org.multitunnel.model.export.AnalysisJson;
import org.multitunnel.wire.JsonReader;
import org.multitunnel.wire.dissect.MipConfig;

/**
 * {@code analyze} against the synthesizer's ground truth: every capture in test-captures/ that has an
 * {@code .expected.json} was written by the traffic synthesizer, which tallied what it wrote (bindings it
 * registered, packets and bytes per tunnel and direction, series buckets) without reading the capture back. The
 * analyzer must reconstruct exactly that.
 */
class SynthesizedGroundTruthTest {
    private static final Path CAPTURES = Path.of("../../test-captures");

    static Stream<Path> captures() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(CAPTURES)) {
            s.filter(p -> p.getFileName().toString().endsWith(".expected.json")).sorted().forEach(out::add);
        }
        assertFalse(out.isEmpty(), "no synthesized captures in " + CAPTURES.toAbsolutePath());
        return out.stream();
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @MethodSource("captures")
    void analysisEqualsTheSynthesizersGroundTruth(Path expectedFile) throws Exception {
        Map<String, Object> expected = (Map<String, Object>) JsonReader.parse(Files.readString(expectedFile));
        Path capture = CAPTURES.resolve((String) expected.get("file"));
        assertTrue(Files.isRegularFile(capture), capture.toString());
        assertAnalysisEquals(expected, capture, AnalysisOptions.defaults());
    }

    /**
     * A scenario synthesized with its Mobile IP on UDP 4435 (as a test bed's agent would run): written as pcapng it
     * records the port and is analysed into its ground truth with the default setting; written as pcap it needs
     * the setting to name 4435, and without it no node is found.
     */
    @SuppressWarnings("unchecked")
    @Test
    void aScenarioOnAnotherPortEqualsItsGroundTruth(@TempDir Path dir) throws Exception {
        ScenarioSpec spec = ScenarioSpec.demo().withSeconds(20).withMipPort(4435);
        Path ng = dir.resolve("port-4435.pcapng");
        ScenarioSynthesizer.write(spec, ng, ScenarioSynthesizer.Format.PCAPNG);
        Map<String, Object> truth = (Map<String, Object>) JsonReader.parse(
                Files.readString(ScenarioSynthesizer.expectedJsonPath(ng)));
        for (Map<String, Object> t : (List<Map<String, Object>>) truth.get("tunnels")) {
            if ("udp".equals(t.get("encapsulation"))) {
                assertEquals(BigDecimal.valueOf(4435), ((Map<String, Object>) t.get("udpPorts")).get("homeAgent"));
            }
        }
        assertAnalysisEquals(truth, ng, AnalysisOptions.defaults());

        Path pcap = dir.resolve("port-4435.pcap");
        ScenarioSynthesizer.write(spec, pcap, ScenarioSynthesizer.Format.PCAP);
        assertAnalysisEquals(truth, pcap,
                AnalysisOptions.defaults().withMip(MipConfig.defaults().withMorePorts(List.of(4435))));
        CaptureSession none = MultitunnelFactory.eINSTANCE.createCaptureSession();
        CaptureAnalyzer.analyze(pcap, AnalysisOptions.defaults(), new ModelUpdater(none), AnalysisProgress.NONE);
        assertEquals(0, none.getMobileNodes().size(), "a pcap names no port: 4435 is not Mobile IP by default");
    }

    @SuppressWarnings("unchecked")
    private static void assertAnalysisEquals(Map<String, Object> expected, Path capture, AnalysisOptions options)
            throws Exception {
        CaptureSession session = MultitunnelFactory.eINSTANCE.createCaptureSession();
        CaptureAnalyzer.analyze(capture, options.withInterval(seconds(expected.get("intervalSeconds"))),
                new ModelUpdater(session), AnalysisProgress.NONE);
        Map<String, Object> actual = (Map<String, Object>) JsonReader.parse(AnalysisJson.toJson(session));

        assertEquals(number(expected.get("packets")), number(actual.get("packets")), "packets");
        List<Map<String, Object>> en = (List<Map<String, Object>>) expected.get("mobileNodes");
        List<Map<String, Object>> an = (List<Map<String, Object>>) actual.get("mobileNodes");
        assertEquals(en.size(), an.size(), "mobile nodes");
        for (int i = 0; i < en.size(); i++) {
            Map<String, Object> e = en.get(i);
            Map<String, Object> a = an.get(i);
            for (String k : List.of("homeAddress", "homeAgent", "nai")) {
                assertEquals(e.get(k), a.get(k), k + " of node " + i);
            }
            assertEquals(e.get("bindings"), a.get("bindings"), "bindings of " + e.get("homeAddress"));
            List<Map<String, Object>> ef = (List<Map<String, Object>>) e.get("flowBindings");
            List<Map<String, Object>> af = (List<Map<String, Object>>) a.get("flowBindings");
            assertEquals(ef.size(), af.size(), "flow bindings of " + e.get("homeAddress"));
            for (int j = 0; j < ef.size(); j++) {
                assertEquals(number(ef.get(j).get("action")), number(af.get(j).get("action")), "action");
                assertEquals(ef.get(j).get("bids"), af.get(j).get("bids"), "bids");
                assertEquals(ef.get(j).get("selector"), af.get(j).get("selector"), "selector");
            }
        }
        List<Map<String, Object>> et = (List<Map<String, Object>>) expected.get("tunnels");
        List<Map<String, Object>> at = (List<Map<String, Object>>) actual.get("tunnels");
        assertEquals(et.size(), at.size(), "tunnels");
        for (int i = 0; i < et.size(); i++) {
            for (String k : List.of("homeAgent", "careOfAddress", "encapsulation", "homeAddresses", "bids",
                    "toCareOf", "toHomeAgent", "series")) {
                assertEquals(et.get(i).get(k), at.get(i).get(k), k + " of tunnel " + et.get(i).get("careOfAddress"));
            }
        }
        Map<String, Object> tx = (Map<String, Object>) actual.get("transactions");
        assertEquals(number(expected.get("requests")), number(tx.get("requests")), "requests");
        assertEquals(number(expected.get("replies")), number(tx.get("replies")), "replies");
    }

    private static long seconds(Object intervalSeconds) {
        return ((BigDecimal) intervalSeconds).multiply(BigDecimal.valueOf(1_000_000_000L)).longValueExact();
    }

    private static Object number(Object o) {
        return o instanceof BigDecimal b ? b.stripTrailingZeros() : o;
    }
}

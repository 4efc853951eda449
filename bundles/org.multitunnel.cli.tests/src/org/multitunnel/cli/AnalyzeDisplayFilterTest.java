package org.multitunnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.JsonReader;

/**
 * {@code analyze -Y}: only the matching packets are analysed, under their own frame numbers, and the output says
 * so — a "filter" key in the JSON (expression, packets, bytes) and a line in the text summary — while the
 * contract's "packets" and "bytes" keep describing the whole capture.
 */
class AnalyzeDisplayFilterTest {
    private static final String DEMO = TestCaptures.DEMO.toString();
    private static final String FOUR = TestCaptures.FOUR_NODES.toString();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String... args) {
        CliRun r = CliRun.main(args);
        assertEquals(0, r.code(), r.toString());
        return (Map<String, Object>) JsonReader.parse(r.out());
    }

    @Test
    void signallingOnlyAnalysisFindsTheSameMobileNodesAndSaysWhatItAnalysed() {
        Map<String, Object> all = json("analyze", FOUR, "--json", "-");
        Map<String, Object> mip = json("analyze", FOUR, "-Y", "mip", "--json", "-");
        // tshark -Y mip on this capture: 176 frames (issue 12); their frame lengths add up to 94419 bytes.
        assertEquals(Map.of("expression", "mip", "packets", new BigDecimal("176"), "bytes", new BigDecimal("94419")),
                mip.get("filter"));
        assertFalse(all.containsKey("filter"));
        for (String key : List.of("packets", "bytes", "start", "end")) {
            assertEquals(all.get(key), mip.get(key), key + " stays the whole capture's");
        }
        assertEquals(all.get("mobileNodes"), mip.get("mobileNodes"), "bindings come from signalling alone");
        assertEquals(List.of("file", "packets", "bytes", "start", "end", "filter", "mobileNodes", "tunnels",
                "transactions", "findings"), new ArrayList<>(mip.keySet()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void dataOnlyAnalysisCountsTheSameTunnelTrafficWithoutBindings() {
        Map<String, Object> all = json("analyze", FOUR, "--json", "-");
        Map<String, Object> gre = json("analyze", FOUR, "-Y", "gre", "--json", "-");
        assertEquals(new BigDecimal("334"), ((Map<String, Object>) gre.get("filter")).get("packets"));
        assertEquals(List.of(), gre.get("mobileNodes"), "no signalling analysed, so no mobile node");
        List<Map<String, Object>> greTunnels = (List<Map<String, Object>>) gre.get("tunnels");
        assertEquals(4, greTunnels.size());
        for (Map<String, Object> t : greTunnels) {
            Map<String, Object> same = ((List<Map<String, Object>>) all.get("tunnels")).stream()
                    .filter(u -> u.get("careOfAddress").equals(t.get("careOfAddress"))
                            && u.get("encapsulation").equals("gre"))
                    .findFirst().orElseThrow();
            assertEquals(same.get("toCareOf"), t.get("toCareOf"), t.toString());
            assertEquals(same.get("toHomeAgent"), t.get("toHomeAgent"), t.toString());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void findingsOfAFilteredAnalysisNameTheOriginalFrames() {
        // Replies only: each is a reply matching no request, reported at its own frame of the capture (2, 4, ...).
        Map<String, Object> replies = json("analyze", DEMO, "-Y", "mip.type == 3", "--json", "-");
        List<Object> frames = ((List<Map<String, Object>>) replies.get("findings")).stream()
                .filter(f -> f.get("rule").equals("RFC5944-3.8.3-ORPHAN-REPLY")).map(f -> f.get("frame")).toList();
        List<Object> replyFrames = CliRun.main("decode", DEMO, "-Y", "mip.type == 3", "-T", "fields", "-e",
                "frame.number").lines().stream().map(s -> (Object) new BigDecimal(s)).toList();
        assertEquals(9, replyFrames.size());
        assertEquals(replyFrames, frames);
    }

    @Test
    void textSummarySaysHowManyPacketsWereAnalysed() {
        CliRun r = CliRun.main("analyze", DEMO, "-Y", "mip.type == 3");
        assertEquals(0, r.code(), r.toString());
        assertEquals(List.of("demo-multipath.pcapng: 2968 packets, 1881642 bytes",
                "display filter mip.type == 3: analysed 9 of 2968 packets (764 bytes); what follows describes only "
                        + "those"), r.lines().subList(0, 2));
        assertTrue(CliRun.main("analyze", DEMO).lines().stream().noneMatch(l -> l.startsWith("display filter")));
    }
}

package org.multitunnel.ui.testbed.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.agent.ha.HomeAgent;
import org.multitunnel.agent.ha.HomeAgentConfig;
import org.multitunnel.agent.replay.CaptureRegistrations;
import org.multitunnel.agent.replay.CapturedRegistration;
import org.multitunnel.ui.prefs.KeyEntry;
import org.multitunnel.ui.testbed.replay.ReplayPreview;

/**
 * The Replay part against a home agent started here on a free loopback port: the registration requests of a
 * committed scenario capture are listed with the reply codes the capture holds (as its .expected.json records
 * them), replayed re-signed with the stored keys of their SPIs, and the new codes stand next to the captured ones.
 */
class ReplayPartTest {
    private static final Path CAPTURES = Path.of("../../test-captures");

    @TempDir
    Path dir;

    /** The reply codes of the capture's registrations, in order, from its expected JSON. */
    private static List<Integer> expectedCodes(String name) throws Exception {
        String json = Files.readString(CAPTURES.resolve(name + ".expected.json"));
        int at = json.indexOf("\"registrations\"");
        assertTrue(at > 0, name + ".expected.json has no registrations");
        String regs = json.substring(at, json.indexOf(']', json.indexOf('[', at)) + 1);
        List<Integer> codes = new ArrayList<>();
        Matcher m = Pattern.compile("\"code\": (\\d+)").matcher(regs);
        while (m.find()) {
            codes.add(Integer.parseInt(m.group(1)));
        }
        Matcher rq = Pattern.compile("\"requests\": (\\d+)").matcher(json);
        assertTrue(rq.find());
        assertEquals(Integer.parseInt(rq.group(1)), codes.size(), "every request of " + name + " is a registration");
        return codes;
    }

    /** The SPIs the capture's requests are signed with (the agent and the key store get a key for each). */
    private static TreeSet<Long> spis(Path capture) throws Exception {
        TreeSet<Long> out = new TreeSet<>();
        for (CapturedRegistration c : CaptureRegistrations.read(capture)) {
            out.add(ReplayPreview.spi(c.request()));
        }
        return out;
    }

    private static HomeAgent agent(TreeSet<Long> spis, byte[] key) throws Exception {
        HomeAgentConfig.Builder b = HomeAgentConfig.builder().listen(new InetSocketAddress("127.0.0.1", 0));
        for (long spi : spis) {
            b.key((int) spi, key);
        }
        return HomeAgent.start(b.build());
    }

    private static List<KeyEntry> entries(TreeSet<Long> spis, byte[] key) {
        return spis.stream().map(s -> PartHarness.entry(s, key)).toList();
    }

    private static String target(HomeAgent ha) {
        return "127.0.0.1:" + ha.localAddress().getPort();
    }

    private static void loadAndWait(PartHarness h, ReplayPart part, Path capture, int rows) throws Exception {
        part.load(capture).join();
        h.await(5000, () -> part.requestTable().getItemCount() == rows, rows + " rows");
    }

    @Test
    void timedReplayOfAScenarioCaptureGetsTheCapturedCodesBack() throws Exception {
        String name = "scenario-reregistration";
        Path capture = CAPTURES.resolve(name + ".pcap");
        List<Integer> expected = expectedCodes(name);
        TreeSet<Long> spis = spis(capture);
        byte[] key = PartHarness.randomKey();
        try (HomeAgent ha = agent(spis, key); PartHarness h = new PartHarness(dir, entries(spis, key))) {
            ReplayPart part = h.make(ReplayPart.class);
            loadAndWait(h, part, capture, expected.size());
            TableItem[] rows = part.requestTable().getItems();
            for (int i = 0; i < rows.length; i++) {
                assertEquals(String.valueOf(expected.get(i)), rows[i].getText(ReplayPart.COL_CAPTURED), "row " + i);
                assertTrue(rows[i].getChecked(), "every request is picked by default");
            }
            part.selectKey(0); // the stored key of each captured SPI
            part.setTarget(target(ha));
            part.setStepwise(false, 20.0); // the capture's 8 s of requests in 0.4 s
            List<CapturedRegistration> regs = CaptureRegistrations.read(capture);
            long span = regs.get(regs.size() - 1).timestampNanos() - regs.get(0).timestampNanos();
            long t0 = System.nanoTime();
            assertTrue(part.run() != null, part.statusText());
            h.await(30_000, () -> part.job() == null && !rows[rows.length - 1].getText(ReplayPart.COL_REPLAYED)
                    .isEmpty(), "the replay to end");
            assertTrue(System.nanoTime() - t0 >= span / 20, "the capture's spacing, 20 times faster");
            for (int i = 0; i < rows.length; i++) {
                assertEquals(rows[i].getText(ReplayPart.COL_CAPTURED), rows[i].getText(ReplayPart.COL_REPLAYED),
                        "row " + i + " new code equals captured code");
                assertEquals("match", rows[i].getText(ReplayPart.COL_RESULT));
                assertEquals(RunSupport.PASS, rows[i].getBackground());
            }
            assertEquals(expected.size(), ha.requestCount(), "one request per picked row reached the agent");
            assertTrue(part.statusText().contains(expected.size() + " compared, 0 mismatches"), part.statusText());
            String json = Files.readString(part.exportTo(dir.resolve("replay.json")));
            assertTrue(json.endsWith("\"compared\": " + expected.size() + ", \"mismatches\": 0}\n"), json);
            assertFalse(json.contains(java.util.HexFormat.of().formatHex(key)), "the key is never exported");
        }
    }

    @Test
    void stepSendsOnePickedRequestAtATimeRewrittenByTheMap() throws Exception {
        String name = "scenario-two-nodes";
        Path capture = CAPTURES.resolve(name + ".pcap");
        List<CapturedRegistration> regs = CaptureRegistrations.read(capture);
        TreeSet<Long> spis = spis(capture);
        byte[] key = PartHarness.randomKey();
        String hoa = regs.get(0).request().homeAddress();
        try (HomeAgent ha = agent(spis, key); PartHarness h = new PartHarness(dir, entries(spis, key))) {
            ReplayPart part = h.make(ReplayPart.class);
            loadAndWait(h, part, capture, regs.size());
            TableItem[] rows = part.requestTable().getItems();
            for (int i = 2; i < rows.length; i++) {
                rows[i].setChecked(false); // pick the first two
            }
            assertTrue(part.addMapping(hoa, "10.99.0.1"));
            assertFalse(part.addMapping("10.1.0.1", "not-an-address"));
            assertEquals(hoa + " → 10.99.0.1", rows[0].getText(ReplayPart.COL_HOA), "preview of the rewrite");
            part.selectKey(0);
            part.setTarget(target(ha));
            part.setStepwise(true, 1.0);

            part.run();
            h.await(10_000, () -> part.job() == null && !rows[0].getText(ReplayPart.COL_REPLAYED).isEmpty(), "step 1");
            assertEquals("", rows[1].getText(ReplayPart.COL_REPLAYED), "the second request waits for Step");
            assertEquals(1, ha.requestCount());
            assertEquals(1, ha.bindings("10.99.0.1").size(), "the agent saw the rewritten home address");
            assertTrue(ha.bindings(hoa).isEmpty());

            part.run();
            h.await(10_000, () -> part.job() == null && !rows[1].getText(ReplayPart.COL_REPLAYED).isEmpty(), "step 2");
            assertEquals(2, ha.requestCount());
            for (int i = 0; i < 2; i++) {
                assertEquals(String.valueOf(regs.get(i).capturedCode()), rows[i].getText(ReplayPart.COL_REPLAYED));
                assertEquals("match", rows[i].getText(ReplayPart.COL_RESULT));
            }
            assertEquals("", rows[2].getText(ReplayPart.COL_REPLAYED), "unpicked rows are not sent");
            assertTrue(part.statusText().contains("2 of 2 replayed"), part.statusText());
        }
    }

    @Test
    void anAgentWithAnotherKeyShowsMismatchesInRed() throws Exception {
        Path capture = CAPTURES.resolve("scenario-two-nodes.pcap");
        List<CapturedRegistration> regs = CaptureRegistrations.read(capture);
        TreeSet<Long> spis = spis(capture);
        try (HomeAgent ha = agent(spis, PartHarness.randomKey());
                PartHarness h = new PartHarness(dir, entries(spis, PartHarness.randomKey()))) {
            ReplayPart part = h.make(ReplayPart.class);
            loadAndWait(h, part, capture, regs.size());
            TableItem[] rows = part.requestTable().getItems();
            for (int i = 1; i < rows.length; i++) {
                rows[i].setChecked(false);
            }
            part.selectKey(0);
            part.setTarget(target(ha));
            part.setStepwise(false, 0); // back to back
            part.run();
            h.await(10_000, () -> part.job() == null && !rows[0].getText(ReplayPart.COL_REPLAYED).isEmpty(), "replay");
            assertEquals("131", rows[0].getText(ReplayPart.COL_REPLAYED), "RFC 5944 131: failed authentication");
            assertEquals("MISMATCH", rows[0].getText(ReplayPart.COL_RESULT));
            assertEquals(RunSupport.FAIL, rows[0].getBackground());
        }
    }
}

package org.multitunnel.ui.testbed.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.agent.ha.HomeAgent;
import org.multitunnel.agent.ha.HomeAgentConfig;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.ui.testbed.TestbedSession;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Conformance part against reference home agents started here on free loopback ports: a correctly keyed agent
 * passes the chosen scenarios, one with another key fails them (131 where 0 is required), the JUnit export has one
 * testcase per scenario run, and a verdict row opens exactly that scenario's packets.
 */
class ConformancePartTest {
    /** A few scenarios that need the MN-HA key to be accepted. */
    private static final Set<String> RUN = new LinkedHashSet<>(List.of("RFC7629-5.1-MULTI-REG",
            "RFC5944-3.4-IDENT-MATCH", "RFC5944-3.2-AUTH-REQUIRED"));

    @TempDir
    Path dir;

    private static HomeAgent agent(byte[] key) throws Exception {
        return HomeAgent.start(HomeAgentConfig.builder().listen(new InetSocketAddress("127.0.0.1", 0))
                .homeAgentAddress("127.0.0.1").key((int) TestbedSession.BUILT_IN_SPI, key).build());
    }

    /** Runs the RUN scenarios with the stored SPI 4096 (preselected) against {@code ha}; returns the rows run. */
    private static List<TableItem> run(PartHarness h, ConformancePart part, HomeAgent ha) throws Exception {
        part.setTarget("127.0.0.1:" + ha.localAddress().getPort());
        part.checkOnly(RUN);
        assertNotNull(part.run(), part.statusText());
        h.await(60_000, () -> part.job() == null && part.report() != null, "the conformance run");
        List<TableItem> rows = new ArrayList<>();
        for (TableItem it : part.table().getItems()) {
            if (RUN.contains(it.getText(ConformancePart.COL_RULE))) {
                rows.add(it);
            } else {
                assertEquals("", it.getText(ConformancePart.COL_VERDICT), "unchecked scenarios do not run");
            }
        }
        assertEquals(RUN.size(), rows.size());
        return rows;
    }

    private static Element suite(Path xml) throws Exception {
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        return d.getDocumentElement();
    }

    @Test
    void referenceAgentPassesAndTheExportsHaveOneCasePerScenario() throws Exception {
        byte[] key = PartHarness.randomKey();
        try (HomeAgent ha = agent(key);
                PartHarness h = new PartHarness(dir, List.of(PartHarness.entry(TestbedSession.BUILT_IN_SPI, key)))) {
            ConformancePart part = h.make(ConformancePart.class);
            for (TableItem row : run(h, part, ha)) {
                assertEquals("passed", row.getText(ConformancePart.COL_VERDICT),
                        row.getText(ConformancePart.COL_RULE) + ": " + row.getText(ConformancePart.COL_MESSAGE));
                assertEquals(RunSupport.PASS, row.getBackground());
            }
            assertTrue(part.statusText().startsWith(RUN.size() + " passed, 0 failed"), part.statusText());

            Path xml = dir.resolve("conformance.xml");
            part.exportTo(xml);
            Element suite = suite(xml);
            assertEquals("testsuite", suite.getTagName());
            NodeList cases = suite.getElementsByTagName("testcase");
            assertEquals(RUN.size(), cases.getLength(), "one testcase per scenario run");
            Set<String> names = new LinkedHashSet<>();
            for (int i = 0; i < cases.getLength(); i++) {
                names.add(((Element) cases.item(i)).getAttribute("name").split(" ")[0]);
            }
            assertEquals(RUN, names);
            assertEquals("0", suite.getAttribute("failures"));
            Path html = dir.resolve("conformance.html");
            part.exportTo(html);
            String page = Files.readString(html);
            RUN.forEach(id -> assertTrue(page.contains(id), id + " in the HTML report"));

            List<Path> opened = new ArrayList<>();
            part.setCaptureOpener(opened::add);
            Path pcap = part.openPackets("RFC7629-5.1-MULTI-REG");
            assertEquals(List.of(pcap), opened, "the scenario's packets are handed to Analysis");
            try (CaptureFile f = CaptureFile.open(pcap)) {
                // three registrations, each a request and its reply, then probes
                assertTrue(f.packetCount() >= 6 && f.packetCount() % 2 == 0, f.packetCount() + " packets");
            }
        }
    }

    @Test
    void cancelStopsTheRunAfterTheCurrentScenario() throws Exception {
        byte[] key = PartHarness.randomKey();
        try (HomeAgent ha = agent(key);
                PartHarness h = new PartHarness(dir, List.of(PartHarness.entry(TestbedSession.BUILT_IN_SPI, key)))) {
            ConformancePart part = h.make(ConformancePart.class);
            part.setTarget("127.0.0.1:" + ha.localAddress().getPort());
            int all = part.table().getItemCount();
            assertNotNull(part.run(), part.statusText());
            TableItem first = part.table().getItem(0);
            h.await(30_000, () -> first.getText(ConformancePart.COL_VERDICT).equals("passed"), "the first verdict");
            part.cancel();
            h.await(30_000, () -> part.job() == null && part.report() != null, "the cancelled run to end");
            assertTrue(part.report().cancelled());
            assertTrue(part.report().results().size() < all, part.report().results().size() + " of " + all);
            assertTrue(part.statusText().endsWith("(cancelled)"), part.statusText());
        }
    }

    @Test
    void agentWithAnotherKeyFailsTheScenariosThatNeedIt() throws Exception {
        try (HomeAgent ha = agent(PartHarness.randomKey()); PartHarness h = new PartHarness(dir,
                List.of(PartHarness.entry(TestbedSession.BUILT_IN_SPI, PartHarness.randomKey())))) {
            ConformancePart part = h.make(ConformancePart.class);
            for (TableItem row : run(h, part, ha)) {
                assertEquals("failed", row.getText(ConformancePart.COL_VERDICT), row.getText(ConformancePart.COL_RULE));
                assertTrue(row.getText(ConformancePart.COL_MESSAGE).contains("got 131"),
                        row.getText(ConformancePart.COL_MESSAGE));
                assertEquals(RunSupport.FAIL, row.getBackground());
            }
            Path xml = dir.resolve("failed.xml");
            part.exportTo(xml);
            Element suite = suite(xml);
            assertEquals(RUN.size(), suite.getElementsByTagName("testcase").getLength());
            assertEquals(String.valueOf(RUN.size()), suite.getAttribute("failures"));
            assertEquals(RUN.size(), suite.getElementsByTagName("failure").getLength());
        }
    }
}

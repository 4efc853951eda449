package org.multitunnel.agent.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.agent.client.FakeHomeAgent;
import org.multitunnel.agent.ha.HomeAgent;
import org.multitunnel.agent.ha.HomeAgentConfig;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ConformanceSuiteTest {
    private static final int SPI = 0x1001;
    private static final byte[] KEY = "conformance-key-0123".getBytes(StandardCharsets.US_ASCII);
    private static final SecurityAssociation SA = SecurityAssociation.hmacMd5(SPI, KEY);
    private static final String DENIED = "10.77.9.9";
    private static final String NONCE = "10.77.9.8";

    private static HomeAgentConfig.Builder reference() {
        return HomeAgentConfig.builder().listen(new InetSocketAddress("127.0.0.1", 0)).homeAgentAddress("127.0.0.1")
                .key(SPI, KEY).denyMultipath(DENIED).nonceReplay(NONCE);
    }

    private static ConformanceConfig config(InetSocketAddress target) {
        return ConformanceConfig.defaults(target, SA).withDenyMultipathHoa(DENIED).withNonceHoa(NONCE);
    }

    private static String failures(ConformanceReport report) {
        return report.results().stream().filter(r -> !r.passed())
                .map(r -> r.scenario().ruleId() + " " + r.status() + ": " + r.message() + "\n  "
                        + String.join("\n  ", r.steps()))
                .collect(Collectors.joining("\n"));
    }

    private static Set<String> notPassed(ConformanceReport report) {
        return report.results().stream().filter(r -> !r.passed()).map(r -> r.scenario().ruleId())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void referenceHomeAgentPassesEveryScenario(@TempDir Path dir) throws Exception {
        try (HomeAgent ha = HomeAgent.start(reference().build())) {
            ConformanceRunner runner = new ConformanceRunner(config(ha.localAddress()));
            AtomicInteger started = new AtomicInteger();
            AtomicInteger finished = new AtomicInteger();
            ConformanceReport report = runner.run(Scenarios.all(), new ConformanceRunner.ProgressListener() {
                @Override
                public void started(Scenario scenario, int index, int total) {
                    started.incrementAndGet();
                }

                @Override
                public void finished(ScenarioResult result, int index, int total) {
                    finished.incrementAndGet();
                }
            });
            assertEquals(Scenarios.all().size(), report.results().size());
            assertEquals(report.results().size(), started.get());
            assertEquals(report.results().size(), finished.get());
            assertTrue(report.allPassed(), failures(report));
            assertEquals(report.results().size(), report.count(ScenarioResult.Status.PASSED), failures(report));

            Path pcap = dir.resolve("run.pcapng");
            runner.log().writePcapng(pcap, "conformance");
            try (CaptureFile f = CaptureFile.open(pcap)) {
                assertEquals(runner.log().size(), f.packetCount());
                assertTrue(f.packetCount() > 2 * report.results().size(), "requests and replies were logged");
            }
        }
    }

    @Test
    void anAgentThatAcceptsEverythingFailsTheRejectionScenarios() throws Exception {
        try (FakeHomeAgent ha = FakeHomeAgent.alwaysAccepting(SA)) {
            ConformanceReport report = new ConformanceRunner(config(ha.address())).run(Scenarios.all(), null);
            Set<String> expected = new TreeSet<>(List.of("RFC7629-5.1-MULTI-REG", "RFC7629-5.1-PER-BID-REFRESH",
                    "RFC7629-5.1-PER-BID-DEREG", "RFC7629-5.1-BULK-DEREG", "RFC7629-5.2-OVERWRITE",
                    "RFC7629-4.1-B-AND-O", "RFC7629-4.1-O-IN-DEREG", "RFC7629-4.1-AFTER-AUTH",
                    "RFC7629-5.2-REJECT-153", "RFC7629-5.2-REJECT-152", "RFC5944-3.8-HA-CHECKS-AUTH",
                    "RFC5944-5.7.1-IDENT-MISMATCH", "RFC5944-1.11-UNKNOWN-NONSKIPPABLE", "MTS02-5.3-HA-REJECT",
                    "MTS02-4.1-B-AND-O", "MIR-4.2-HA-REJECT-UNAVAIL", "RFC5944-5.7.2-NONCE"));
            assertEquals(expected, notPassed(report), failures(report));
            assertFalse(report.allPassed());
            assertTrue(report.results().stream().filter(r -> !r.passed())
                    .allMatch(r -> r.status() == ScenarioResult.Status.FAILED), failures(report));
        }
    }

    @Test
    void anAgentThatGrantsMoreOrLessLifetimeThanItShouldFailsTheLifetimeScenario() throws Exception {
        for (int inflate : new int[] {1, -5}) {
            try (FakeHomeAgent ha = new FakeHomeAgent(rq -> List.of(org.multitunnel.wire.mip.RegistrationReply
                    .replyTo(rq).code(0).lifetime(Math.max(1, rq.lifetime() + inflate))
                    .authenticate(org.multitunnel.wire.mip.ext.ExtensionTypes.MN_HA_AUTH, SA).build().encode()))) {
                ConformanceReport report = new ConformanceRunner(config(ha.address()))
                        .run(Scenarios.select(List.of("RFC5944-3.8.3.1-LIFETIME")), null);
                assertEquals(1, report.results().size());
                assertEquals(ScenarioResult.Status.FAILED, report.results().get(0).status(), failures(report));
            }
        }
    }

    @Test
    void aReferenceAgentConfiguredToAllowWhatItMustRejectFailsThoseScenarios() throws Exception {
        // no deny-multipath entry although the suite is told DENIED is denied; unequal load refused though claimed;
        // timestamps for NONCE although the suite is told it uses nonces
        HomeAgentConfig lax = HomeAgentConfig.builder().listen(new InetSocketAddress("127.0.0.1", 0))
                .homeAgentAddress("127.0.0.1").key(SPI, KEY).unequalLoadSupport(false).build();
        try (HomeAgent ha = HomeAgent.start(lax)) {
            ConformanceReport report = new ConformanceRunner(config(ha.localAddress())).run(Scenarios.all(), null);
            assertEquals(Set.of("RFC7629-5.2-REJECT-152", "MTS02-5.3-HA-REJECT", "MIR-4.2-HA-REJECT-UNAVAIL",
                    "MIR-4.2-HA-REJECT-UNEQUAL", "RFC5944-5.7.2-NONCE"), notPassed(report), failures(report));
        }
    }

    @Test
    void withoutKeyOrDeniedAddressScenariosAreSkippedNotFailed() throws Exception {
        try (HomeAgent ha = HomeAgent.start(reference().build())) {
            ConformanceConfig c = ConformanceConfig.defaults(ha.localAddress(), null);
            ConformanceReport report = new ConformanceRunner(c).run(Scenarios.select(List.of("RFC7629-5.2-REJECT")),
                    null);
            assertEquals(2, report.results().size());
            assertTrue(report.results().stream().allMatch(r -> r.status() == ScenarioResult.Status.SKIPPED));
            assertTrue(report.allPassed());
        }
    }

    @Test
    void junitXmlIsWellFormedWithOneTestcasePerScenario() throws Exception {
        try (FakeHomeAgent ha = FakeHomeAgent.alwaysAccepting(SA)) {
            List<Scenario> some = Scenarios.select(List.of("RFC5944-", "RFC7629-5.2-REJECT-152"));
            // no denied and no nonce home address: 152 and the nonce scenario are skipped
            ConformanceConfig c = ConformanceConfig.defaults(ha.address(), SA);
            ConformanceReport report = new ConformanceRunner(c).run(some, null);
            String xml = JUnitReport.toXml(report);
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            Element suite = doc.getDocumentElement();
            assertEquals("testsuite", suite.getTagName());
            NodeList cases = suite.getElementsByTagName("testcase");
            assertEquals(some.size(), cases.getLength());
            assertEquals(String.valueOf(some.size()), suite.getAttribute("tests"));
            long failed = report.count(ScenarioResult.Status.FAILED);
            assertEquals(String.valueOf(failed), suite.getAttribute("failures"));
            assertEquals(failed, suite.getElementsByTagName("failure").getLength());
            assertEquals(2, suite.getElementsByTagName("skipped").getLength());
            for (int i = 0; i < cases.getLength(); i++) {
                Element tc = (Element) cases.item(i);
                assertTrue(tc.getAttribute("name").startsWith(some.get(i).ruleId() + " "), tc.getAttribute("name"));
                assertTrue(tc.getAttribute("classname").startsWith("conformance.RFC"));
            }
            String html = HtmlReport.toHtml(report);
            assertTrue(html.contains("<code>RFC5944-3.8-HA-CHECKS-AUTH</code>"));
            assertTrue(html.contains("class=\"FAILED\""));
        }
    }

    @Test
    void cancelStopsTheRunBeforeTheNextScenario() throws Exception {
        try (HomeAgent ha = HomeAgent.start(reference().build())) {
            ConformanceRunner runner = new ConformanceRunner(config(ha.localAddress()));
            ConformanceReport report = runner.run(Scenarios.all(), new ConformanceRunner.ProgressListener() {
                @Override
                public void finished(ScenarioResult result, int index, int total) {
                    if (index == 1) {
                        runner.cancel();
                    }
                }
            });
            assertEquals(2, report.results().size());
            assertTrue(report.cancelled());
            assertFalse(report.allPassed());
        }
    }
}

package org.multitunnel.agent.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.agent.client.ClientOptions;
import org.multitunnel.agent.client.ExchangeLog;
import org.multitunnel.agent.client.RegistrationClient;
import org.multitunnel.agent.client.RegistrationSpec;
import org.multitunnel.agent.conformance.ScenarioSession;
import org.multitunnel.agent.ha.HomeAgent;
import org.multitunnel.agent.ha.HomeAgentConfig;
import org.multitunnel.wire.mip.auth.MapKeyTable;
import org.multitunnel.wire.mip.auth.SecurityAssociation;

class ReplayerTest {
    private static final byte[] KEY = "replay-key".getBytes(StandardCharsets.US_ASCII);
    private static final SecurityAssociation SA = SecurityAssociation.hmacMd5(0x2002, KEY);

    private static HomeAgentConfig.Builder agent(String denied) {
        HomeAgentConfig.Builder b = HomeAgentConfig.builder().listen(new InetSocketAddress("127.0.0.1", 0))
                .key(0x2002, KEY);
        return denied == null ? b : b.denyMultipath(denied);
    }

    private static RegistrationSpec.Builder rq(String hoa, String coa, int lifetime) {
        return RegistrationSpec.builder().lifetime(lifetime).homeAddress(hoa).homeAgent("127.0.0.1")
                .careOfAddress(coa).key(SA);
    }

    /** Records BID 1 and 2 accepted, a Flow Binding naming BID 7 (153) and a denied multipath node (152). */
    private static int record(Path file) throws Exception {
        ExchangeLog log = new ExchangeLog();
        try (HomeAgent ha = HomeAgent.start(agent("10.9.9.9").build())) {
            String[] coas = {"127.0.1.1", "127.0.1.2"};
            for (int bid = 1; bid <= 2; bid++) {
                ClientOptions o = ClientOptions.to(ha.localAddress()).withLog(log)
                        .withSource(InetAddress.getByName(coas[bid - 1]));
                assertEquals(0, new RegistrationClient(o).send(rq("10.9.0.1", coas[bid - 1], 120)
                        .extension(ScenarioSession.mp(bid, bid).build()).build()).code());
            }
            ClientOptions o = ClientOptions.to(ha.localAddress()).withLog(log)
                    .withSource(InetAddress.getByName("127.0.1.1"));
            assertEquals(153, new RegistrationClient(o).send(rq("10.9.0.1", "127.0.1.1", 120)
                    .extension(ScenarioSession.mp(1, 1).build()).extension(ScenarioSession.flowBinding(7)).build())
                    .code());
            assertEquals(152, new RegistrationClient(o).send(rq("10.9.9.9", "127.0.1.1", 120)
                    .extension(ScenarioSession.mp(1, 1).build()).build()).code());
            log.writePcapng(file, "recorded for replay");
            return ha.localAddress().getPort();
        }
    }

    @Test
    void readsRequestsAndPairsThemWithCapturedReplyCodes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rec.pcapng");
        int port = record(file);
        List<CapturedRegistration> regs = CaptureRegistrations.read(file, port);
        assertEquals(4, regs.size());
        assertEquals(List.of(0, 0, 153, 152), regs.stream().map(CapturedRegistration::capturedCode).toList());
        assertEquals(List.of(1L, 3L, 5L, 7L), regs.stream().map(CapturedRegistration::frame).toList());
        assertEquals("127.0.1.2", regs.get(1).source());
        assertEquals(List.of(0, 0, 153, 152), CaptureRegistrations.read(file).stream()
                .map(CapturedRegistration::capturedCode).toList(),
                "the exported log records the agent's port (" + port + "): no Decode As needed");
    }

    @Test
    void replayRewritesResignsAndMatchesEveryCapturedCode(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rec.pcapng");
        int port = record(file);
        List<CapturedRegistration> regs = CaptureRegistrations.read(file, port);
        try (HomeAgent ha = HomeAgent.start(agent("10.8.9.9").build())) {
            ExchangeLog log = new ExchangeLog();
            AddressMap map = new AddressMap().add("10.9.0.1=10.8.0.1").add("10.9.9.9=10.8.9.9");
            ReplayOptions o = new ReplayOptions(ha.localAddress(), map, new MapKeyTable().add(SA), ReplayTiming.ORIGINAL,
                    Duration.ofMillis(500), 2, log);
            ReplayReport report = new Replayer(o).replay(regs);
            assertEquals(4, report.compared());
            assertTrue(report.allMatch(), ReplayText.table(report));
            ReplayEntry first = report.entries().get(0);
            assertEquals("10.8.0.1", first.result().request().homeAddress());
            assertNotEquals(regs.get(0).request().identification(), first.result().request().identification(),
                    "identification refreshed");
            assertTrue(first.result().replyAuth().valid());
            assertEquals("127.0.1.1", first.result().packets().get(0).source().getAddress().getHostAddress());
            assertEquals(1, first.bid());
            assertEquals(8, log.size());
            String json = ReplayText.json(report);
            assertTrue(json.endsWith("\"compared\": 4, \"mismatches\": 0}"), json);
            assertTrue(json.contains("\"captured\": 153, \"replayed\": 153"), json);
        }
    }

    @Test
    void aDifferentPolicyShowsAsMismatch(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rec.pcapng");
        int port = record(file);
        try (HomeAgent ha = HomeAgent.start(agent(null).build())) { // allows multipath to everyone
            ReplayOptions o = new ReplayOptions(ha.localAddress(), new AddressMap(), new MapKeyTable().add(SA),
                    ReplayTiming.STEP, Duration.ofMillis(500), 1, null);
            ReplayReport report = new Replayer(o).replay(CaptureRegistrations.read(file, port));
            assertEquals(1, report.mismatches(), ReplayText.table(report));
            assertFalse(report.entries().get(3).matches());
            assertEquals(0, report.entries().get(3).actualCode());
            assertTrue(ReplayText.table(report).contains("MISMATCH"));
        }
    }

    @Test
    void withoutTheKeyTheCapturedAuthenticatorIsKeptAndNoted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rec.pcapng");
        int port = record(file);
        try (HomeAgent ha = HomeAgent.start(agent("10.9.9.9").build())) {
            ReplayOptions o = new ReplayOptions(ha.localAddress(), null, null, ReplayTiming.STEP,
                    Duration.ofMillis(500), 1, null);
            ReplayReport report = new Replayer(o).replay(CaptureRegistrations.read(file, port).subList(0, 1));
            ReplayEntry e = report.entries().get(0);
            assertEquals(List.of("no key for SPI 8194: MN-HA authenticator sent as captured"), e.notes());
            assertEquals(131, e.actualCode(), "the captured authenticator does not cover the refreshed Identification");
        }
    }
}

package org.multitunnel.agent.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.multitunnel.agent.client.FakeHomeAgent;
import org.multitunnel.agent.ha.HomeAgent;
import org.multitunnel.agent.ha.HomeAgentConfig;
import org.multitunnel.agent.net.Ipv4;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.ExtensionTypes;

/**
 * Short, bounded loads against the reference home agent (and scripted ones) on loopback: every request answered
 * and accepted, the reply codes counted, the phases run, the exit codes for rejection, silence and forged replies.
 */
class LoadGeneratorTest {
    private static final byte[] KEY = "load-test-key-16".getBytes(StandardCharsets.US_ASCII);
    private static final SecurityAssociation SA = SecurityAssociation.hmacMd5(0x100, KEY);

    private static HomeAgentConfig.Builder ha() {
        return HomeAgentConfig.builder().listen(new InetSocketAddress("127.0.0.1", 0)).key(0x100, KEY);
    }

    private static LoadSettings.Builder load(InetSocketAddress target) {
        return LoadSettings.builder().target(target).key(SA).timeoutMillis(1000).transmissions(3);
    }

    @Test
    void aShortLoadIsAnsweredAndAcceptedInFullThenDeregistered() throws Exception {
        try (HomeAgent ha = HomeAgent.start(ha().build())) {
            List<LoadSecond> seconds = new ArrayList<>();
            List<String> phases = new ArrayList<>();
            LoadListener l = new LoadListener() {
                @Override
                public void second(LoadSecond s) {
                    seconds.add(s);
                }

                @Override
                public void phase(String name) {
                    phases.add(name);
                }
            };
            LoadReport r = new LoadGenerator(load(ha.localAddress()).nodes(100).bids(2).rate(1000).duration(1.5)
                    .build(), l).run();
            LoadReport.Totals t = r.totals();
            assertEquals(t.requests(), t.answered(), "answered = offered requests");
            assertEquals(t.requests(), t.accepted());
            assertEquals(Map.of(0, t.requests()), r.codes(), "every reply: code 0");
            assertEquals(0, t.unanswered());
            assertEquals(0, r.exitCode());
            assertEquals(t.requests() + t.retransmissions(), t.transmissions());
            assertEquals(t.transmissions(), ha.requestCount(), "the agent saw every datagram sent");
            assertEquals(ha.acceptedCount(), t.answered() + t.lateReplies(), "and answered each one");
            assertEquals(200, t.peakBindings());
            assertTrue(t.requests() >= 200 + 200 + 100, "registrations, refreshes, de-registrations: " + t.requests());
            assertEquals(List.of(), ha.bindings(), "de-registered at the end");
            assertEquals(List.of("register", "sustain", "deregister"), phases);
            assertEquals(List.of("register", "sustain", "deregister"),
                    r.phases().stream().map(LoadReport.Phase::name).toList());
            assertEquals(seconds, r.series());
            assertEquals(t.transmissions(), seconds.stream().mapToLong(LoadSecond::offered).sum());
            assertEquals(t.answered(), seconds.stream().mapToLong(LoadSecond::answered).sum());
            assertTrue(r.latency().p50() > 0 && r.latency().p50() <= r.latency().p99());
        }
    }

    @Test
    void flowBindingsAreAcceptedAndTheAgentHoldsOnePerNodeWhileRunning() throws Exception {
        try (HomeAgent ha = HomeAgent.start(ha().build())) {
            int[] held = new int[1];
            LoadListener l = s -> {
                if (s.second() == 0) {
                    held[0] = (int) ha.bindings().stream().filter(b -> !b.flowBindings().isEmpty()).count();
                }
            };
            LoadReport r = new LoadGenerator(load(ha.localAddress()).nodes(20).bids(3).rate(600).duration(1.2)
                    .flowBindings(true).build(), l).run();
            assertEquals(0, r.exitCode(), r.verdict() + " " + r.codes());
            // the reference agent keeps the flow bindings of a node's latest request (one, naming that BID)
            assertEquals(20, held[0], "each node holds the flow binding of its latest registration");
        }
    }

    @Test
    void bindingsBeyondTheAgentsCapAreRejectedWithExitCode1() throws Exception {
        try (HomeAgent ha = HomeAgent.start(ha().maxTotalBindings(50).build())) {
            LoadReport r = new LoadGenerator(load(ha.localAddress()).nodes(40).bids(2).rate(800).duration(0.5)
                    .build(), null).run();
            assertEquals(LoadReport.SOME_REJECTED, r.exitCode());
            assertTrue(r.codes().getOrDefault(130, 0L) >= 30, "code 130 for the 30 bindings beyond 50: " + r.codes());
            assertEquals(50, r.totals().peakBindings());
            assertEquals(0, r.totals().unanswered());
        }
    }

    @Test
    void aSilentTargetGivesExitCode2AndCountsTheLostReplies() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            LoadReport r = new LoadGenerator(load((InetSocketAddress) silent.getLocalSocketAddress()).nodes(5).bids(1)
                    .rate(100).duration(0.2).timeoutMillis(50).transmissions(2).build(), null).run();
            assertEquals(LoadReport.SOME_UNANSWERED, r.exitCode());
            LoadReport.Totals t = r.totals();
            assertEquals(0, t.answered());
            assertEquals(t.transmissions(), t.lostReplies(), "every transmission timed out");
            assertEquals(t.requests(), t.retransmissions(), "each request was sent twice");
            assertEquals(t.requests(), t.unanswered());
        }
    }

    @Test
    void anAcceptanceWithoutAValidAuthenticatorGivesExitCode3() throws Exception {
        SecurityAssociation other = SecurityAssociation.hmacMd5(0x100, "some-other-key!!".getBytes(
                StandardCharsets.US_ASCII));
        try (FakeHomeAgent fake = new FakeHomeAgent(rq -> List.of(RegistrationReply.replyTo(rq).code(0)
                .authenticate(ExtensionTypes.MN_HA_AUTH, other).build().encode()))) {
            LoadReport r = new LoadGenerator(load(fake.address()).nodes(3).bids(1).rate(100).duration(0.2).build(),
                    null).run();
            assertEquals(LoadReport.AUTH_FAILED, r.exitCode());
            assertEquals(r.totals().answered(), r.totals().authFailures());
            assertEquals(0, r.totals().accepted());
        }
    }

    @Test
    void noncesAreLearntFromTheFirstReplyOfEachBinding() throws Exception {
        HomeAgentConfig.Builder b = ha();
        for (int n = 1; n <= 3; n++) {
            b.nonceReplay("10.128.0." + n);
        }
        try (HomeAgent ha = HomeAgent.start(b.build())) {
            LoadReport r = new LoadGenerator(load(ha.localAddress()).nodes(3).bids(2).rate(200).duration(0.5)
                    .identification(LoadSettings.Identification.NONCES).build(), null).run();
            assertEquals(0, r.exitCode(), r.verdict() + " " + r.codes());
            assertEquals(6, r.totals().resynchronisations(), "RFC 5944 §5.7.2: one 133 per binding, then in step");
            assertEquals(6, r.codes().get(133));
        }
    }

    @Test
    void aTargetOffLoopbackNeedsTheOwnersWord() {
        InetSocketAddress remote = new InetSocketAddress(Ipv4.parse("192.0.2.1"), 434);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> load(remote).nodes(1).rate(1).build());
        assertTrue(e.getMessage().contains("--i-own-this-target"), e.getMessage());
        LoadSettings ok = load(remote).nodes(1).rate(1).source(Ipv4.parse("127.0.0.1")).ownTarget(true).build();
        assertEquals(remote, ok.target());
    }

    @Test
    void settingsAreCheckedWithOneLineMessages() {
        InetSocketAddress t = new InetSocketAddress("127.0.0.1", 4434);
        assertThrows(IllegalArgumentException.class, () -> load(t).nodes(0).build());
        assertThrows(IllegalArgumentException.class, () -> load(t).bids(255).build());
        assertThrows(IllegalArgumentException.class, () -> load(t).nodes(300_000).bids(4).build());
        assertThrows(IllegalArgumentException.class, () -> load(t).refresh(1.0).build());
        assertThrows(IllegalArgumentException.class, () -> load(t).plain(true).bids(2).build());
        assertThrows(IllegalArgumentException.class,
                () -> LoadSettings.builder().target(t).nodes(1).build(), "no key");
        assertEquals(30, LoadSettings.autoLifetime(1000, 1000, 0.8), "at least 30 s");
        assertEquals(30, LoadSettings.autoLifetime(100_000, 20_000, 0.8), "2 × 5 s round / 0.8 = 12.5, raised to 30");
        assertEquals(250, LoadSettings.autoLifetime(1_000_000, 10_000, 0.8), "2 × 100 s round / 0.8");
    }
}

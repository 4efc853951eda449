package org.multitunnel.agent.mn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.multitunnel.agent.ha.HaBinding;
import org.multitunnel.agent.ha.HomeAgent;
import org.multitunnel.agent.ha.HomeAgentConfig;

/**
 * The reference mobile node against the reference home agent on loopback, with real (short) lifetimes. Covers the
 * docs/conformance.md rows checked by "agent" for the mobile node: {@value #DISABLE_ON_152},
 * {@value #REREGISTER_ON_153}.
 */
class ReferenceMobileNodeTest {
    static final String DISABLE_ON_152 = "RFC7629-5.1-MN-DISABLE-ON-152";
    static final String REREGISTER_ON_153 = "RFC7629-5.1-REREGISTER-ON-153";
    private static final String HOA = "10.1.0.5";
    private static final byte[] KEY = "mn-ha-key-000002".getBytes(StandardCharsets.US_ASCII);
    private HomeAgent ha;
    private ReferenceMobileNode mn;

    @AfterEach
    void stop() {
        if (mn != null) {
            mn.close();
        }
        if (ha != null) {
            ha.close();
        }
    }

    private HomeAgentConfig.Builder haConfig() {
        return HomeAgentConfig.builder().listen(new InetSocketAddress("127.0.0.1", 0)).key(0x400, KEY);
    }

    private MobileNodeConfig.Builder mnConfig(int interfaces) {
        MobileNodeConfig.Builder b = MobileNodeConfig.builder().target(ha.localAddress()).homeAddress(HOA)
                .key(0x400, KEY).lifetime(2).retransmitMillis(300);
        for (int i = 1; i <= interfaces; i++) {
            b.careOf("127.0.0." + (10 + i));
        }
        return b;
    }

    private static void await(BooleanSupplier cond, long millis, String what) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            if (cond.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out after " + millis + " ms waiting for " + what);
    }

    @Test
    void withNoncesBothInterfacesRegisterAfterTheFirst133AndKeepRefreshing() throws Exception {
        ha = HomeAgent.start(haConfig().maxLifetime(2).nonceReplay(HOA).build());
        mn = ReferenceMobileNode.start(mnConfig(2).nonces(true).refreshFraction(0.5).build());
        // first requests carry no nonce of this HA: 133 each with a nonce, then accepted (RFC 5944 §5.7.2)
        await(() -> ha.bindings(HOA).size() == 2, 5_000, "two bindings with nonces");
        await(() -> mn.bindings().stream().allMatch(b -> b.acceptedCount() >= 3), 5_000, "three refreshes each");
        assertEquals(2, ha.bindings(HOA).size());
        for (MnBinding b : mn.bindings()) {
            assertEquals(MnBinding.State.REGISTERED, b.state(), b.toString());
        }
    }

    @Test
    void keepsThreeBindingsAliveThroughSeveralLifetimes() throws Exception {
        ha = HomeAgent.start(haConfig().maxLifetime(2).build());
        // refresh at half the 2 s lifetime: a 1 s margin keeps the test stable on a loaded machine
        mn = ReferenceMobileNode.start(mnConfig(3).refreshFraction(0.5).build());
        await(() -> ha.bindings(HOA).size() == 3, 3_000, "three bindings");
        // 3 lifetimes of 2 s: every sample must still show all three bindings
        long end = System.nanoTime() + 6_000_000_000L;
        int samples = 0;
        while (System.nanoTime() < end) {
            List<HaBinding> b = ha.bindings(HOA);
            assertEquals(3, b.size(), "sample " + samples + ": " + b);
            samples++;
            Thread.sleep(100);
        }
        assertTrue(samples > 30);
        for (MnBinding b : mn.bindings()) {
            assertEquals(MnBinding.State.REGISTERED, b.state(), b.toString());
            assertTrue(b.acceptedCount() >= 5, "refreshed every second for 6 s: " + b);
            assertEquals(2, b.grantedLifetime());
        }
        List<String> cos = ha.bindings(HOA).stream().map(HaBinding::careOfAddress).sorted().toList();
        assertEquals(List.of("127.0.0.11", "127.0.0.12", "127.0.0.13"), cos, "each CoA registered from itself");
        mn.close();
        mn = null;
        assertEquals(List.of(), ha.bindings(HOA), "stop de-registers every binding");
    }

    @Test
    void fallsBackToOnePlainRegistrationOn152() throws Exception {
        // RFC7629-5.1-MN-DISABLE-ON-152: multipath disabled, then (MAY) one registration without the extension
        ha = HomeAgent.start(haConfig().denyMultipath(HOA).build());
        mn = ReferenceMobileNode.start(mnConfig(2).lifetime(30).build());
        await(() -> ha.bindings(HOA).size() == 1, 3_000, "the plain binding");
        HaBinding b = ha.bindings(HOA).get(0);
        assertEquals("none", b.extension());
        assertEquals(0, b.bid());
        assertEquals("127.0.0.11", b.careOfAddress());
        assertFalse(mn.multipathEnabled());
        await(() -> mn.bindings().get(0).state() == MnBinding.State.REGISTERED, 2_000, "MN state");
        assertEquals(MnBinding.State.DISABLED, mn.bindings().get(1).state());
        assertEquals(152, mn.bindings().get(1).lastCode());
    }

    @Test
    void reregistersTheBindingWithoutTheFlowBindingOn153() throws Exception {
        // RFC7629-5.1-REREGISTER-ON-153: the refused binding is registered again (BID 9 is unknown, so without it)
        ha = HomeAgent.start(haConfig().build());
        List<String> log = new CopyOnWriteArrayList<>();
        ha.setLog(log::add);
        mn = ReferenceMobileNode.start(mnConfig(2).lifetime(30).flowPolicy(1, 9).build());
        await(() -> ha.bindings(HOA).size() == 2, 3_000, "two bindings");
        assertTrue(log.stream().anyMatch(l -> l.contains("-> 153")), log.toString());
        assertTrue(ha.bindings(HOA).stream().allMatch(x -> x.flowBindings().isEmpty()));
        await(() -> mn.bindings().stream().allMatch(x -> x.state() == MnBinding.State.REGISTERED), 2_000, "MN");
    }

    @Test
    void flowBindingsRefusedBecauseTheirRequestOvertookBid1AreSentAgainOnceBid1IsRegistered() throws Exception {
        ha = HomeAgent.start(haConfig().build());
        List<String> log = new CopyOnWriteArrayList<>();
        ha.setLog(log::add);
        // BID 1's first request (from 127.0.0.11) is held back 400 ms: BID 2's, naming BIDs 1 and 2, arrives first
        try (DelayingRelay relay = new DelayingRelay(ha.localAddress(), "127.0.0.11", 400)) {
            mn = ReferenceMobileNode.start(MobileNodeConfig.builder().target(relay.address()).homeAddress(HOA).key(0x400, KEY)
                    .lifetime(60).retransmitMillis(2_000).careOf("127.0.0.11").careOf("127.0.0.12")
                    .flowPolicy(1, 1, 2).build());
            // lifetime 60: without the re-send the flow bindings would wait for the refresh at 48 s
            await(() -> ha.bindings(HOA).stream().anyMatch(x -> !x.flowBindings().isEmpty()), 3_000,
                    "flow bindings after BID 1 registered");
            assertTrue(log.stream().anyMatch(l -> l.contains("-> 153")), "the race happened: " + log);
            assertEquals(List.of(1, 2), ha.bindings(HOA).stream().filter(x -> !x.flowBindings().isEmpty())
                    .findFirst().orElseThrow().flowBindings().get(0).bids());
        }
    }

    @Test
    void resynchronisesItsIdentificationAfter133() throws Exception {
        // the HA's clock runs 5 minutes ahead of the MN's: far outside the 7 s replay window
        org.multitunnel.agent.testutil.MutableClock haClock = new org.multitunnel.agent.testutil.MutableClock(
                java.time.Instant.now().plusSeconds(300));
        ha = HomeAgent.start(haConfig().clock(haClock).build());
        List<String> log = new CopyOnWriteArrayList<>();
        ha.setLog(log::add);
        mn = ReferenceMobileNode.start(mnConfig(1).lifetime(30).build());
        await(() -> ha.bindings(HOA).size() == 1, 3_000, "binding after resync");
        assertTrue(log.get(0).contains("-> 133"), log.toString());
        // The HA adds the binding before the MN has processed the reply: wait for the MN to see it too.
        await(() -> mn.bindings().get(0).state() == MnBinding.State.REGISTERED, 2_000, "MN registered");
        assertEquals(0, mn.bindings().get(0).lastCode());
    }

    @Test
    void registersThroughAForeignAgent() throws Exception {
        ha = HomeAgent.start(haConfig().build());
        try (org.multitunnel.agent.fa.ForeignAgent fa = org.multitunnel.agent.fa.ForeignAgent.start(
                org.multitunnel.agent.fa.ForeignAgentConfig.builder().listen(new InetSocketAddress("127.0.0.2", 0))
                        .homeAgent(ha.localAddress()).build())) {
            mn = ReferenceMobileNode.start(MobileNodeConfig.builder().target(fa.localAddress()).homeAgentAddress("127.0.0.1")
                    .homeAddress(HOA).key(0x400, KEY).lifetime(30).careOf("127.0.0.14", "127.0.0.2", 4).build());
            await(() -> ha.bindings(HOA).size() == 1, 3_000, "binding via the FA");
            assertEquals("127.0.0.2", ha.bindings(HOA).get(0).careOfAddress());
            await(() -> mn.bindings().get(0).state() == MnBinding.State.REGISTERED, 2_000, "MN registered");
            assertEquals(1, fa.visitors().size());
            mn.close();
            mn = null;
            assertEquals(List.of(), ha.bindings(HOA));
        }
    }

    @Test
    void sendsTheFlowPolicyWhenItsBidsAreKnown() throws Exception {
        ha = HomeAgent.start(haConfig().build());
        mn = ReferenceMobileNode.start(mnConfig(2).lifetime(1).flowPolicy(1, 1, 2).build());
        // the policy rides on interface 2's registrations; a refresh after BID 1 exists carries it through
        await(() -> ha.bindings(HOA).stream().anyMatch(x -> !x.flowBindings().isEmpty()), 4_000, "flow policy");
        assertEquals(List.of(1, 2), ha.bindings(HOA).get(0).flowBindings().get(0).bids());
    }
}

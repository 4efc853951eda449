package org.multitunnel.agent.mn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.multitunnel.agent.ha.HomeAgent;
import org.multitunnel.agent.ha.HomeAgentConfig;

/**
 * The reference mobile node told that its home link is reachable through one of its interfaces (not the first):
 * it considers itself at home and de-registers every care-of address at the reference home agent on loopback, and
 * stops refreshing them — the docs/conformance.md rows checked by "agent": {@value #MTS02_AT_HOME},
 * {@value #MTS02_DEREG_AT_HOME}, {@value #MIR_AT_HOME}. Detecting the home link itself (RFC 5944 §2.4 agent
 * advertisements) is the caller's input.
 */
class MobileNodeAtHomeTest {
    static final String MTS02_AT_HOME = "MTS02-5.1-AT-HOME";
    static final String MTS02_DEREG_AT_HOME = "MTS02-5.1-DEREG-AT-HOME";
    static final String MIR_AT_HOME = "MIR-5-AT-HOME";
    private static final String HOA = "10.1.0.7";
    private static final byte[] KEY = "mn-ha-key-000004".getBytes(StandardCharsets.US_ASCII);
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

    private ReferenceMobileNode startNode(MobileNodeConfig.Extension ext) throws Exception {
        ha = HomeAgent.start(HomeAgentConfig.builder().listen(new InetSocketAddress("127.0.0.1", 0)).key(0x600, KEY)
                .build());
        // lifetime 2 s: refreshes every 1.6 s, so a node that kept registering would be seen at once
        return ReferenceMobileNode.start(MobileNodeConfig.builder().target(ha.localAddress()).homeAddress(HOA)
                .key(0x600, KEY).lifetime(2).retransmitMillis(300).extension(ext).careOf("127.0.0.31")
                .careOf("127.0.0.32").careOf("127.0.0.33").build());
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

    private void homeLinkOnTheThirdInterfaceDeregistersEverything(MobileNodeConfig.Extension ext) throws Exception {
        mn = startNode(ext);
        await(() -> ha.bindings(HOA).size() == 3, 3_000, "three bindings");
        assertFalse(mn.atHome());
        long before = ha.requestCount();
        mn.homeLinkDetected(2);
        assertTrue(mn.atHome(), "at home as soon as the home link is seen on any interface");
        await(() -> ha.bindings(HOA).isEmpty(), 3_000, "every care-of address de-registered");
        await(() -> ha.requestCount() == before + 1, 1_000, "the de-registration");
        assertEquals(List.of(MnBinding.State.AT_HOME, MnBinding.State.AT_HOME, MnBinding.State.AT_HOME),
                mn.bindings().stream().map(MnBinding::state).toList());
        // no refresh (due every 1.6 s) registers a care-of address again while at home
        Thread.sleep(2_500);
        assertEquals(List.of(), ha.bindings(HOA));
        assertEquals(before + 1, ha.requestCount(), "one request: the de-registration of all care-of addresses");
    }

    @Test
    void homeLinkOnAnyInterfaceDeregistersAllRfc7629Bindings() throws Exception {
        // MTS02-5.1-AT-HOME, MTS02-5.1-DEREG-AT-HOME, MIR-5-AT-HOME
        homeLinkOnTheThirdInterfaceDeregistersEverything(MobileNodeConfig.Extension.RFC7629);
    }

    @Test
    void homeLinkOnAnyInterfaceDeregistersAllMultipleTunnels() throws Exception {
        // MTS02-5.1-AT-HOME, MTS02-5.1-DEREG-AT-HOME with the seed 001 extension
        homeLinkOnTheThirdInterfaceDeregistersEverything(MobileNodeConfig.Extension.MTS02);
    }

    @Test
    void homeLinkBeforeAnyBindingSendsNoDeregistration() throws Exception {
        try (java.net.DatagramSocket silentAgent = new java.net.DatagramSocket(
                new InetSocketAddress("127.0.0.1", 0))) {
            silentAgent.setSoTimeout(2_000);
            mn = ReferenceMobileNode.start(MobileNodeConfig.builder()
                    .target((InetSocketAddress) silentAgent.getLocalSocketAddress()).homeAddress(HOA)
                    .key(0x600, KEY).retransmitMillis(5_000).careOf("127.0.0.34").build());
            java.net.DatagramPacket first = new java.net.DatagramPacket(new byte[1500], 1500);
            silentAgent.receive(first); // the registration, never answered
            mn.homeLinkDetected(0);
            assertTrue(mn.atHome());
            assertEquals(MnBinding.State.AT_HOME, mn.bindings().get(0).state());
            silentAgent.setSoTimeout(700);
            java.net.DatagramPacket next = new java.net.DatagramPacket(new byte[1500], 1500);
            try {
                silentAgent.receive(next);
                throw new AssertionError("sent " + next.getLength() + " more bytes with no binding to remove");
            } catch (java.net.SocketTimeoutException expected) {
                // nothing was registered, so nothing is de-registered
            }
        }
    }
}

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
import org.multitunnel.agent.ha.HaBinding;
import org.multitunnel.agent.ha.HomeAgent;
import org.multitunnel.agent.ha.HomeAgentConfig;
import org.multitunnel.wire.mip.ReplyCodes;

/**
 * The reference mobile node speaking seed 001 (MTS02, Multiple Tunnel Request extension) to the reference home agent
 * on loopback: one tunnel per interface with EnableMultipleTunnelSupport = 1, none of the extension with 0 — the
 * docs/conformance.md row checked by "agent": {@value #DISABLED_NO_EXT}.
 */
class MobileNodeMultipleTunnelTest {
    static final String DISABLED_NO_EXT = "MTS02-5.1-DISABLED-NO-EXT";
    private static final String HOA = "10.1.0.6";
    private static final byte[] KEY = "mn-ha-key-000003".getBytes(StandardCharsets.US_ASCII);
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
        return HomeAgentConfig.builder().listen(new InetSocketAddress("127.0.0.1", 0)).key(0x500, KEY);
    }

    private MobileNodeConfig.Builder mnConfig() {
        return MobileNodeConfig.builder().target(ha.localAddress()).homeAddress(HOA).key(0x500, KEY).lifetime(30)
                .retransmitMillis(300).extension(MobileNodeConfig.Extension.MTS02).careOf("127.0.0.21")
                .careOf("127.0.0.22");
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
    void withMultipleTunnelSupportEnabledRegistersATunnelPerInterfaceWithTheExtension() throws Exception {
        ha = HomeAgent.start(haConfig().build());
        mn = ReferenceMobileNode.start(mnConfig().build());
        await(() -> ha.bindings(HOA).size() == 2, 3_000, "two tunnels");
        List<HaBinding> b = ha.bindings(HOA);
        assertEquals(List.of(1, 2), b.stream().map(HaBinding::bid).toList());
        assertEquals(List.of("127.0.0.21", "127.0.0.22"), b.stream().map(HaBinding::careOfAddress).toList());
        assertTrue(b.stream().allMatch(x -> x.extension().equals("multiple-tunnel-02")), b.toString());
    }

    @Test
    void withMultipleTunnelSupportDisabledRegistersWithoutTheExtension() throws Exception {
        // MTS02-5.1-DISABLED-NO-EXT: EnableMultipleTunnelSupport = 0 at the mobile node
        ha = HomeAgent.start(haConfig().build());
        mn = ReferenceMobileNode.start(mnConfig().multipath(false).build());
        await(() -> ha.bindings(HOA).size() == 1, 3_000, "the plain binding");
        await(() -> mn.bindings().get(0).state() == MnBinding.State.REGISTERED, 2_000, "MN state");
        HaBinding b = ha.bindings(HOA).get(0);
        assertEquals("none", b.extension(), "no Multiple Tunnel Request extension");
        assertEquals("127.0.0.21", b.careOfAddress());
        assertEquals(1L, ha.requestCount(), "one registration, from the first interface only");
        assertEquals(MnBinding.State.DISABLED, mn.bindings().get(1).state());
    }

    @Test
    void fallsBackToOnePlainRegistrationWhenTheHomeAgentDeniesMultipleTunnels() throws Exception {
        ha = HomeAgent.start(haConfig().multipleTunnelSupport(false).build());
        mn = ReferenceMobileNode.start(mnConfig().build());
        await(() -> ha.bindings(HOA).size() == 1, 3_000, "the plain binding");
        assertEquals("none", ha.bindings(HOA).get(0).extension());
        assertFalse(mn.multipathEnabled());
        await(() -> mn.bindings().get(0).state() == MnBinding.State.REGISTERED, 2_000, "MN state");
        assertEquals(ReplyCodes.standard().valueOf("MULTIPLE_TUNNEL_REQUEST_DENIED_BY_HA"),
                mn.bindings().get(1).lastCode());
    }
}

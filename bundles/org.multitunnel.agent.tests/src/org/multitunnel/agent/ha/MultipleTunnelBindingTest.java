package org.multitunnel.agent.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;

/**
 * Seed 001 (MTS02) §5.3 binding semantics of the B and O flags of the Multiple Tunnel Request extension at the
 * reference home agent, over real UDP on loopback. The drafts have no flow bindings, so a conformance scenario
 * cannot observe which bindings the agent holds; these tests read its binding table instead (docs/conformance.md
 * rows checked by "agent": {@value #BULK_EXTEND}, {@value #OVERWRITE}).
 */
class MultipleTunnelBindingTest extends HaFixture {
    static final String BULK_EXTEND = "MTS02-5.3-BULK-EXTEND";
    static final String OVERWRITE = "MTS02-5.3-OVERWRITE";

    @BeforeEach
    void up() throws Exception {
        start(config());
    }

    private static MultipleTunnelRequestExtension.Builder mtr(int bid) {
        return MultipleTunnelRequestExtension.builder().ifType(4).bid(bid);
    }

    private RegistrationRequest tunnel(String coa, int lifetime, MultipleTunnelRequestExtension.Builder ext) {
        return request(coa, lifetime).extension(ext.build()).authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
    }

    private void registerThree() throws Exception {
        for (int bid = 1; bid <= 3; bid++) {
            RegistrationReply r = send(tunnel("198.51.100." + bid, 100, mtr(bid)));
            assertEquals(0, r.code(), "Binding-Id " + bid);
            assertEquals(100, r.lifetime());
        }
        List<HaBinding> b = ha.bindings(HOA);
        assertEquals(List.of(1, 2, 3), b.stream().map(HaBinding::bid).toList());
        assertTrue(b.stream().allMatch(x -> x.extension().equals("multiple-tunnel-02")), b.toString());
    }

    @Test
    void bulkFlagExtendsTheLifetimeOfAllTheNodesTunnels() throws Exception {
        // MTS02-5.3-BULK-EXTEND
        registerThree();
        clock.advance(Duration.ofSeconds(60));
        RegistrationReply r = send(tunnel("198.51.100.1", 400, mtr(1).bulkReregistration(true)));
        assertEquals(0, r.code());
        assertEquals(400, r.lifetime());
        for (int bid = 1; bid <= 3; bid++) {
            assertEquals(400, binding(bid).remainingSeconds(clock.instant()), "Binding-Id " + bid);
        }
        // the old lifetime (100 s from the start) has run out; every tunnel is still there
        clock.advance(Duration.ofSeconds(50));
        assertEquals(List.of(1, 2, 3), ha.bindings(HOA).stream().map(HaBinding::bid).toList());
    }

    @Test
    void withoutTheBulkFlagOnlyTheNamedTunnelIsExtended() throws Exception {
        // control for MTS02-5.3-BULK-EXTEND: the extension of all bindings comes from B, not from any refresh
        registerThree();
        clock.advance(Duration.ofSeconds(60));
        assertEquals(0, send(tunnel("198.51.100.1", 400, mtr(1))).code());
        assertEquals(400, binding(1).remainingSeconds(clock.instant()));
        assertEquals(40, binding(2).remainingSeconds(clock.instant()));
        assertEquals(40, binding(3).remainingSeconds(clock.instant()));
        clock.advance(Duration.ofSeconds(41));
        assertEquals(List.of(1), ha.bindings(HOA).stream().map(HaBinding::bid).toList());
    }

    @Test
    void bulkFlagWithLifetimeZeroRemovesAllTheNodesTunnels() throws Exception {
        registerThree();
        assertEquals(0, send(tunnel("198.51.100.1", 0, mtr(1).bulkReregistration(true))).code());
        assertEquals(List.of(), ha.bindings(HOA));
    }

    @Test
    void overwriteFlagReplacesAllOtherTunnelsWithThisOne() throws Exception {
        // MTS02-5.3-OVERWRITE
        registerThree();
        RegistrationReply r = send(tunnel("203.0.113.7", 300, mtr(2).overwrite(true)));
        assertEquals(0, r.code());
        List<HaBinding> b = ha.bindings(HOA);
        assertEquals(1, b.size(), b.toString());
        assertEquals(2, b.get(0).bid());
        assertEquals("203.0.113.7", b.get(0).careOfAddress());
        assertEquals("multiple-tunnel-02", b.get(0).extension());
    }

    @Test
    void overwriteWithANewBindingIdLeavesOnlyThatTunnel() throws Exception {
        // MTS02-5.3-OVERWRITE with a Binding-Id the agent did not hold yet
        registerThree();
        assertEquals(0, send(tunnel("203.0.113.8", 300, mtr(7).overwrite(true))).code());
        assertEquals(List.of(7), ha.bindings(HOA).stream().map(HaBinding::bid).toList());
        assertEquals("203.0.113.8", binding(7).careOfAddress());
    }
}

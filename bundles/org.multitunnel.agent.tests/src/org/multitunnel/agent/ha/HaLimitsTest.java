package org.multitunnel.agent.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ReplyCodes;
import org.multitunnel.wire.mip.auth.AuthResult;
import org.multitunnel.wire.mip.auth.MapKeyTable;
import org.multitunnel.wire.mip.auth.MipAuthenticator;
import org.multitunnel.wire.mip.ext.ExtensionTypes;

/**
 * The home agent's bounds: the agent-wide binding cap answered with RFC 5944 §3.4 code 130, and a replay cache
 * that goes with a node's last binding (kept only while the replay window still protects a de-registration).
 */
class HaLimitsTest extends HaFixture {
    private RegistrationRequest register(String hoa, String coa, int bid, int lifetime) {
        return RegistrationRequest.builder().lifetime(lifetime).homeAddress(hoa).homeAgent(HA_ADDR)
                .careOfAddress(coa).identification(freshId()).extension(mp(bid).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
    }

    @Test
    void aNewBindingBeyondTheAgentWideCapIsRefusedWith130() throws Exception {
        start(config().maxTotalBindings(3));
        for (int n = 1; n <= 3; n++) {
            assertEquals(0, send(register("10.1.0." + n, "198.51.100." + n, 1, 300)).code(), "node " + n);
        }
        RegistrationReply r = send(register("10.1.0.4", "198.51.100.4", 1, 300));
        assertEquals(130, r.code());
        assertEquals(ReplyCodes.standard().valueOf("HA_INSUFFICIENT_RESOURCES"), r.code());
        assertEquals(0, r.lifetime(), "a refusal grants nothing");
        List<AuthResult> auth = MipAuthenticator.verify(probe.lastReplyBytes(), r, new MapKeyTable().add(SA),
                "10.1.0.4");
        assertTrue(auth.get(0).valid(), "the refusal is authenticated: the request was");
        assertEquals(3, ha.bindingCount());
        assertEquals(List.of(), ha.bindings("10.1.0.4"));
    }

    @Test
    void atTheCapRefreshingOrReplacingABindingIsStillAccepted() throws Exception {
        start(config().maxTotalBindings(2));
        assertEquals(0, send(register("10.1.0.1", "198.51.100.1", 1, 300)).code());
        assertEquals(0, send(register("10.1.0.2", "198.51.100.2", 1, 300)).code());
        assertEquals(0, send(register("10.1.0.1", "198.51.100.9", 1, 300)).code(), "BID 1 moves: no new binding");
        RegistrationRequest plain = RegistrationRequest.builder().lifetime(300).homeAddress("10.1.0.2")
                .homeAgent(HA_ADDR).careOfAddress("203.0.113.2").identification(freshId())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
        assertEquals(0, send(plain).code(), "a plain registration replaces the node's multipath binding: net 0");
        assertEquals(130, send(register("10.1.0.1", "198.51.100.7", 2, 300)).code(), "a second BID is new");
        RegistrationRequest deregister = RegistrationRequest.builder().lifetime(0).homeAddress("10.1.0.2")
                .homeAgent(HA_ADDR).careOfAddress("203.0.113.2").identification(freshId())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
        assertEquals(0, send(deregister).code(), "de-registration");
        assertEquals(0, send(register("10.1.0.1", "198.51.100.7", 2, 300)).code(), "room again");
        assertEquals(2, ha.bindingCount());
    }

    @Test
    void theReplayCacheIsForgottenWithTheNodesLastBinding() throws Exception {
        start(config());
        assertEquals(0, send(multipath("198.51.100.1", 1, 10)).code());
        assertEquals(0, send(multipath("198.51.100.2", 2, 20)).code());
        assertEquals(2, ha.table().replayEntries());
        clock.advance(Duration.ofSeconds(11));
        assertEquals(1, ha.bindings().size(), "BID 1 expired, BID 2 still there");
        assertEquals(1, ha.table().nodeCount(), "the node stays while it has a binding");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(List.of(), ha.bindings());
        assertEquals(0, ha.table().replayEntries(), "no Identification is remembered for a node without bindings");
        assertEquals(0, ha.table().nodeCount());
    }

    @Test
    void afterADeregistrationTheReplayWindowStillProtectsTheNode() throws Exception {
        start(config().replayWindowSeconds(7));
        byte[] registration = multipath("198.51.100.1", 1, 300).encode();
        assertEquals(0, probe.exchange(registration, ha.localAddress()).code());
        assertEquals(0, send(multipath("198.51.100.1", 1, 0)).code(), "de-registered");
        assertEquals(List.of(), ha.bindings());
        assertEquals(133, probe.exchange(registration, ha.localAddress()).code(),
                "a replayed registration must not bring the binding back");
        assertEquals(List.of(), ha.bindings());
        clock.advance(Duration.ofSeconds(8));
        ha.bindings(); // the table catches up with the clock
        assertEquals(0, ha.table().replayEntries(), "once the window has passed the node is forgotten");
        assertEquals(0, ha.table().nodeCount());
        assertEquals(133, probe.exchange(registration, ha.localAddress()).code(), "now it is simply stale");
    }

    @Test
    void aRefusedButAuthenticatedRequestLeavesNoNodeBehind() throws Exception {
        start(config().replayWindowSeconds(7));
        RegistrationReply r = send(request("198.51.100.1", 300).extension(mp(255).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build());
        assertEquals(134, r.code());
        assertEquals(1, ha.table().replayEntries(), "its Identification is remembered for the window");
        clock.advance(Duration.ofSeconds(8));
        ha.bindings();
        assertEquals(0, ha.table().nodeCount());
        assertEquals(0, ha.table().replayEntries());
    }
}

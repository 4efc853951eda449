package org.multitunnel.agent.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.AuthResult;
import org.multitunnel.wire.mip.auth.MapKeyTable;
import org.multitunnel.wire.mip.auth.MipAuthenticator;
import org.multitunnel.wire.mip.ext.ExtensionTypes;

/**
 * Two per-mobile-node policies of the reference home agent: replay protection with nonces (RFC 5944 §5.7.2) for
 * the nodes configured for it, and a per-node maximum lifetime (RFC 5944 §3.8.3.1: a request asking for more is
 * accepted with the lifetime the HA will actually provide).
 */
class NonceAndLifetimePolicyTest extends HaFixture {
    private RegistrationRequest withId(String coa, int bid, long id) {
        return request(coa, 300).identification(id).extension(mp(bid).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
    }

    private static long high(long id) {
        return id >>> 32;
    }

    private static long low(long id) {
        return id & 0xffffffffL;
    }

    @Test
    void nonceNodeIsFirstGivenANonceThenAcceptedWithItAndEveryReplyCarriesANewOne() throws Exception {
        start(config().nonceReplay(HOA));
        // the node has no nonce of this HA yet: 133, and the reply hands it one (self-synchronising, §5.7.2)
        RegistrationReply first = send(withId("198.51.100.1", 1, 0x00000000_1111aaaaL));
        assertEquals(133, first.code());
        assertEquals(0x1111aaaaL, low(first.identification()), "the MN's low-order 32 bits are copied back");
        List<AuthResult> auth = MipAuthenticator.verify(probe.lastReplyBytes(), first, new MapKeyTable().add(SA), HOA);
        assertTrue(auth.size() == 1 && auth.get(0).valid(), "the 133 is authenticated: " + auth);
        assertEquals(0, ha.bindings().size());

        // the next request carries the HA's nonce in the high-order bits and a new MN value in the low-order bits
        long id2 = (high(first.identification()) << 32) | 0x2222bbbbL;
        RegistrationReply second = send(withId("198.51.100.1", 1, id2));
        assertEquals(0, second.code());
        assertEquals(0x2222bbbbL, low(second.identification()));
        assertNotEquals(high(first.identification()), high(second.identification()), "a new nonce in every reply");
        assertEquals("198.51.100.1", binding(1).careOfAddress());

        // replaying the accepted request: its nonce is used up
        RegistrationReply replay = send(withId("198.51.100.1", 1, id2));
        assertEquals(133, replay.code());
        assertEquals(0x2222bbbbL, low(replay.identification()));

        // the nonce of the last reply is good for the next request
        long id4 = (high(replay.identification()) << 32) | 0x4444ddddL;
        assertEquals(0, send(withId("198.51.100.1", 1, id4)).code());
    }

    @Test
    void aMultipathNonceNodeMayUseEachOutstandingNonceOnceFromAnyCareOfAddress() throws Exception {
        start(config().nonceReplay(HOA));
        long n1 = high(send(withId("198.51.100.1", 1, 1L)).identification()); // 133 + nonce
        long n2 = high(send(withId("198.51.100.2", 2, 2L)).identification()); // 133 + another nonce
        // both interfaces' requests are in flight at once; each uses one nonce, in the other order
        assertEquals(0, send(withId("198.51.100.2", 2, (n2 << 32) | 3L)).code());
        assertEquals(0, send(withId("198.51.100.1", 1, (n1 << 32) | 4L)).code());
        assertEquals(2, ha.bindings(HOA).size());
        assertEquals(133, send(withId("198.51.100.1", 1, (n1 << 32) | 5L)).code(), "n1 is used up");
    }

    @Test
    void timestampNodesAreUnaffectedByAnotherNodesNonceSetting() throws Exception {
        start(config().nonceReplay("10.1.0.99"));
        RegistrationReply r = send(multipath("198.51.100.1", 1, 300));
        assertEquals(0, r.code(), "HOA still uses timestamps");
    }

    @Test
    void aRequestAboveTheNodesOwnLimitIsAcceptedWithThatLimit() throws Exception {
        start(config().maxLifetime(600).maxLifetime(HOA, 120));
        RegistrationReply r = send(multipath("198.51.100.1", 1, 300));
        assertEquals(0, r.code());
        assertEquals(120, r.lifetime(), "RFC 5944 §3.8.3.1: the lifetime the HA will actually provide");
        assertEquals(120, binding(1).lifetime());
        RegistrationReply within = send(multipath("198.51.100.1", 1, 90));
        assertEquals(90, within.lifetime(), "a shorter request is granted as asked");
    }

    @Test
    void otherNodesKeepTheAgentsLimitAndNodesMayBeAllowedMore() throws Exception {
        start(config().maxLifetime(600).maxLifetime("10.1.0.99", 60).maxLifetime(HOA, 3600));
        RegistrationReply r = send(request("198.51.100.1", 5000).extension(mp(1).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build());
        assertEquals(0, r.code());
        assertEquals(3600, r.lifetime(), "a per-node limit may also be above the agent's default");
    }
}

package org.multitunnel.agent.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.ext.ExtensionTypes;

/** RFC 7629 §5.1/§5.2 binding semantics at the reference home agent, over real UDP on loopback. */
class MultipathBindingTest extends HaFixture {
    @BeforeEach
    void up() throws Exception {
        start(config());
    }

    private void registerThree() throws Exception {
        for (int bid = 1; bid <= 3; bid++) {
            RegistrationReply r = send(multipath("198.51.100." + bid, bid, 300));
            assertEquals(0, r.code(), "BID " + bid);
            assertEquals(300, r.lifetime());
        }
    }

    @Test
    void threeBidsRegisteredAreAllActive() throws Exception {
        registerThree();
        List<HaBinding> b = ha.bindings(HOA);
        assertEquals(3, b.size());
        assertEquals(List.of(1, 2, 3), b.stream().map(HaBinding::bid).toList());
        assertEquals(List.of("198.51.100.1", "198.51.100.2", "198.51.100.3"),
                b.stream().map(HaBinding::careOfAddress).toList());
        assertTrue(b.stream().allMatch(x -> x.extension().equals("rfc7629") && x.ifAtt() == 4));
    }

    @Test
    void perBidRefreshLeavesOthersAlone() throws Exception {
        registerThree();
        clock.advance(Duration.ofSeconds(100));
        assertEquals(0, send(multipath("198.51.100.2", 2, 300)).code());
        assertEquals(300, binding(2).remainingSeconds(clock.instant()));
        assertEquals(200, binding(1).remainingSeconds(clock.instant()));
        assertEquals(200, binding(3).remainingSeconds(clock.instant()));
    }

    @Test
    void reregistrationOfABidMovesItToTheNewCareOfAddress() throws Exception {
        registerThree();
        assertEquals(0, send(multipath("203.0.113.9", 2, 300)).code());
        assertEquals("203.0.113.9", binding(2).careOfAddress());
        assertEquals(3, ha.bindings(HOA).size());
    }

    @Test
    void lifetimeZeroOnOneBidRemovesOnlyIt() throws Exception {
        registerThree();
        RegistrationReply r = send(multipath("198.51.100.2", 2, 0));
        assertEquals(0, r.code());
        assertEquals(0, r.lifetime());
        assertEquals(List.of(1, 3), ha.bindings(HOA).stream().map(HaBinding::bid).toList());
    }

    @Test
    void bulkFlagRefreshesAllBindings() throws Exception {
        registerThree();
        clock.advance(Duration.ofSeconds(100));
        assertEquals(0, send(request("198.51.100.1", 400).extension(mp(1).bulkReregistration(true).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build()).code());
        for (int bid = 1; bid <= 3; bid++) {
            assertEquals(400, binding(bid).remainingSeconds(clock.instant()), "BID " + bid);
        }
    }

    @Test
    void bulkFlagWithLifetimeZeroRemovesAllBindings() throws Exception {
        registerThree();
        assertEquals(0, send(request("198.51.100.1", 0).extension(mp(1).bulkReregistration(true).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build()).code());
        assertEquals(List.of(), ha.bindings(HOA));
    }

    @Test
    void overwriteFlagReplacesAllBindingsWithThisOne() throws Exception {
        registerThree();
        assertEquals(0, send(request("203.0.113.7", 300).extension(mp(2).overwrite(true).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build()).code());
        List<HaBinding> b = ha.bindings(HOA);
        assertEquals(1, b.size());
        assertEquals(2, b.get(0).bid());
        assertEquals("203.0.113.7", b.get(0).careOfAddress());
    }

    @Test
    void grantedLifetimeIsCappedAtTheMaximum() throws Exception {
        RegistrationReply r = send(multipath("198.51.100.1", 1, 5000));
        assertEquals(0, r.code());
        assertEquals(600, r.lifetime());
        assertEquals(600, binding(1).lifetime());
    }

    @Test
    void bindingsExpireByTheConfiguredClock() throws Exception {
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        ha.addListener((change, b) -> events.add(change + ":" + b.bid()));
        send(multipath("198.51.100.1", 1, 10));
        send(multipath("198.51.100.2", 2, 60));
        clock.advance(Duration.ofSeconds(11));
        assertEquals(List.of(2), ha.bindings(HOA).stream().map(HaBinding::bid).toList());
        assertTrue(events.contains("EXPIRED:1"), events.toString());
        assertTrue(events.contains("ADDED:2"), events.toString());
    }

    @Test
    void plainRegistrationReplacesMultipathBindings() throws Exception {
        registerThree();
        RegistrationReply r = send(request("192.0.2.50", 300).authenticate(ExtensionTypes.MN_HA_AUTH, SA).build());
        assertEquals(0, r.code());
        List<HaBinding> b = ha.bindings(HOA);
        assertEquals(1, b.size());
        assertEquals(0, b.get(0).bid());
        assertEquals("none", b.get(0).extension());
    }

    @Test
    void simultaneousBindingsRequestWithoutSupportIsAcceptedWithCode1() throws Exception {
        RegistrationReply r = send(request("192.0.2.50", 300).flag(org.multitunnel.wire.mip.RegistrationRequest.S,
                true).authenticate(ExtensionTypes.MN_HA_AUTH, SA).build());
        assertEquals(1, r.code());
        assertEquals(1, ha.bindings(HOA).size());
    }

    @Test
    void returningHomeRemovesEveryBinding() throws Exception {
        registerThree();
        RegistrationReply r = send(request(HOA, 0).authenticate(ExtensionTypes.MN_HA_AUTH, SA).build());
        assertEquals(0, r.code());
        assertEquals(List.of(), ha.bindings(HOA));
    }

    @Test
    void plainLifetimeZeroRemovesEveryBinding() throws Exception {
        registerThree();
        assertEquals(0, send(request("198.51.100.1", 0).authenticate(ExtensionTypes.MN_HA_AUTH, SA).build()).code());
        assertEquals(List.of(), ha.bindings(HOA));
    }
}

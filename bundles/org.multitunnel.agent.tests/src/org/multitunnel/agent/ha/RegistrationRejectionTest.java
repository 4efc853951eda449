package org.multitunnel.agent.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.agent.net.NtpIdentification;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ReplyCodes;
import org.multitunnel.wire.mip.auth.AuthOptions;
import org.multitunnel.wire.mip.auth.AuthResult;
import org.multitunnel.wire.mip.auth.MapKeyTable;
import org.multitunnel.wire.mip.auth.MipAuthenticator;
import org.multitunnel.wire.mip.ext.ExtensionFormat;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;
import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;
import org.multitunnel.wire.mip.ext.RawExtension;

/** Each rejection rule of the reference home agent, with the reply code the specifications name. */
class RegistrationRejectionTest extends HaFixture {
    private RegistrationReply sendAuth(RegistrationRequest.Builder b) throws Exception {
        return send(b.authenticate(ExtensionTypes.MN_HA_AUTH, SA).build());
    }

    @Test
    void bulkAndOverwriteTogetherArePoorlyFormed() throws Exception {
        start(config());
        RegistrationReply r = sendAuth(request("198.51.100.1", 300)
                .extension(mp(1).bulkReregistration(true).overwrite(true).build()));
        assertEquals(134, r.code());
        assertEquals(List.of(), ha.bindings());
    }

    @Test
    void overwriteInADeregistrationIsPoorlyFormed() throws Exception {
        start(config());
        assertEquals(134, sendAuth(request("198.51.100.1", 0).extension(mp(1).overwrite(true).build())).code());
    }

    @Test
    void twoMultipathExtensionsArePoorlyFormed() throws Exception {
        start(config());
        assertEquals(134, sendAuth(request("198.51.100.1", 300).extension(mp(1).build()).extension(mp(2).build()))
                .code());
    }

    @Test
    void reservedBidIsPoorlyFormed() throws Exception {
        start(config());
        assertEquals(134, sendAuth(request("198.51.100.1", 300).extension(mp(255).build())).code());
    }

    @Test
    void flowBindingNamingAnUnknownBidIsRejectedWith153() throws Exception {
        start(config());
        assertEquals(0, send(multipath("198.51.100.1", 1, 300)).code());
        FlowBindingExtension fb = FlowBindingExtension.builder().action(1).bids(1, 7).build();
        RegistrationReply r = sendAuth(request("198.51.100.2", 300).extension(mp(2).build()).extension(fb));
        assertEquals(ReplyCodes.INVALID_FB_IDENTIFIER, r.code());
        assertEquals(153, r.code());
        assertEquals(List.of(1), ha.bindings(HOA).stream().map(HaBinding::bid).toList(), "BID 2 not registered");
    }

    @Test
    void flowBindingNamingKnownBidsIsAcceptedAndShown() throws Exception {
        start(config());
        assertEquals(0, send(multipath("198.51.100.1", 1, 300)).code());
        FlowBindingExtension fb = FlowBindingExtension.builder().action(1).bids(1, 2).build();
        RegistrationReply r = sendAuth(request("198.51.100.2", 300).extension(mp(2).build()).extension(fb));
        assertEquals(0, r.code());
        assertEquals(1, r.extensions(FlowBindingExtension.class).size(), "accepted flow binding echoed");
        assertEquals(List.of(1, 2), binding(2).flowBindings().get(0).bids());
        assertTrue(ha.statusJson().contains("\"flowBindings\":[{\"action\":1,\"bids\":[1,2]"), ha.statusJson());
    }

    @Test
    void deniedMultipathIsRejectedWith152() throws Exception {
        start(config().denyMultipath(HOA));
        RegistrationReply r = send(multipath("198.51.100.1", 1, 300));
        assertEquals(ReplyCodes.MULTIPATH_NOT_ALLOWED, r.code());
        assertEquals(152, r.code());
        assertEquals(0, sendAuth(request("198.51.100.1", 300)).code(), "a plain registration is still accepted");
    }

    @Test
    void wrongAuthenticatorIsRejectedWith131() throws Exception {
        start(config());
        RegistrationReply r = send(request("198.51.100.1", 300).extension(mp(1).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA, AuthOptions.defaults().withCorruptAuthenticator())
                .build());
        assertEquals(131, r.code());
        assertEquals(List.of(), ha.bindings());
    }

    @Test
    void unknownSpiIsRejectedWith131() throws Exception {
        start(config());
        RegistrationReply r = send(request("198.51.100.1", 300).extension(mp(1).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA, AuthOptions.defaults().withSpiOnWire(0x9999)).build());
        assertEquals(131, r.code());
    }

    @Test
    void missingAuthenticatorIsRejectedWith131() throws Exception {
        start(config());
        assertEquals(131, send(request("198.51.100.1", 300).extension(mp(1).build()).build()).code());
    }

    @Test
    void staleIdentificationIsRejectedWith133CarryingTheHomeAgentsTime() throws Exception {
        start(config());
        long stale = NtpIdentification.of(clock.instant().minusSeconds(60)) | 0x1234L;
        RegistrationReply r = send(request("198.51.100.1", 300).identification(stale).extension(mp(1).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build());
        assertEquals(133, r.code());
        // RFC 5944 §5.7.1: high 32 bits = the HA's time, low 32 bits copied from the request
        assertEquals(NtpIdentification.seconds(NtpIdentification.of(clock.instant())),
                NtpIdentification.seconds(r.identification()));
        assertEquals(NtpIdentification.low32(stale), NtpIdentification.low32(r.identification()));
    }

    @Test
    void identificationInsideTheWindowIsAccepted() throws Exception {
        start(config().replayWindowSeconds(7));
        long early = NtpIdentification.of(clock.instant().minusSeconds(6));
        RegistrationReply r = send(request("198.51.100.1", 300).identification(early).extension(mp(1).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build());
        assertEquals(0, r.code());
        assertEquals(early, r.identification(), "accepted: the whole Identification is copied");
    }

    @Test
    void replayedRequestIsRejectedWith133() throws Exception {
        start(config());
        byte[] once = multipath("198.51.100.1", 1, 300).encode();
        assertEquals(0, probe.exchange(once, ha.localAddress()).code());
        assertEquals(133, probe.exchange(once, ha.localAddress()).code());
    }

    @Test
    void multipathExtensionAfterTheAuthenticatorIsRejected() throws Exception {
        start(config());
        RegistrationReply r = send(request("198.51.100.1", 300).authenticate(ExtensionTypes.MN_HA_AUTH, SA)
                .extension(mp(1).build()).build());
        assertEquals(134, r.code());
        assertEquals(List.of(), ha.bindings());
    }

    @Test
    void unknownNonSkippableExtensionIsRejectedWith134() throws Exception {
        start(config());
        RawExtension unknown = RawExtension.of(100, ExtensionFormat.SHORT, -1, new byte[] { 1, 2, 3, 4 });
        assertEquals(134, sendAuth(request("198.51.100.1", 300).extension(unknown)).code());
    }

    @Test
    void unknownNonSkippableExtensionIsDiscardedWhenConfiguredSo() throws Exception {
        start(config().discardUnknownNonSkippable(true));
        RawExtension unknown = RawExtension.of(100, ExtensionFormat.SHORT, -1, new byte[] { 1, 2, 3, 4 });
        probe.send(request("198.51.100.1", 300).extension(unknown).authenticate(ExtensionTypes.MN_HA_AUTH, SA)
                .build().encode(), ha.localAddress());
        assertTrue(probe.silentFor(500));
    }

    @Test
    void unknownSkippableExtensionIsIgnored() throws Exception {
        start(config());
        RawExtension unknown = RawExtension.of(200, ExtensionFormat.SHORT, -1, new byte[] { 1, 2 });
        assertEquals(0, sendAuth(request("198.51.100.1", 300).extension(unknown).extension(mp(1).build())).code());
    }

    @Test
    void tooManyBindingsIsRejectedWith135() throws Exception {
        start(config().maxBindings(2));
        assertEquals(0, send(multipath("198.51.100.1", 1, 300)).code());
        assertEquals(0, send(multipath("198.51.100.2", 2, 300)).code());
        assertEquals(135, send(multipath("198.51.100.3", 3, 300)).code());
        assertEquals(0, send(multipath("198.51.100.9", 2, 300)).code(), "refreshing an existing BID still works");
    }

    @Test
    void wrongHomeAgentAddressIsRejectedWith136() throws Exception {
        start(config());
        assertEquals(136, sendAuth(request("198.51.100.1", 300).homeAgent("192.0.2.99").extension(mp(1).build()))
                .code());
    }

    @Test
    void replyCarriesAValidMnHaAuthenticator() throws Exception {
        start(config());
        RegistrationReply r = send(multipath("198.51.100.1", 1, 300));
        List<AuthResult> res = MipAuthenticator.verify(probe.lastReplyBytes(), r, new MapKeyTable().add(SA), HOA);
        assertEquals(1, res.size());
        assertTrue(res.get(0).valid());
    }

    @Test
    void multipleTunnelRequestDeniedWhenSupportDisabled() throws Exception {
        start(config().multipleTunnelSupport(false));
        MultipleTunnelRequestExtension mtr = MultipleTunnelRequestExtension.builder().ifType(4).bid(1).build();
        RegistrationReply r = sendAuth(request("198.51.100.1", 300).extension(mtr));
        assertEquals(ReplyCodes.standard().valueOf("MULTIPLE_TUNNEL_REQUEST_DENIED_BY_HA"), r.code());
        assertNotEquals(0, r.code());
    }

    @Test
    void multipleTunnelRequestsKeepOneBindingPerBindingId() throws Exception {
        start(config());
        for (int bid = 1; bid <= 2; bid++) {
            MultipleTunnelRequestExtension mtr = MultipleTunnelRequestExtension.builder().ifType(4).bid(bid).build();
            assertEquals(0, sendAuth(request("198.51.100." + bid, 300).extension(mtr)).code());
        }
        assertEquals(List.of("multiple-tunnel-02", "multiple-tunnel-02"),
                ha.bindings(HOA).stream().map(HaBinding::extension).toList());
    }

    @Test
    void multiInterfaceUnequalLoadIsRejectedWhenUnsupported() throws Exception {
        start(config().unequalLoadSupport(false));
        MultiInterfaceRoutingExtension a = MultiInterfaceRoutingExtension.builder().ifId(1).weightedMode(true)
                .linkWeight(5).build();
        MultiInterfaceRoutingExtension b = MultiInterfaceRoutingExtension.builder().ifId(2).weightedMode(true)
                .linkWeight(1).build();
        assertEquals(0, sendAuth(request("198.51.100.1", 300).extension(a)).code());
        assertEquals(ReplyCodes.standard().valueOf("ERROR_HA_MULTI_IF_UNEQUAL_LD_UNAVAIL"),
                sendAuth(request("198.51.100.2", 300).extension(b)).code());
    }

    @Test
    void multiInterfaceRoutingDeniedWhenNotOffered() throws Exception {
        start(config().multiInterfaceRoutingSupport(false));
        MultiInterfaceRoutingExtension a = MultiInterfaceRoutingExtension.builder().ifId(1).build();
        assertEquals(ReplyCodes.standard().valueOf("ERROR_HA_MULTI_IF_REG_UNAVAIL"),
                sendAuth(request("198.51.100.1", 300).extension(a)).code());
    }

    @Test
    void statusJsonListsTheBindings() throws Exception {
        start(config());
        send(multipath("198.51.100.1", 1, 300));
        clock.advance(Duration.ofSeconds(20));
        String json = ha.statusJson();
        assertTrue(json.startsWith("{\"agent\":\"ha\""), json);
        assertTrue(json.contains("\"homeAddress\":\"10.1.0.5\",\"bid\":1,\"careOfAddress\":\"198.51.100.1\""), json);
        assertTrue(json.contains("\"lifetime\":300,\"remaining\":280"), json);
        assertTrue(!json.contains("reference-key"), "no key material");
    }

    @Test
    void clockIsTheConfiguredOne() throws Exception {
        start(config());
        assertEquals(Instant.parse("2026-11-23T12:00:00Z"), ha.config().clock().instant());
    }
}

package org.multitunnel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.model.Binding;
import org.multitunnel.model.BindingState;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.ExtensionKind;
import org.multitunnel.model.Finding;
import org.multitunnel.model.MobileNode;
import org.multitunnel.model.Registration;
import org.multitunnel.model.Tunnel;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.mip.ext.TrafficSelector;
import org.multitunnel.wire.mip.auth.MapKeyTable;
import org.multitunnel.wire.mip.auth.SecurityAssociation;

/**
 * The home agent's binding semantics (RFC 5944, RFC 7629 §5–6) reconstructed from captures of scripted
 * scenarios. Each expectation is what the spec says the scenario means.
 */
class BindingSemanticsTest {
    private static final String WLAN = "198.51.100.7";
    private static final String LTE = "203.0.113.9";
    private static final String THIRD = "198.51.100.30";

    @TempDir
    Path dir;

    private static MobileNode node(CaptureSession s) {
        assertEquals(1, s.getMobileNodes().size(), "one mobile node");
        MobileNode mn = s.getMobileNodes().get(0);
        assertEquals(ScriptedScenario.HOA, mn.getHomeAddress());
        assertEquals(ScriptedScenario.HA, mn.getHomeAgent());
        return mn;
    }

    private static Binding bid(MobileNode mn, int bid) {
        List<Binding> all = mn.getBindings().stream().filter(b -> b.isSetBid() && b.getBid() == bid).toList();
        assertEquals(1, all.size(), "exactly one binding for BID " + bid + ": " + all);
        return all.get(0);
    }

    private static List<String> rules(CaptureSession s) {
        return s.getFindings().stream().map(Finding::getRule).toList();
    }

    @Test
    void threeCareOfAddressesRegisteredByBidAreAllActiveFromTheirReplies() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.multipath(WLAN, 1, 300, false, false);
        RegistrationRequest r2 = sc.multipath(LTE, 2, 300, false, false);
        RegistrationRequest r3 = sc.multipath(THIRD, 3, 300, false, false);
        sc.send(1.0, r1).reply(1.1, r1, 0, 300).send(2.0, r2).reply(2.1, r2, 0, 300).send(3.0, r3)
                .reply(3.1, r3, 0, 300);
        CaptureSession session = sc.analyze(dir);
        assertEquals(List.of(), rules(session), "no findings expected");
        MobileNode mn = node(session);
        assertEquals(3, mn.getBindings().size());
        assertEquals(WLAN, bid(mn, 1).getCareOfAddress());
        assertEquals(LTE, bid(mn, 2).getCareOfAddress());
        assertEquals(THIRD, bid(mn, 3).getCareOfAddress());
        for (int b = 1; b <= 3; b++) {
            assertEquals(BindingState.ACTIVE, bid(mn, b).getState());
            assertEquals(ExtensionKind.RFC7629, bid(mn, b).getExtension());
            assertEquals(300, bid(mn, b).getLifetimeGranted());
        }
        // Active from the accepting reply (RFC 5944 §3.8.3), not from the request.
        assertEquals(ScriptedScenario.at(1.1), bid(mn, 1).getRegisteredAt());
        assertEquals(ScriptedScenario.at(3.1), bid(mn, 3).getRegisteredAt());
        assertEquals(4, bid(mn, 1).getAccessTechnology());
        assertEquals(1, bid(mn, 1).getInterfaceLabel());
    }

    @Test
    void lifetimeZeroOnOneBidDeregistersOnlyThatBid() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.multipath(WLAN, 1, 300, false, false);
        RegistrationRequest r2 = sc.multipath(LTE, 2, 300, false, false);
        RegistrationRequest d2 = sc.multipath(LTE, 2, 0, false, false);
        sc.send(1, r1).reply(1.1, r1, 0, 300).send(2, r2).reply(2.1, r2, 0, 300).send(5, d2).reply(5.1, d2, 0, 0);
        CaptureSession session = sc.analyze(dir);
        assertEquals(List.of(), rules(session), "no findings expected");
        MobileNode mn = node(session);
        assertEquals(BindingState.ACTIVE, bid(mn, 1).getState());
        assertEquals(BindingState.DEREGISTERED, bid(mn, 2).getState());
        assertEquals(ScriptedScenario.at(5.1), bid(mn, 2).getEndedAt());
    }

    @Test
    void bulkFlagRefreshesEveryBindingSoNoneExpires() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.multipath(WLAN, 1, 10, false, false);
        RegistrationRequest r2 = sc.multipath(LTE, 2, 10, false, false);
        RegistrationRequest bulk = sc.multipath(WLAN, 1, 10, true, false);
        sc.send(1, r1).reply(1.1, r1, 0, 10).send(2, r2).reply(2.1, r2, 0, 10).send(8, bulk).reply(8.1, bulk, 0, 10)
                .dataToCareOf(15, LTE, 1, 100); // past BID 2's original lease end (12.1), inside the bulk refresh
        CaptureSession session = sc.analyze(dir);
        assertEquals(List.of(), rules(session), "no findings expected");
        MobileNode mn = node(session);
        assertEquals(BindingState.ACTIVE, bid(mn, 1).getState());
        assertEquals(BindingState.ACTIVE, bid(mn, 2).getState());
        assertEquals(ScriptedScenario.at(8.1), bid(mn, 2).getRefreshedAt());
    }

    @Test
    void withoutBulkTheOtherBindingExpiresAtItsLeaseEnd() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.multipath(WLAN, 1, 10, false, false);
        RegistrationRequest r2 = sc.multipath(LTE, 2, 10, false, false);
        RegistrationRequest refresh1 = sc.multipath(WLAN, 1, 10, false, false);
        sc.send(1, r1).reply(1.1, r1, 0, 10).send(2, r2).reply(2.1, r2, 0, 10).send(8, refresh1)
                .reply(8.1, refresh1, 0, 10).dataToCareOf(15, WLAN, 1, 100);
        CaptureSession session = sc.analyze(dir);
        assertEquals(List.of(), rules(session), "no findings expected");
        MobileNode mn = node(session);
        assertEquals(BindingState.ACTIVE, bid(mn, 1).getState());
        assertEquals(BindingState.EXPIRED, bid(mn, 2).getState());
        assertEquals(ScriptedScenario.at(12.1), bid(mn, 2).getEndedAt());
    }

    @Test
    void bulkFlagWithLifetimeZeroDeregistersAll() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.multipath(WLAN, 1, 300, false, false);
        RegistrationRequest r2 = sc.multipath(LTE, 2, 300, false, false);
        RegistrationRequest all = sc.multipath(WLAN, 1, 0, true, false);
        sc.send(1, r1).reply(1.1, r1, 0, 300).send(2, r2).reply(2.1, r2, 0, 300).send(4, all).reply(4.1, all, 0, 0);
        CaptureSession session = sc.analyze(dir);
        assertEquals(List.of(), rules(session), "no findings expected");
        MobileNode mn = node(session);
        assertEquals(BindingState.DEREGISTERED, bid(mn, 1).getState());
        assertEquals(BindingState.DEREGISTERED, bid(mn, 2).getState());
    }

    @Test
    void overwriteFlagReplacesAllOtherBindings() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.multipath(WLAN, 1, 300, false, false);
        RegistrationRequest r2 = sc.multipath(LTE, 2, 300, false, false);
        RegistrationRequest r3 = sc.multipath(THIRD, 3, 300, false, false);
        RegistrationRequest o2 = sc.multipath(LTE, 2, 300, false, true);
        sc.send(1, r1).reply(1.1, r1, 0, 300).send(2, r2).reply(2.1, r2, 0, 300).send(3, r3).reply(3.1, r3, 0, 300)
                .send(6, o2).reply(6.1, o2, 0, 300);
        CaptureSession session = sc.analyze(dir);
        assertEquals(List.of(), rules(session), "no findings expected");
        MobileNode mn = node(session);
        assertEquals(BindingState.REPLACED, bid(mn, 1).getState());
        assertEquals(BindingState.ACTIVE, bid(mn, 2).getState());
        assertEquals(BindingState.REPLACED, bid(mn, 3).getState());
        assertEquals(ScriptedScenario.at(6.1), bid(mn, 3).getEndedAt());
    }

    @Test
    void rejectedMultipathAndFlowBindingCodesLeaveRejectedBindings() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.multipath(WLAN, 1, 300, false, false);
        RegistrationRequest r2 = sc.multipath(LTE, 2, 300, false, false);
        sc.send(1, r1).reply(1.1, r1, 152, 0).send(2, r2).reply(2.1, r2, 153, 0);
        CaptureSession session = sc.analyze(dir);
        assertEquals(List.of(), rules(session), "no findings expected");
        MobileNode mn = node(session);
        assertEquals(BindingState.REJECTED, bid(mn, 1).getState());
        assertEquals(BindingState.REJECTED, bid(mn, 2).getState());
        List<Integer> codes = mn.getRegistrations().stream().map(Registration::getCode).toList();
        assertEquals(List.of(152, 153), codes);
    }

    @Test
    void retransmittedRequestIsOneTransactionWithOneRetransmission() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.multipath(WLAN, 1, 300, false, false);
        sc.send(1, r1).send(2, r1).reply(2.1, r1, 0, 300);
        CaptureSession session = sc.analyze(dir);
        assertEquals(List.of(), rules(session), "no findings expected");
        MobileNode mn = node(session);
        assertEquals(1, mn.getRegistrations().size());
        Registration r = mn.getRegistrations().get(0);
        assertEquals(1, r.getRetransmissions());
        assertEquals(1, r.getRequestFrame());
        assertEquals(3, r.getReplyFrame());
        assertEquals(BindingState.ACTIVE, bid(mn, 1).getState());
    }

    @Test
    void unansweredRequestIsAFindingAndCreatesNoBinding() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        sc.send(1, sc.multipath(WLAN, 1, 300, false, false));
        CaptureSession s = sc.analyze(dir);
        MobileNode mn = node(s);
        assertTrue(mn.getBindings().isEmpty());
        assertEquals(List.of(AnalysisRules.UNANSWERED_REQUEST), rules(s));
        assertEquals(1, s.getFindings().get(0).getFrame());
    }

    @Test
    void replyWithoutRequestIsAnOrphan() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest never = sc.multipath(WLAN, 1, 300, false, false);
        sc.reply(1, never, 0, 300);
        CaptureSession s = sc.analyze(dir);
        assertEquals(List.of(AnalysisRules.ORPHAN_REPLY), rules(s));
        assertTrue(node(s).getBindings().isEmpty());
    }

    @Test
    void trafficBeforeTheAcceptingReplyIsOnAnUnregisteredTunnel() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.multipath(WLAN, 1, 300, false, false);
        sc.send(1, r1).dataToCareOf(1.05, WLAN, 3, 100).reply(1.1, r1, 0, 300).dataToCareOf(2, WLAN, 5, 100);
        CaptureSession s = sc.analyze(dir);
        List<Finding> f = s.getFindings();
        assertEquals(List.of(AnalysisRules.DATA_WITHOUT_BINDING), rules(s), "one finding for the unbound run");
        assertEquals(2, f.get(0).getFrame(), "the first data frame before the reply");
        Tunnel t = s.getTunnels().get(0);
        assertEquals(ScriptedScenario.HA, t.getHomeAgent());
        assertEquals(WLAN, t.getCareOfAddress());
        assertEquals(8, t.getToCareOfPackets());
        assertEquals(8 * 120, t.getToCareOfBytes(), "outer IPv4 total length = 20 + 100 inner bytes");
        assertEquals(0, t.getToHomeAgentPackets());
        assertEquals(List.of(ScriptedScenario.HOA), t.getHomeAddresses());
        assertEquals(List.of(1), t.getBids());
    }

    @Test
    void trafficAfterDeregistrationIsOnAnUnregisteredTunnelAgain() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.multipath(WLAN, 1, 300, false, false);
        RegistrationRequest d1 = sc.multipath(WLAN, 1, 0, false, false);
        sc.send(1, r1).reply(1.1, r1, 0, 300).dataToCareOf(2, WLAN, 2, 100).send(3, d1).reply(3.1, d1, 0, 0)
                .dataToCareOf(4, WLAN, 2, 100);
        CaptureSession s = sc.analyze(dir);
        assertEquals(List.of(AnalysisRules.DATA_WITHOUT_BINDING), rules(s));
        assertEquals(7, s.getFindings().get(0).getFrame());
    }

    @Test
    void oneFlowCarriedOnTwoTunnelsIsNotedAsNotPerFlowBalanced() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.multipath(WLAN, 1, 300, false, false);
        RegistrationRequest r2 = sc.multipath(LTE, 2, 300, false, false);
        sc.send(1, r1).reply(1.1, r1, 0, 300).send(2, r2).reply(2.1, r2, 0, 300)
                .dataToCareOf(3, WLAN, 2, 100).dataToCareOfFrom(4, LTE, "172.16.0.7", 2, 100)
                .dataToCareOfFrom(5, WLAN, "172.16.0.7", 1, 100);
        CaptureSession s = sc.analyze(dir);
        assertEquals(List.of(AnalysisRules.FLOW_SPLIT), rules(s), "only the flow from 172.16.0.7 moved");
        assertTrue(s.getFindings().get(0).getMessage().contains("172.16.0.7"));
    }

    @Test
    void rfc7629CallFlowWlanThenLteWithAFlowBindingIsFollowedOrFlagged() throws Exception {
        // RFC 7629 §5: register WLAN (BID 1), then LTE (BID 2) with a flow binding sending the correspondent
        // 172.16.0.77's traffic over BID 2 only. Its packets on the LTE tunnel follow the policy; a later one on
        // the WLAN tunnel does not.
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest wlan = sc.multipath(WLAN, 1, 300, false, false);
        TrafficSelector ts = TrafficSelector.builder(TrafficSelector.FORMAT_IPV4)
                .address(MipFields.TS_SRC_START, "172.16.0.77").build();
        RegistrationRequest lte = sc.request(LTE, 300, 0, MultipathExtension.builder().ifAtt(8).ifLabel(2).bid(2)
                .build(), FlowBindingExtension.builder().action(1).bids(2).tsFormat(1).selector(ts).build());
        sc.send(1, wlan).reply(1.1, wlan, 0, 300).send(2, lte).reply(2.1, lte, 0, 300)
                .dataToCareOfFrom(3, LTE, "172.16.0.77", 4, 100).dataToCareOf(3, WLAN, 2, 100);
        CaptureSession ok = sc.analyze(dir);
        MobileNode mn = node(ok);
        assertEquals(1, mn.getFlowBindings().size());
        assertEquals(List.of(2), mn.getFlowBindings().get(0).getBids());
        assertEquals(1, mn.getFlowBindings().get(0).getActionCode());
        assertEquals("ipv4", mn.getFlowBindings().get(0).getSelectorFormat());
        assertEquals(List.of(), rules(ok), "traffic follows the policy");

        sc.dataToCareOfFrom(4, WLAN, "172.16.0.77", 1, 100);
        CaptureSession off = sc.analyze(dir);
        assertTrue(rules(off).contains(AnalysisRules.FLOW_OFF_POLICY), rules(off).toString());
        Finding f = off.getFindings().stream().filter(x -> x.getRule().equals(AnalysisRules.FLOW_OFF_POLICY))
                .findFirst().orElseThrow();
        // frames 1-4 signalling, 5-8 the flow on LTE, 9-10 other data on WLAN, 11 the flow on WLAN: the finding
        // points at the packet that broke the policy and names the reply that accepted it (frame 4)
        assertEquals(11, f.getFrame(), "reported at the flow's first packet on the tunnel the policy excludes");
        assertTrue(f.getMessage().contains(WLAN) && f.getMessage().contains("frame 4"), f.getMessage());
        assertTrue(f.getRelated().contains(node(off)), "names the mobile node");
    }

    @Test
    void plainRegistrationReplacesTheBindingUnlessSimultaneousBindingsAreAsked() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest a = sc.request(WLAN, 300, 0);
        RegistrationRequest b = sc.request(LTE, 300, 0);
        RegistrationRequest c = sc.request(THIRD, 300, 0x80); // S: keep the others (RFC 5944 §3.3)
        sc.send(1, a).reply(1.1, a, 0, 300).send(2, b).reply(2.1, b, 0, 300).send(3, c).reply(3.1, c, 0, 300);
        CaptureSession session = sc.analyze(dir);
        assertEquals(List.of(), rules(session), "no findings expected");
        MobileNode mn = node(session);
        assertEquals(3, mn.getBindings().size());
        assertEquals(BindingState.REPLACED, mn.getBindings().get(0).getState());
        assertEquals(WLAN, mn.getBindings().get(0).getCareOfAddress());
        assertEquals(BindingState.ACTIVE, mn.getBindings().get(1).getState());
        assertEquals(BindingState.ACTIVE, mn.getBindings().get(2).getState());
        assertEquals(ExtensionKind.NONE, mn.getBindings().get(2).getExtension());
        assertFalse(mn.getBindings().get(2).isSetBid());
    }

    @Test
    void returnHomeRemovesEveryBinding() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.multipath(WLAN, 1, 300, false, false);
        RegistrationRequest r2 = sc.multipath(LTE, 2, 300, false, false);
        RegistrationRequest home = sc.request(ScriptedScenario.HOA, 0, 0);
        sc.send(1, r1).reply(1.1, r1, 0, 300).send(2, r2).reply(2.1, r2, 0, 300).send(9, home).reply(9.1, home, 0, 0);
        CaptureSession session = sc.analyze(dir);
        assertEquals(List.of(), rules(session), "no findings expected");
        MobileNode mn = node(session);
        assertEquals(BindingState.DEREGISTERED, bid(mn, 1).getState());
        assertEquals(BindingState.DEREGISTERED, bid(mn, 2).getState());
    }

    @Test
    void authenticatorsVerifyWithTheRightKeyAndAreFlaggedWithAWrongOne() throws Exception {
        ScriptedScenario good = new ScriptedScenario().options(AnalysisOptions.defaults()
                .withKeys(new MapKeyTable().add(ScriptedScenario.KEY)));
        RegistrationRequest r1 = good.multipath(WLAN, 1, 300, false, false);
        good.send(1, r1).reply(1.1, r1, 0, 300);
        assertEquals(List.of(), rules(good.analyze(dir)));

        SecurityAssociation wrong = SecurityAssociation.hmacMd5(256, Hex.decode("ffeeddccbbaa99887766554433221100"));
        ScriptedScenario bad = new ScriptedScenario().options(AnalysisOptions.defaults().withKeys(new MapKeyTable().add(wrong)));
        RegistrationRequest r2 = bad.multipath(WLAN, 1, 300, false, false);
        bad.send(1, r2).reply(1.1, r2, 0, 300);
        CaptureSession s = bad.analyze(dir);
        assertEquals(List.of(AnalysisRules.AUTH_MISMATCH, AnalysisRules.AUTH_MISMATCH), rules(s));
        assertEquals(List.of(1L, 2L), s.getFindings().stream().map(Finding::getFrame).toList());
        for (Finding f : s.getFindings()) {
            assertFalse(f.getMessage().contains("ffeedd"), "no key material in findings");
        }
    }

    @Test
    void acceptingARequestWithBAndOSetIsFlaggedAgainstTheHomeAgent() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest bad = sc.multipath(WLAN, 1, 300, true, true);
        sc.send(1, bad).reply(1.1, bad, 0, 300);
        CaptureSession s = sc.analyze(dir);
        List<String> rules = rules(s);
        assertTrue(rules.contains(AnalysisRules.ACCEPTED_VIOLATION), rules.toString());
        assertTrue(rules.stream().anyMatch(r -> r.startsWith("RFC7629-4.1")), "message-level B+O rule: " + rules);
        Finding accepted = s.getFindings().stream()
                .filter(f -> f.getRule().equals(AnalysisRules.ACCEPTED_VIOLATION)).findFirst().orElseThrow();
        assertEquals(2, accepted.getFrame(), "reported on the accepting reply");
    }
}

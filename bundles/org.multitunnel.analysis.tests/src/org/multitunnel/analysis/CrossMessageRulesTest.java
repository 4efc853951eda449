package org.multitunnel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.Finding;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;
import org.multitunnel.wire.mip.ext.UdpTunnelRequestExtension;

/**
 * The cross-message MUST rules of RFC 7629 §5.1 and seeds 000/001 (§4.1, §5.1): each scripted violation is
 * reported exactly once, at the frame that completes the evidence, and the well-formed variant of the same
 * exchange is not reported.
 */
class CrossMessageRulesTest {
    private static final String WLAN = "198.51.100.7";
    private static final String LTE = "203.0.113.9";
    /** A foreign agent (its address is the care-of address it advertises) and the node's address on its link. */
    private static final String FA = "198.51.100.1";
    private static final String MN_ON_FA_LINK = "198.51.100.50";
    private static final int D = 0x20; // RFC 5944 §3.3: co-located care-of address, decapsulated by the node

    @TempDir
    Path dir;

    private static List<Finding> findings(CaptureSession s, String rule) {
        return s.getFindings().stream().filter(f -> f.getRule().equals(rule)).toList();
    }

    private static List<String> rules(CaptureSession s) {
        return s.getFindings().stream().map(Finding::getRule).toList();
    }

    private static MultiInterfaceRoutingExtension mir() {
        return MultiInterfaceRoutingExtension.builder().ifId(1).ifType(4).linkWeight(50).build();
    }

    private static MultipleTunnelRequestExtension mts(int bid) {
        return MultipleTunnelRequestExtension.builder().ifType(4).bid(bid).build();
    }

    // ---- MIR-4.1 / MTS02-4.1 ADDED-BY-AGENT -------------------------------------------------------------------

    @Test
    void foreignAgentAddingMultiInterfaceRoutingToRelayedRequestIsReportedOnce() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest rq = sc.request(FA, 300, 0); // the node asks for a plain registration
        sc.relayAdding(1, rq, MN_ON_FA_LINK, FA, mir()).replyVia(1.1, rq, 0, 300, FA, MN_ON_FA_LINK);
        CaptureSession s = sc.analyze(dir);
        List<Finding> f = findings(s, AnalysisRules.MIR_ADDED_BY_AGENT);
        assertEquals(1, f.size(), "findings: " + rules(s));
        assertEquals(2, f.get(0).getFrame(), "reported at the foreign agent's copy");
        assertEquals(List.of(), findings(s, AnalysisRules.MTS02_ADDED_BY_AGENT));
    }

    @Test
    void foreignAgentAddingMultipleTunnelRequestToRelayedRequestIsReportedOnce() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest rq = sc.request(FA, 300, 0);
        sc.relayAdding(1, rq, MN_ON_FA_LINK, FA, mts(1)).replyVia(1.1, rq, 0, 300, FA, MN_ON_FA_LINK);
        CaptureSession s = sc.analyze(dir);
        List<Finding> f = findings(s, AnalysisRules.MTS02_ADDED_BY_AGENT);
        assertEquals(1, f.size(), "findings: " + rules(s));
        assertEquals(2, f.get(0).getFrame());
        assertEquals(List.of(), findings(s, AnalysisRules.MIR_ADDED_BY_AGENT));
    }

    @Test
    void extensionsTheNodeSentAndTheAgentRelayedUnchangedAreNotReported() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest withMir = sc.request(FA, 300, 0, mir());
        RegistrationRequest withMts = sc.request(FA, 300, 0, mts(2));
        sc.relay(1, withMir, MN_ON_FA_LINK, FA).replyVia(1.1, withMir, 0, 300, FA, MN_ON_FA_LINK)
                .relay(2, withMts, MN_ON_FA_LINK, FA).replyVia(2.1, withMts, 0, 300, FA, MN_ON_FA_LINK);
        CaptureSession s = sc.analyze(dir);
        assertEquals(List.of(), findings(s, AnalysisRules.MIR_ADDED_BY_AGENT), "findings: " + rules(s));
        assertEquals(List.of(), findings(s, AnalysisRules.MTS02_ADDED_BY_AGENT), "findings: " + rules(s));
    }

    // ---- MTS02-5.1 ROUTED-VIA-INTERFACE ------------------------------------------------------------------------

    @Test
    void coLocatedRegistrationSentThroughTheOtherInterfaceIsReportedOnce() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest wlan = sc.request(WLAN, 300, D, mts(1));
        RegistrationRequest lte = sc.request(LTE, 300, D, mts(2));
        sc.send(1, wlan).reply(1.1, wlan, 0, 300).sendFrom(2, lte, WLAN)
                .sendFrom(3, lte, WLAN) // a retransmission is the same mistake, not a second one
                .reply(3.1, lte, 0, 300);
        CaptureSession s = sc.analyze(dir);
        List<Finding> f = findings(s, AnalysisRules.MTS02_ROUTED_VIA_INTERFACE);
        assertEquals(1, f.size(), "findings: " + rules(s));
        assertEquals(3, f.get(0).getFrame(), "the request for the LTE care-of address");
    }

    @Test
    void coLocatedRegistrationsEachSentFromTheirOwnAddressAreNotReported() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest wlan = sc.request(WLAN, 300, D, mts(1));
        RegistrationRequest lte = sc.request(LTE, 300, D, mts(2));
        sc.send(1, wlan).reply(1.1, wlan, 0, 300).send(2, lte).reply(2.1, lte, 0, 300);
        CaptureSession s = sc.analyze(dir);
        assertEquals(List.of(), findings(s, AnalysisRules.MTS02_ROUTED_VIA_INTERFACE), "findings: " + rules(s));
    }

    // ---- RFC7629-5.1 REREG-SAME-PATH ---------------------------------------------------------------------------

    @Test
    void lifetimeExtensionSentThroughAnotherInterfaceIsReportedOnce() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.multipath(WLAN, 1, 300, false, false);
        RegistrationRequest r2 = sc.multipath(LTE, 2, 300, false, false);
        RegistrationRequest refresh = sc.multipath(WLAN, 1, 300, false, false);
        sc.send(1, r1).reply(1.1, r1, 0, 300).send(2, r2).reply(2.1, r2, 0, 300)
                .sendFrom(100, refresh, LTE).reply(100.1, refresh, 0, 300);
        CaptureSession s = sc.analyze(dir);
        List<Finding> f = findings(s, AnalysisRules.REREG_SAME_PATH);
        assertEquals(1, f.size(), "findings: " + rules(s));
        assertEquals(6, f.get(0).getFrame(), "judged at the reply, when every copy of the refresh is seen");
        assertEquals(List.of(), findings(s, AnalysisRules.UPDATE_SETS_O));
    }

    @Test
    void lifetimeExtensionsOnTheirOwnPathsAreNotReported() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.multipath(WLAN, 1, 300, false, false);
        RegistrationRequest viaFa = sc.multipath(FA, 2, 300, false, false);
        RegistrationRequest refresh1 = sc.multipath(WLAN, 1, 300, false, false);
        RegistrationRequest refresh2 = sc.multipath(FA, 2, 300, false, false);
        sc.send(1, r1).reply(1.1, r1, 0, 300).relay(2, viaFa, MN_ON_FA_LINK, FA)
                .replyVia(2.1, viaFa, 0, 300, FA, MN_ON_FA_LINK).send(100, refresh1).reply(100.1, refresh1, 0, 300)
                .relay(101, refresh2, MN_ON_FA_LINK, FA).replyVia(101.1, refresh2, 0, 300, FA, MN_ON_FA_LINK);
        CaptureSession s = sc.analyze(dir);
        assertEquals(List.of(), rules(s), "no findings expected");
    }

    // ---- RFC7629-5.1 UPDATE-SETS-O -----------------------------------------------------------------------------

    @Test
    void newCareOfAddressForRegisteredBidWithoutOverwriteIsReportedOnce() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.multipath(WLAN, 1, 300, false, false);
        RegistrationRequest moved = sc.multipath(LTE, 1, 300, false, false);
        sc.send(1, r1).reply(1.1, r1, 0, 300).send(5, moved).reply(5.1, moved, 0, 300);
        CaptureSession s = sc.analyze(dir);
        List<Finding> f = findings(s, AnalysisRules.UPDATE_SETS_O);
        assertEquals(1, f.size(), "findings: " + rules(s));
        assertEquals(4, f.get(0).getFrame());
        assertEquals(List.of(), findings(s, AnalysisRules.REREG_SAME_PATH));
    }

    @Test
    void newCareOfAddressForRegisteredBidWithOverwriteIsNotReported() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.multipath(WLAN, 1, 300, false, false);
        RegistrationRequest moved = sc.multipath(LTE, 1, 300, false, true);
        sc.send(1, r1).reply(1.1, r1, 0, 300).send(5, moved).reply(5.1, moved, 0, 300);
        CaptureSession s = sc.analyze(dir);
        assertEquals(List.of(), rules(s), "no findings expected");
    }

    /** BID 1 on WLAN (If-ATT 4) with the given If-Label and O flag. */
    private static RegistrationRequest labelled(ScriptedScenario sc, int label, boolean overwrite) {
        return sc.request(WLAN, 300, 0, MultipathExtension.builder().ifAtt(4).ifLabel(label).bid(1)
                .overwrite(overwrite).build());
    }

    @Test
    void newInterfaceLabelForRegisteredBidWithoutOverwriteIsReportedOnce() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = labelled(sc, 1, false);
        RegistrationRequest relabelled = labelled(sc, 9, false);
        sc.send(1, r1).reply(1.1, r1, 0, 300).send(5, relabelled).reply(5.1, relabelled, 0, 300);
        CaptureSession s = sc.analyze(dir);
        List<Finding> f = findings(s, AnalysisRules.UPDATE_SETS_O);
        assertEquals(1, f.size(), "findings: " + rules(s));
        assertEquals(4, f.get(0).getFrame());
    }

    @Test
    void refreshAfterAnAcceptedUpdateIsJudgedAgainstTheUpdatedParameters() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = labelled(sc, 1, false);
        RegistrationRequest update = labelled(sc, 9, true); // O = 1: the update as §5.1 requires it
        RegistrationRequest refresh = labelled(sc, 9, false); // plain lifetime extension of the updated binding
        sc.send(1, r1).reply(1.1, r1, 0, 300).send(5, update).reply(5.1, update, 0, 300).send(50, refresh)
                .reply(50.1, refresh, 0, 300);
        CaptureSession s = sc.analyze(dir);
        assertEquals(List.of(), rules(s), "no findings expected");
    }

    @Test
    void udpTunnelledLifetimeExtensionFromAnotherNatAddressIsNotJudged() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        MultipathExtension bid1 = MultipathExtension.builder().ifAtt(4).ifLabel(1).bid(1).build();
        RegistrationRequest r1 = sc.request(WLAN, 300, 0, bid1, UdpTunnelRequestExtension.of(4, false, false));
        RegistrationRequest refresh = sc.request(WLAN, 300, 0, bid1, UdpTunnelRequestExtension.of(4, false, false));
        sc.sendFrom(1, r1, "192.0.2.200").reply(1.1, r1, 0, 300).sendFrom(100, refresh, "192.0.2.201")
                .reply(100.1, refresh, 0, 300); // the NAT's public address changed in between
        CaptureSession s = sc.analyze(dir);
        assertEquals(List.of(), findings(s, AnalysisRules.REREG_SAME_PATH), "findings: " + rules(s));
    }
}

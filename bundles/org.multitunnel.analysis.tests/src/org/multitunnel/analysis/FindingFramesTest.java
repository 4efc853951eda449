package org.multitunnel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.Finding;
import org.multitunnel.model.MobileNode;
import org.multitunnel.model.Registration;
import org.multitunnel.model.Severity;
import org.multitunnel.model.Tunnel;
import org.multitunnel.model.export.FindingObjects;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;

/**
 * Every finding points at a real frame and names what it concerns: the findings about more than one packet (a
 * flow split over tunnels, a share far from the requested weights, a damaged capture) used to say frame 0, which
 * the GUI shows as an empty cell that a double-click cannot follow; a registration cut short used to vanish.
 */
class FindingFramesTest {
    private static final String WLAN = "198.51.100.7";
    private static final String LTE = "203.0.113.9";

    @TempDir
    Path dir;

    private static Finding only(CaptureSession s, String rule) {
        List<Finding> f = s.getFindings().stream().filter(x -> x.getRule().equals(rule)).toList();
        assertEquals(1, f.size(), s.getFindings().stream().map(x -> x.getFrame() + " " + x.getRule() + ": "
                + x.getMessage()).toList().toString());
        return f.get(0);
    }

    @Test
    void flowSplitPointsAtTheFlowsFirstPacketOnItsSecondTunnelAndNamesBothTunnelsTheNodeAndItsBids()
            throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.multipath(WLAN, 1, 300, false, false);
        RegistrationRequest r2 = sc.multipath(LTE, 2, 300, false, false);
        // frames 1-4 signalling; 5-6 the flow from 172.16.0.40 on WLAN; 7-8 the same flow on LTE; 9 back on WLAN
        sc.send(1, r1).reply(1.1, r1, 0, 300).send(2, r2).reply(2.1, r2, 0, 300)
                .dataToCareOfFrom(3, WLAN, "172.16.0.40", 2, 100).dataToCareOfFrom(4, LTE, "172.16.0.40", 2, 100)
                .dataToCareOfFrom(5, WLAN, "172.16.0.40", 1, 100);
        CaptureSession s = sc.analyze(dir);
        Finding f = only(s, AnalysisRules.FLOW_SPLIT);
        assertEquals(7, f.getFrame(), "the flow's first packet on the second tunnel it used");
        FindingObjects o = FindingObjects.of(f);
        assertEquals(ScriptedScenario.HOA, o.homeAddress());
        assertEquals(List.of(1, 2), o.bids());
        assertEquals(List.of(ScriptedScenario.HA + ">" + WLAN + "/ipip", ScriptedScenario.HA + ">" + LTE + "/ipip"),
                o.tunnels().stream().map(FindingObjects.TunnelRef::text).toList());
        assertTrue(f.getMessage().contains("from frame 5") && f.getMessage().contains("from frame 7"),
                f.getMessage());
    }

    @Test
    void truncatedRegistrationRequestIsReportedAtItsFrameNotDropped() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        sc.raw(1, WLAN, ScriptedScenario.HA, Hex.decode("01" // Type 1: Registration Request
                + "02" // flags: T
                + "012c" // Lifetime 300
                + "0a010005" // Home Address 10.1.0.5
                + "c0000201" // Home Agent 192.0.2.1
                + "c6336407" // Care-of Address 198.51.100.7
                + "01020304")); // half an Identification: 20 of the 24 fixed bytes
        CaptureSession s = sc.analyze(dir);
        Finding f = only(s, "RFC5944-3.3-TRUNCATED");
        assertEquals(1, f.getFrame());
        assertEquals(Severity.ERROR, f.getSeverity());
        assertTrue(f.getMessage().contains("20 byte(s)") && f.getMessage().contains("24-byte"), f.getMessage());
        assertFalse(s.getFindings().stream().anyMatch(x -> x.getRule().equals(AnalysisRules.UNDECODABLE)));
    }

    @Test
    void truncatedReplyAndRevocationAreReportedToo() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        sc.raw(1, ScriptedScenario.HA, WLAN, Hex.decode("03" // Type 3: Registration Reply
                + "00" + "012c" // Code 0, Lifetime 300
                + "0a010005" // Home Address 10.1.0.5
                + "c0000201")) // Home Agent; the Identification is missing (12 of 20 bytes)
                .raw(2, ScriptedScenario.HA, WLAN, Hex.decode("07" // Type 7: Registration Revocation (RFC 3543 §6.1)
                        + "00" + "8000" // Reserved, flags A
                        + "0a010005")); // Home Address; 8 of 20 bytes
        CaptureSession s = sc.analyze(dir);
        List<Long> frames = s.getFindings().stream().filter(x -> x.getRule().equals("RFC5944-3.3-TRUNCATED"))
                .map(Finding::getFrame).toList();
        assertEquals(List.of(1L, 2L), frames);
    }

    @Test
    void shareFarFromTheRequestPointsAtTheRegistrationThatAskedForIt() throws Exception {
        String if1 = "198.51.100.11";
        String if2 = "198.51.100.12";
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.request(if1, 300, 0, mir(1));
        RegistrationRequest r2 = sc.request(if2, 300, 0, mir(2));
        sc.send(1, r1).reply(1.1, r1, 0, 300).send(2, r2).reply(2.1, r2, 0, 300)
                .dataToCareOf(3, if1, 90, 200).dataToCareOf(4, if2, 10, 200);
        CaptureSession s = sc.analyze(dir);
        List<Finding> share = s.getFindings().stream()
                .filter(x -> x.getRule().equals(AnalysisRules.SHARE_OFF_REQUEST)).toList();
        assertEquals(2, share.size());
        for (Finding f : share) {
            FindingObjects o = FindingObjects.of(f);
            String coa = o.tunnels().get(0).careOfAddress();
            assertEquals(coa.equals(if1) ? 2 : 4, f.getFrame(), "the reply that registered " + coa);
            assertEquals(ScriptedScenario.HOA, o.homeAddress());
            assertEquals(List.of(coa.equals(if1) ? 1 : 2), o.bids());
        }
    }

    @Test
    void unboundTunnelDataNamesItsTunnel() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        sc.dataToCareOf(1, WLAN, 1, 100); // no registration: the HA is unknown, nothing to judge
        RegistrationRequest r1 = sc.multipath(WLAN, 1, 300, false, false);
        sc.send(2, r1).dataToCareOf(3, WLAN, 1, 100).reply(4, r1, 0, 300);
        CaptureSession s = sc.analyze(dir);
        Finding f = only(s, AnalysisRules.DATA_WITHOUT_BINDING);
        assertEquals(3, f.getFrame());
        assertEquals(1, f.getRelated().size());
        Tunnel t = (Tunnel) f.getRelated().get(0);
        assertEquals(WLAN, t.getCareOfAddress());
    }

    @Test
    void damagedCaptureIsReportedAfterTheLastGoodFrame() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.multipath(WLAN, 1, 300, false, false);
        sc.send(1, r1).reply(1.1, r1, 0, 300).trailingGarbage(new byte[] {6, 0, 0, 0, 1, 2}); // a cut block
        CaptureSession s = sc.analyze(dir);
        Finding f = only(s, AnalysisRules.CAPTURE_READ);
        assertEquals(2, f.getFrame());
        assertTrue(f.getMessage().contains("after frame 2"), f.getMessage());
    }

    @Test
    void registrationFindingsNameTheRegistrationTheyConcern() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.multipath(WLAN, 1, 300, false, false);
        sc.send(1, r1); // never answered
        CaptureSession s = sc.analyze(dir);
        Finding f = only(s, AnalysisRules.UNANSWERED_REQUEST);
        assertEquals(1, f.getFrame());
        EObject about = f.getRelated().get(0);
        assertTrue(about instanceof Registration, String.valueOf(about));
        MobileNode mn = (MobileNode) about.eContainer();
        assertEquals(ScriptedScenario.HOA, mn.getHomeAddress());
        assertEquals(List.of(1), FindingObjects.of(f).bids());
    }

    private static MultiInterfaceRoutingExtension mir(int ifId) {
        return MultiInterfaceRoutingExtension.builder().ifId(ifId).weightedMode(true).ifType(ifId == 1 ? 4 : 8)
                .linkWeight(1).build();
    }
}

package org.multitunnel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.model.Binding;
import org.multitunnel.model.BindingState;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.Encapsulation;
import org.multitunnel.model.ExtensionKind;
import org.multitunnel.model.MobileNode;
import org.multitunnel.model.Tunnel;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;
import org.multitunnel.wire.mip.ext.UdpTunnelRequestExtension;

/**
 * The five topologies of seed 000 ("Multi-Interface Routing", §5.1–5.5) as captured at the home agent: what the
 * bindings and tunnels must be in each. Interfaces are told apart by the Multi-Interface Routing extension's If-Id.
 */
class Seed000CasesTest {
    private static final String MT_IF_1 = "198.51.100.11";
    private static final String MT_IF_2 = "198.51.100.12";
    private static final String FA_1 = "198.51.100.101";
    private static final String FA_2 = "198.51.100.102";

    @TempDir
    Path dir;

    private static MultiInterfaceRoutingExtension mir(int ifId, int weight) {
        return MultiInterfaceRoutingExtension.builder().ifId(ifId).weightedMode(true).ifType(ifId == 1 ? 4 : 8)
                .linkWeight(weight).build();
    }

    private static List<String> tunnels(CaptureSession s) {
        return s.getTunnels().stream().map(t -> t.getHomeAgent() + "-" + t.getCareOfAddress() + "/"
                + t.getEncapsulation().getLiteral()).toList();
    }

    private static List<String> activeBindings(MobileNode mn) {
        return mn.getBindings().stream().filter(b -> b.getState() == BindingState.ACTIVE)
                .map(b -> b.getBid() + "@" + b.getCareOfAddress()).toList();
    }

    @Test
    void case1CoLocatedCareOfAddressesGiveOneTunnelPerInterface() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.request(MT_IF_1, 300, 0, mir(1, 3));
        RegistrationRequest r2 = sc.request(MT_IF_2, 300, 0, mir(2, 1));
        sc.send(1, r1).reply(1.1, r1, 0, 300).send(2, r2).reply(2.1, r2, 0, 300)
                .dataToCareOf(3, MT_IF_1, 3, 200).dataToCareOf(3.5, MT_IF_2, 1, 200);
        CaptureSession s = sc.analyze(dir);
        MobileNode mn = s.getMobileNodes().get(0);
        assertEquals(List.of("1@" + MT_IF_1, "2@" + MT_IF_2), activeBindings(mn));
        Binding b1 = mn.getBindings().get(0);
        assertEquals(ExtensionKind.MULTI_INTERFACE, b1.getExtension());
        assertEquals(3, b1.getLinkWeight());
        assertEquals(List.of(ScriptedScenario.HA + "-" + MT_IF_1 + "/ipip", ScriptedScenario.HA + "-" + MT_IF_2 + "/ipip"),
                tunnels(s));
        assertEquals(3, s.getTunnels().get(0).getToCareOfPackets());
        assertEquals(1, s.getTunnels().get(1).getToCareOfPackets());
        assertEquals(List.of(), s.getFindings());
    }

    @Test
    void observedShareFarFromTheRequestedLinkWeightsIsNoted() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.request(MT_IF_1, 300, 0, mir(1, 1));
        RegistrationRequest r2 = sc.request(MT_IF_2, 300, 0, mir(2, 1));
        // Equal weights asked, but 90% of the bytes go to interface 1.
        sc.send(1, r1).reply(1.1, r1, 0, 300).send(2, r2).reply(2.1, r2, 0, 300)
                .dataToCareOf(3, MT_IF_1, 90, 200).dataToCareOf(4, MT_IF_2, 10, 200);
        CaptureSession s = sc.analyze(dir);
        List<String> rules = s.getFindings().stream().map(f -> f.getRule()).toList();
        assertEquals(List.of(AnalysisRules.SHARE_OFF_REQUEST, AnalysisRules.SHARE_OFF_REQUEST), rules);
        assertTrue(s.getFindings().get(0).getMessage().contains("90%") || s.getFindings().get(1).getMessage()
                .contains("90%"), s.getFindings().toString());
    }

    @Test
    void case2SeveralForeignAgentsGiveOneTunnelPerForeignAgentCareOfAddress() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.request(FA_1, 300, 0, mir(1, 1));
        RegistrationRequest r2 = sc.request(FA_2, 300, 0, mir(2, 1));
        sc.relay(1, r1, MT_IF_1, FA_1).replyVia(1.1, r1, 0, 300, FA_1, MT_IF_1)
                .relay(2, r2, MT_IF_2, FA_2).replyVia(2.1, r2, 0, 300, FA_2, MT_IF_2)
                .dataToCareOf(3, FA_1, 2, 100).dataToCareOf(3, FA_2, 2, 100);
        CaptureSession s = sc.analyze(dir);
        MobileNode mn = s.getMobileNodes().get(0);
        assertEquals(2, mn.getRegistrations().size(), "a relayed request is one transaction, not a retransmission");
        assertEquals(0, mn.getRegistrations().get(0).getRetransmissions());
        assertEquals(List.of("1@" + FA_1, "2@" + FA_2), activeBindings(mn));
        assertEquals(List.of(ScriptedScenario.HA + "-" + FA_1 + "/ipip", ScriptedScenario.HA + "-" + FA_2 + "/ipip"), tunnels(s));
        assertEquals(List.of(), s.getFindings());
    }

    @Test
    void case3OneForeignAgentCareOfAddressCarriesAllInterfacesInOneTunnel() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        RegistrationRequest r1 = sc.request(FA_1, 300, 0, mir(1, 1));
        RegistrationRequest r2 = sc.request(FA_1, 300, 0, mir(2, 1));
        sc.relay(1, r1, MT_IF_1, FA_1).replyVia(1.1, r1, 0, 300, FA_1, MT_IF_1)
                .relay(2, r2, MT_IF_2, FA_1).replyVia(2.1, r2, 0, 300, FA_1, MT_IF_2).dataToCareOf(3, FA_1, 4, 100);
        CaptureSession s = sc.analyze(dir);
        MobileNode mn = s.getMobileNodes().get(0);
        assertEquals(List.of("1@" + FA_1, "2@" + FA_1), activeBindings(mn));
        assertEquals(List.of(ScriptedScenario.HA + "-" + FA_1 + "/ipip"), tunnels(s));
        Tunnel t = s.getTunnels().get(0);
        assertEquals(List.of(1, 2), t.getBids());
        assertEquals(4, t.getToCareOfPackets());
    }

    @Test
    void case4OneForeignAgentWithSeveralCareOfAddressesGivesOneTunnelPerAddress() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        String coa1 = "198.51.100.201";
        String coa2 = "198.51.100.202";
        RegistrationRequest r1 = sc.request(coa1, 300, 0, mir(1, 1));
        RegistrationRequest r2 = sc.request(coa2, 300, 0, mir(2, 1));
        // The one foreign agent relays from each of its care-of addresses.
        sc.relay(1, r1, MT_IF_1, coa1).replyVia(1.1, r1, 0, 300, coa1, MT_IF_1)
                .relay(2, r2, MT_IF_2, coa2).replyVia(2.1, r2, 0, 300, coa2, MT_IF_2)
                .dataToCareOf(3, coa1, 1, 100).dataToCareOf(3, coa2, 1, 100);
        CaptureSession s = sc.analyze(dir);
        assertEquals(List.of("1@" + coa1, "2@" + coa2), activeBindings(s.getMobileNodes().get(0)));
        assertEquals(List.of(ScriptedScenario.HA + "-" + coa1 + "/ipip", ScriptedScenario.HA + "-" + coa2 + "/ipip"), tunnels(s));
    }

    @Test
    void case5NatTraversalUsesRfc3519UdpTunnelling() throws Exception {
        ScriptedScenario sc = new ScriptedScenario();
        String nat = "203.0.113.50";
        RegistrationRequest r1 = sc.request(nat, 300, 0, mir(1, 1), UdpTunnelRequestExtension.of(4, false, false));
        sc.send(1, r1).reply(1.1, r1, 0, 300).udpTunnelToHomeAgent(2, nat, 434, 5, 100);
        CaptureSession s = sc.analyze(dir);
        MobileNode mn = s.getMobileNodes().get(0);
        assertEquals(Encapsulation.UDP, mn.getBindings().get(0).getEncapsulation());
        assertEquals(List.of(ScriptedScenario.HA + "-" + nat + "/udp"), tunnels(s));
        Tunnel t = s.getTunnels().get(0);
        assertEquals(5, t.getToHomeAgentPackets());
        // outer IPv4 20 + UDP 8 + RFC 3519 header 4 + inner 100
        assertEquals(5 * 132, t.getToHomeAgentBytes());
        assertEquals(0, t.getToCareOfPackets(), "registration signalling on port 434 is not tunnel data");
    }
}

package org.multitunnel.agent.fa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.multitunnel.agent.ha.HaBinding;
import org.multitunnel.agent.ha.HomeAgent;
import org.multitunnel.agent.ha.HomeAgentConfig;
import org.multitunnel.agent.net.NtpIdentification;
import org.multitunnel.agent.testutil.UdpProbe;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ReplyCodes;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.AuthExtension;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;

/**
 * MN → FA → HA → FA → MN over loopback (HA 127.0.0.1, FA 127.0.0.2, MN 127.0.0.3), with the FA's own rules — the
 * docs/conformance.md rows checked by "agent": {@value #MTS02_FA_REJECT}, {@value #MIR_FA_REJECT_UNAVAIL},
 * {@value #MIR_FA_REJECT_UNEQUAL}.
 */
class ForeignAgentRelayTest {
    static final String MTS02_FA_REJECT = "MTS02-5.2-FA-REJECT";
    static final String MIR_FA_REJECT_UNAVAIL = "MIR-4.2-FA-REJECT-UNAVAIL";
    static final String MIR_FA_REJECT_UNEQUAL = "MIR-4.2-FA-REJECT-UNEQUAL";
    private static final String HOA = "10.1.0.5";
    private static final byte[] MN_KEY = "mn-ha-key-000001".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FA_KEY = "fa-ha-key-000001".getBytes(StandardCharsets.US_ASCII);
    private static final SecurityAssociation SA = SecurityAssociation.hmacMd5(0x200, MN_KEY);

    private HomeAgent ha;
    private ForeignAgent fa;
    private UdpProbe mn;
    private long idCounter;

    private void start(byte[] haSideFaKey, ForeignAgentConfig.Builder faConfig) throws Exception {
        HomeAgentConfig.Builder hb = HomeAgentConfig.builder().listen(new InetSocketAddress("127.0.0.1", 0))
                .key(0x200, MN_KEY);
        if (haSideFaKey != null) {
            hb.faHaKey(0x300, haSideFaKey);
        }
        ha = HomeAgent.start(hb.build());
        fa = ForeignAgent.start(faConfig.listen(new InetSocketAddress("127.0.0.2", 0)).homeAgent(ha.localAddress())
                .faHaKey(0x300, FA_KEY).build());
        mn = new UdpProbe("127.0.0.3");
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] { mn, fa, ha }) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    private RegistrationRequest.Builder request(String coa) {
        return RegistrationRequest.builder().lifetime(300).homeAddress(HOA).homeAgent("127.0.0.1").careOfAddress(coa)
                .identification(NtpIdentification.of(java.time.Instant.now()) + ++idCounter);
    }

    @Test
    void relaysRequestAndReplyWithFaHaAuthentication() throws Exception {
        start(FA_KEY, ForeignAgentConfig.builder());
        RegistrationRequest rq = request("127.0.0.2").extension(MultipathExtension.builder().ifAtt(4).bid(1).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
        RegistrationReply r = mn.exchange(rq.encode(), fa.localAddress());
        assertEquals(0, r.code());
        assertEquals(rq.identification(), r.identification());
        assertEquals(1, r.extensions(AuthExtension.class).size(), "the HA's MN-HA authenticator is relayed");
        List<HaBinding> b = ha.bindings(HOA);
        assertEquals(1, b.size());
        assertEquals("127.0.0.2", b.get(0).careOfAddress());
        List<Visitor> v = fa.visitors();
        assertEquals(1, v.size());
        assertFalse(v.get(0).pending());
        assertEquals(300, v.get(0).grantedLifetime());
        assertEquals(mn.localAddress(), v.get(0).source());
        assertTrue(fa.statusJson().contains("\"homeAddress\":\"10.1.0.5\""), fa.statusJson());
    }

    @Test
    void homeAgentRejectsAWrongFaHaAuthenticatorWith132() throws Exception {
        start("another-fa-key!!".getBytes(StandardCharsets.US_ASCII), ForeignAgentConfig.builder());
        RegistrationRequest rq = request("127.0.0.2").authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
        RegistrationReply r = mn.exchange(rq.encode(), fa.localAddress());
        assertEquals(132, r.code());
        assertEquals(List.of(), ha.bindings());
        assertEquals(List.of(), fa.visitors(), "a denied registration leaves no visitor");
    }

    @Test
    void foreignAgentDeniesMultipleTunnelRequestsWhenItsPolicySaysSo() throws Exception {
        // MTS02-5.2-FA-REJECT: EnableMultipleTunnelSupport = 0 at the FA
        start(FA_KEY, ForeignAgentConfig.builder().multipleTunnelSupport(false));
        RegistrationRequest rq = request("127.0.0.2")
                .extension(MultipleTunnelRequestExtension.builder().ifType(4).bid(1).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
        RegistrationReply r = mn.exchange(rq.encode(), fa.localAddress());
        assertEquals(ReplyCodes.standard().valueOf("MULTIPLE_TUNNEL_REQUEST_DENIED_BY_FA"), r.code());
        assertTrue(r.code() >= 64 && r.code() < 128, "an FA code");
        assertEquals(0, ha.requestCount(), "never relayed");
    }

    @Test
    void foreignAgentDeniesMultiInterfaceRoutingWhenNotOffered() throws Exception {
        // MIR-4.2-FA-REJECT-UNAVAIL
        start(FA_KEY, ForeignAgentConfig.builder().multiInterfaceRoutingSupport(false));
        RegistrationRequest rq = request("127.0.0.2")
                .extension(MultiInterfaceRoutingExtension.builder().ifId(1).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
        assertEquals(ReplyCodes.standard().valueOf("ERROR_FA_MULTI_IF_REG_UNAVAIL"),
                mn.exchange(rq.encode(), fa.localAddress()).code());
    }

    @Test
    void foreignAgentRelaysMultipleTunnelRequestsWhenItsPolicyAllowsThem() throws Exception {
        // control for MTS02-5.2-FA-REJECT: the denial comes from the FA's variable, not from the extension
        start(FA_KEY, ForeignAgentConfig.builder());
        RegistrationRequest rq = request("127.0.0.2")
                .extension(MultipleTunnelRequestExtension.builder().ifType(4).bid(1).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
        assertEquals(0, mn.exchange(rq.encode(), fa.localAddress()).code());
        assertEquals(1L, ha.requestCount());
        assertEquals("multiple-tunnel-02", ha.bindings(HOA).get(0).extension());
    }

    private RegistrationRequest mir(int ifId, int weight) {
        return request("127.0.0.2").extension(MultiInterfaceRoutingExtension.builder().ifId(ifId).ifType(4)
                .weightedMode(true).linkWeight(weight).build()).authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
    }

    @Test
    void foreignAgentDeniesUnequalLinkWeightsWhenItCannotDistributeUnequally() throws Exception {
        // MIR-4.2-FA-REJECT-UNEQUAL: a second interface of the same node behind this FA asks for another weight
        start(FA_KEY, ForeignAgentConfig.builder().unequalLoadSupport(false));
        assertEquals(0, mn.exchange(mir(1, 1).encode(), fa.localAddress()).code(), "If-Id 1 weight 1");
        RegistrationReply r = mn.exchange(mir(2, 3).encode(), fa.localAddress());
        assertEquals(ReplyCodes.standard().valueOf("ERROR_FA_MULTI_IF_UNEQUAL_LD_UNAVAIL"), r.code());
        assertTrue(r.code() >= 64 && r.code() < 128, "an FA code");
        assertEquals(1L, ha.requestCount(), "the unequal request is never relayed");
        assertEquals(1, ha.bindings(HOA).size());
        // control: an equal weight on the second interface is relayed and accepted
        assertEquals(0, mn.exchange(mir(2, 1).encode(), fa.localAddress()).code(), "If-Id 2 weight 1");
        assertEquals(2, ha.bindings(HOA).size());
    }

    @Test
    void foreignAgentRelaysUnequalLinkWeightsWhenItSupportsThem() throws Exception {
        // control for MIR-4.2-FA-REJECT-UNEQUAL
        start(FA_KEY, ForeignAgentConfig.builder());
        assertEquals(0, mn.exchange(mir(1, 1).encode(), fa.localAddress()).code());
        assertEquals(0, mn.exchange(mir(2, 3).encode(), fa.localAddress()).code());
        assertEquals(List.of(1, 3), ha.bindings(HOA).stream().map(HaBinding::linkWeight).sorted().toList());
    }
}

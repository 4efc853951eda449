package org.multitunnel.agent.conformance;

import java.util.List;

import org.multitunnel.agent.client.ClientResult;
import org.multitunnel.wire.mip.ReplyCodes;
import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;

/**
 * The draft variants as scenarios, with their extension types and reply codes at this project's default numbers
 * (never assigned by IANA; see ExtensionTypes and ReplyCodes): seed 001 (MTS02) Multiple Tunnel Request and seed
 * 000 (MIR) Multi-Interface Routing. Neither draft has flow bindings, so only reply codes are observed.
 */
final class DraftScenarios {
    private static final int LIFE = 60;

    private DraftScenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                new DefinedScenario("MTS02-5.3-MULTI-REG", "Two tunnels registered by Binding-Id are accepted",
                        "MTS02 §5.3", "The home agent ... associate[s] a mobile node with multiple care-of addresses "
                                + "when EnableMultipleTunnelSupport is 1 (one registration per interface, each with "
                                + "the Multiple Tunnel Request extension).",
                        DraftScenarios::mtsTwoTunnels),
                new DefinedScenario("MTS02-5.3-HA-REJECT", "Multiple tunnels refused → MULTIPLE_TUNNEL_REQUEST_DENIED_"
                        + "BY_HA", "MTS02 §5.3", "If the value of this variable [EnableMultipleTunnelSupport] is set to "
                                + "0, the home agent MUST reject the request with a registration reply and with the code "
                                + "set to MULTIPLE_TUNNEL_REQUEST_DENIED_BY_HA.",
                        DraftScenarios::mtsDenied),
                new DefinedScenario("MTS02-4.1-B-AND-O", "B and O together are not accepted", "MTS02 §4.1",
                        "This flag MUST NOT be set to a value of 1, if the value of the Registration Overwrite Flag "
                                + "(O) flag is set to a value of 1.",
                        DraftScenarios::mtsBAndO),
                new DefinedScenario("MTS02-4.1-RESERVED-IGNORED", "Reserved bits are ignored", "MTS02 §4.1",
                        "The value MUST be initialized to 0 by the sender and MUST be ignored by the receiver.",
                        DraftScenarios::mtsReserved),
                new DefinedScenario("MIR-4.1-MULTI-REG", "Two interfaces registered with equal weights are accepted",
                        "MIR §4.1", "The home agent after authorizing the request MUST create a tunnel to the care-of "
                                + "address listed in the registration request.",
                        DraftScenarios::mirTwoInterfaces),
                new DefinedScenario("MIR-4.2-HA-REJECT-UNAVAIL", "Service not allowed → ERROR_HA_MULTI_IF_REG_UNAVAIL",
                        "MIR §4.2, §6.3", "A home agent that is not configured to support this Multi-Interface "
                                + "Routing feature or when it is not allowed to offer this service to the requesting "
                                + "mobile terminal, MUST reject the request with the above reply code.",
                        DraftScenarios::mirDenied),
                new DefinedScenario("MIR-4.2-HA-REJECT-UNEQUAL", "Unequal weights: accepted if supported, else "
                        + "ERROR_HA_MULTI_IF_UNEQUAL_LD_UNAVAIL", "MIR §4.2, §6.3", "A home agent that is not capable "
                                + "of routing the traffic to the mobile terminal on its registered interfaces, in "
                                + "unequal load distribution terms as requested MUST reject the request with the above "
                                + "code.",
                        DraftScenarios::mirUnequal),
                new DefinedScenario("MIR-4.1-RESERVED-IGNORED", "Reserved fields are ignored", "MIR §4.1",
                        "Reserved-0 / Reserved-1: Reserved for future use. MUST be set to 0 on sending, MUST be "
                                + "ignored on reception.",
                        DraftScenarios::mirReserved));
    }

    private static MultipleTunnelRequestExtension.Builder mtr(int bid, int coa) {
        return MultipleTunnelRequestExtension.builder().ifType(coa).bid(bid).noBandwidth();
    }

    private static MultiInterfaceRoutingExtension.Builder mir(int ifId, int weight) {
        return MultiInterfaceRoutingExtension.builder().ifId(ifId).weightedMode(true).ifType(ifId)
                .linkWeight(weight);
    }

    private static int code(String name) {
        return ReplyCodes.standard().valueOf(name);
    }

    static void mtsTwoTunnels(ScenarioSession s) throws Exception {
        s.requireKey();
        for (int bid = 1; bid <= 2; bid++) {
            ClientResult r = s.send("Multiple Tunnel Request Binding-Id " + bid + " via " + s.careOf(bid), bid,
                    s.spec(bid, LIFE).extension(mtr(bid, bid).build()).build());
            s.expectCode(r, 0, "tunnel " + bid);
        }
        s.send("bulk de-registration", 1, s.spec(1, 0).extension(mtr(1, 1).bulkReregistration(true).build())
                .build());
    }

    static void mtsDenied(ScenarioSession s) throws Exception {
        s.requireKey();
        String denied = s.requireDeniedHoa();
        ClientResult r = s.send("Multiple Tunnel Request for " + denied, 1,
                s.spec(denied, 1, LIFE).extension(mtr(1, 1).build()).build());
        s.expectCode(r, code("MULTIPLE_TUNNEL_REQUEST_DENIED_BY_HA"), "multiple tunnels for " + denied);
    }

    static void mtsBAndO(ScenarioSession s) throws Exception {
        s.requireKey();
        ClientResult r = s.send("Multiple Tunnel Request with B and O", 1, s.spec(1, LIFE)
                .extension(mtr(1, 1).bulkReregistration(true).overwrite(true).build()).build());
        s.expectNotAccepted(r, "B and O together");
    }

    static void mtsReserved(ScenarioSession s) throws Exception {
        s.requireKey();
        ClientResult r = s.send("Multiple Tunnel Request with reserved bits set", 1,
                s.spec(1, LIFE).extension(mtr(1, 1).flags(0x3fff).build()).build());
        s.expectCode(r, 0, "reserved bits set");
    }

    static void mirTwoInterfaces(ScenarioSession s) throws Exception {
        s.requireKey();
        for (int i = 1; i <= 2; i++) {
            ClientResult r = s.send("Multi-Interface Routing If-Id " + i + " weight 1 via " + s.careOf(i), i,
                    s.spec(i, LIFE).extension(mir(i, 1).build()).build());
            s.expectCode(r, 0, "interface " + i);
        }
    }

    static void mirDenied(ScenarioSession s) throws Exception {
        s.requireKey();
        String denied = s.requireDeniedHoa();
        ClientResult r = s.send("Multi-Interface Routing for " + denied, 1,
                s.spec(denied, 1, LIFE).extension(mir(1, 1).build()).build());
        s.expectCode(r, code("ERROR_HA_MULTI_IF_REG_UNAVAIL"), "multi-interface routing for " + denied);
    }

    static void mirUnequal(ScenarioSession s) throws Exception {
        s.requireKey();
        ClientResult first = s.send("Multi-Interface Routing If-Id 1 weight 1", 1,
                s.spec(1, LIFE).extension(mir(1, 1).build()).build());
        s.expectCode(first, 0, "interface 1");
        ClientResult second = s.send("Multi-Interface Routing If-Id 2 weight 3 (unequal)", 2,
                s.spec(2, LIFE).extension(mir(2, 3).build()).build());
        if (s.config().unequalLoadSupported()) {
            s.expectCode(second, 0, "unequal weights at an agent that supports them");
        } else {
            s.expectCode(second, code("ERROR_HA_MULTI_IF_UNEQUAL_LD_UNAVAIL"), "unequal weights");
        }
    }

    static void mirReserved(ScenarioSession s) throws Exception {
        s.requireKey();
        ClientResult r = s.send("Multi-Interface Routing with Reserved-0 and Reserved-1 set", 1,
                s.spec(1, LIFE).extension(mir(1, 1).flags(MultiInterfaceRoutingExtension.W_FLAG | 0x1f)
                        .reserved1(0xff).build()).build());
        s.expectCode(r, 0, "reserved fields set");
    }
}

package org.multitunnel.agent.lab;

import java.util.List;

/**
 * A topology the lab can build: the home agent's namespace and address, the mobile node's namespace, home
 * address and one access link per care-of address (a veth pair with a /24 on each side), plus the traffic to
 * send per link. Addresses are private (RFC 1918) and exist only inside the lab's {@code mt-} namespaces.
 */
public record LabCase(String name, String description, String haNamespace, String haAddress, String mnNamespace,
        String homeAddress, List<Link> links) {

    /** One access network: veth ends {@code mnIf}/{@code haIf}, the MN's care-of address and the HA side's. */
    public record Link(String label, String mnIf, String haIf, String careOf, String haSide, int ifAtt, int table) {
    }

    public LabCase {
        links = List.copyOf(links);
    }

    /** Seed 000 Case-1: a mobile terminal with co-located care-of addresses on two interfaces, no foreign agent. */
    public static LabCase case1() {
        return new LabCase("case1", "seed 000 Case-1: co-located CoAs on two interfaces, direct to the HA", "mt-ha",
                "10.200.0.1", "mt-mn", "10.100.0.5", List.of(
                        new Link("if1", "mt-mn-if1", "mt-ha-if1", "10.201.1.2", "10.201.1.1", 3, 101),
                        new Link("if2", "mt-mn-if2", "mt-ha-if2", "10.201.2.2", "10.201.2.1", 3, 102)));
    }

    /** RFC 7629 §3.1 Figure 3: a mobile node attached to WLAN and LTE, one registration per access network. */
    public static LabCase wlanLte() {
        return new LabCase("wlan-lte", "RFC 7629 Figure 3: WLAN (IEEE 802.11) and LTE (E-UTRAN) care-of addresses",
                "mt-ha", "10.200.0.1", "mt-mn", "10.100.0.7", List.of(
                        new Link("wlan", "mt-mn-wlan", "mt-ha-wlan", "10.202.1.2", "10.202.1.1", 4, 101),
                        new Link("lte", "mt-mn-lte", "mt-ha-lte", "10.202.2.2", "10.202.2.1", 8, 102)));
    }

    public static List<LabCase> all() {
        return List.of(case1(), wlanLte());
    }

    public static LabCase byName(String name) {
        for (LabCase c : all()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}

package org.multitunnel.agent.lab;

import java.util.List;

/**
 * A topology the lab can build: the home agent's namespace and address, the mobile node's namespace, home
 * address and one access link per care-of address (a veth pair with a /24 on each side), a correspondent node
 * address served from the home agent's namespace, and the flows: one RFC 7629 flow binding per flow (UDP to a
 * port, bound to one BID) with the datagrams sent each way, so what each tunnel must carry is known exactly.
 * Addresses are private (RFC 1918) and exist only inside the lab's {@code mt-} namespaces.
 */
public record LabCase(String name, String description, String haNamespace, String haAddress, String mnNamespace,
        String homeAddress, String correspondent, List<Link> links, List<Flow> flows, Visited visited) {

    /**
     * Foreign agents between the mobile node and the home agent (seed 000 Cases 2 and 4): per link of
     * {@link #links()} (whose "MN side" is then an FA's side of its FA-HA link, its care-of address an FA care-of
     * address) the access link between the mobile node and that FA.
     */
    public record Visited(List<Access> access) {
        public Visited {
            access = List.copyOf(access);
        }

        /** The FA namespaces, each once, in order. */
        public List<String> namespaces() {
            return access.stream().map(Access::faNamespace).distinct().toList();
        }
    }

    /** An access link: veth ends {@code mnIf}/{@code faIf} (in the FA's namespace) with their addresses (a /24). */
    public record Access(String faNamespace, String mnIf, String faIf, String mnAddress, String faAddress) {
    }

    /** One access network: veth ends {@code mnIf}/{@code haIf}, the MN's care-of address and the HA side's. */
    public record Link(String label, String mnIf, String haIf, String careOf, String haSide, int ifAtt, int table) {
    }

    /**
     * UDP to {@code port} (the correspondent's port uplink, the home address's port downlink), bound to
     * {@code bid}: {@code upCount} datagrams of {@code upSize} payload octets MN → CN, {@code downCount} of
     * {@code downSize} CN → MN.
     */
    public record Flow(int bid, int port, int upCount, int upSize, int downCount, int downSize) {
        /** The {@code agent mn --flow} text of this flow's binding. */
        public String option() {
            return bid + ":proto=17/dport=" + port;
        }

        /**
         * Outer IPv4 octets of one tunnelled datagram of {@code payload}: outer IPv4 header, the tunnel's own
         * header ({@code encapHeader}: 0 for IP-in-IP, 4 for GRE without options), inner IPv4 header, UDP header.
         */
        public static long tunnelled(int payload, int encapHeader) {
            return 20 + encapHeader + 20 + 8 + payload;
        }
    }

    public LabCase {
        links = List.copyOf(links);
        flows = List.copyOf(flows);
        if (visited != null && visited.access().size() != links.size()) {
            throw new IllegalArgumentException("one access link per FA care-of address");
        }
    }

    public LabCase(String name, String description, String haNamespace, String haAddress, String mnNamespace,
            String homeAddress, String correspondent, List<Link> links, List<Flow> flows) {
        this(name, description, haNamespace, haAddress, mnNamespace, homeAddress, correspondent, links, flows, null);
    }

    /**
     * Seed 000 Case-4: the mobile terminal's two interfaces attach to one foreign agent on two links, and the FA
     * registers each with its own FA care-of address; the HA tunnels to the FA care-of addresses, the FA
     * delivers to the interface on the link of that care-of address and reverse-tunnels what it receives there.
     */
    public static LabCase case4() {
        return new LabCase("case4", "seed 000 Case-4: one foreign agent, one FA care-of address per MN interface",
                "mt-ha", "10.200.0.1", "mt-mn", "10.100.0.5", "10.200.0.100", List.of(
                        new Link("fa1", "mt-fa-out1", "mt-ha-if1", "10.211.1.2", "10.211.1.1", 3, 101),
                        new Link("fa2", "mt-fa-out2", "mt-ha-if2", "10.211.2.2", "10.211.2.1", 3, 102)),
                List.of(new Flow(1, 5001, 12, 300, 7, 500), new Flow(2, 5002, 20, 100, 9, 700)),
                new Visited(List.of(new Access("mt-fa", "mt-mn-if1", "mt-fa-in1", "10.210.1.2", "10.210.1.1"),
                        new Access("mt-fa", "mt-mn-if2", "mt-fa-in2", "10.210.2.2", "10.210.2.1"))));
    }

    /**
     * Seed 000 Case-3 (§5.3, Figure 7): the mobile terminal's two interfaces attach to one foreign agent and both
     * register with the same FA care-of address, each with its own BID; the draft has one tunnel HA-FA_COA for
     * both, and the FA distributes what leaves it between the interfaces. Both links name the one care-of
     * address (and the one FA-HA link); the FA has an access link per MN interface.
     */
    public static LabCase case3() {
        return new LabCase("case3", "seed 000 Case-3: one foreign agent, one FA care-of address for both interfaces",
                "mt-ha", "10.200.0.1", "mt-mn", "10.100.0.5", "10.200.0.100", List.of(
                        new Link("fa", "mt-fa-out", "mt-ha-if1", "10.213.0.2", "10.213.0.1", 3, 101),
                        new Link("fa", "mt-fa-out", "mt-ha-if1", "10.213.0.2", "10.213.0.1", 3, 102)),
                List.of(new Flow(1, 5001, 12, 300, 7, 500), new Flow(2, 5002, 20, 100, 9, 700)),
                new Visited(List.of(new Access("mt-fa", "mt-mn-if1", "mt-fa-in1", "10.210.1.2", "10.210.1.1"),
                        new Access("mt-fa", "mt-mn-if2", "mt-fa-in2", "10.210.2.2", "10.210.2.1"))));
    }

    /** The care-of addresses, each once, in order (Case-3: one for several links). */
    public List<String> careOfAddresses() {
        return links.stream().map(Link::careOf).distinct().toList();
    }

    /**
     * Seed 000 Case-2: each of the mobile terminal's two interfaces attaches to its own foreign agent (namespaces
     * {@code mt-fa1}, {@code mt-fa2}), which registers it with its care-of address; the HA tunnels to both.
     */
    public static LabCase case2() {
        return new LabCase("case2", "seed 000 Case-2: two foreign agents, one per MN interface", "mt-ha",
                "10.200.0.1", "mt-mn", "10.100.0.5", "10.200.0.100", List.of(
                        new Link("fa1", "mt-fa-out", "mt-ha-if1", "10.212.1.2", "10.212.1.1", 3, 101),
                        new Link("fa2", "mt-fa-out", "mt-ha-if2", "10.212.2.2", "10.212.2.1", 3, 102)),
                List.of(new Flow(1, 5001, 12, 300, 7, 500), new Flow(2, 5002, 20, 100, 9, 700)),
                new Visited(List.of(new Access("mt-fa1", "mt-mn-if1", "mt-fa-in", "10.210.1.2", "10.210.1.1"),
                        new Access("mt-fa2", "mt-mn-if2", "mt-fa-in", "10.210.2.2", "10.210.2.1"))));
    }

    /** Seed 000 Case-1: a mobile terminal with co-located care-of addresses on two interfaces, no foreign agent. */
    public static LabCase case1() {
        return new LabCase("case1", "seed 000 Case-1: co-located CoAs on two interfaces, direct to the HA", "mt-ha",
                "10.200.0.1", "mt-mn", "10.100.0.5", "10.200.0.100", List.of(
                        new Link("if1", "mt-mn-if1", "mt-ha-if1", "10.201.1.2", "10.201.1.1", 3, 101),
                        new Link("if2", "mt-mn-if2", "mt-ha-if2", "10.201.2.2", "10.201.2.1", 3, 102)),
                List.of(new Flow(1, 5001, 12, 300, 7, 500), new Flow(2, 5002, 20, 100, 9, 700)));
    }

    /** RFC 7629 §3.1 Figure 3: a mobile node attached to WLAN and LTE, one registration per access network. */
    public static LabCase wlanLte() {
        return new LabCase("wlan-lte", "RFC 7629 Figure 3: WLAN (IEEE 802.11) and LTE (E-UTRAN) care-of addresses",
                "mt-ha", "10.200.0.1", "mt-mn", "10.100.0.7", "10.200.0.100", List.of(
                        new Link("wlan", "mt-mn-wlan", "mt-ha-wlan", "10.202.1.2", "10.202.1.1", 4, 101),
                        new Link("lte", "mt-mn-lte", "mt-ha-lte", "10.202.2.2", "10.202.2.1", 8, 102)),
                // RFC 7629 §3.1's example: web traffic over WLAN, voice (SIP) over LTE
                List.of(new Flow(1, 8080, 15, 1000, 10, 1200), new Flow(2, 5060, 25, 160, 25, 160)));
    }

    public static List<LabCase> all() {
        return List.of(case1(), case2(), case3(), case4(), wlanLte());
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

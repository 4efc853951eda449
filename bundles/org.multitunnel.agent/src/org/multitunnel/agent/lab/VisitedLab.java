package org.multitunnel.agent.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The foreign-agent part of a lab case (seed 000 Case-4: one FA; Case-2: one FA per MN interface): FA namespaces
 * between mobile node and home agent, with an access link per MN interface and a link per FA care-of address
 * towards the HA; the reference FA relays the registrations (listening on all its addresses), the MN registers
 * each interface, through that interface's FA, with the FA care-of address of that interface's link. Tunnels end at the FA: per FA care-of address a TUN device and a userspace endpoint;
 * what arrives from the HA is delivered on that care-of address's access link (the seed's "L2 forwarding"), and
 * what the MN sends on an access link is reverse-tunnelled from that link's care-of address. The MN itself has no
 * tunnel: it picks the interface of each flow by source-and-port policy routing, as its flow bindings say.
 * Case-3 (links sharing one FA care-of address): one FA-HA link, one tunnel and endpoint for that address, both
 * access links reverse-tunnelled into it, and what leaves it split between the access links by flow (the draft's
 * one-to-many relation between the tunnel and the MN's interfaces).
 */
final class VisitedLab {
    private final Shell sh;
    private final Path dir;
    private final List<String> tool;
    private final PrintStream out;

    VisitedLab(Shell sh, Path dir, List<String> tool, PrintStream out) {
        this.sh = sh;
        this.dir = dir;
        this.tool = tool;
        this.out = out;
    }

    /** Links and routes; the namespaces exist already (the FA's included) with lo up. */
    void build(LabCase c) throws IOException {
        for (String ns : c.visited().namespaces()) {
            Lab.must(sh, "ip", "netns", "exec", ns, "sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward");
        }
        List<String> routed = new ArrayList<>();
        for (int i = 0; i < c.links().size(); i++) {
            LabCase.Link l = c.links().get(i);
            LabCase.Access a = c.visited().access().get(i);
            String fa = a.faNamespace();
            String table = String.valueOf(l.table());
            boolean again = c.links().subList(0, i).stream().anyMatch(o -> o.careOf().equals(l.careOf()));
            // FA <-> HA: the FA care-of address's link (once per address: Case-3 shares it)
            if (!again) {
                Lab.must(sh, "ip", "-n", fa, "link", "add", l.mnIf(), "type", "veth", "peer", "name", l.haIf(), "netns",
                        c.haNamespace());
                Lab.must(sh, "ip", "-n", fa, "addr", "add", l.careOf() + "/24", "dev", l.mnIf());
                Lab.must(sh, "ip", "-n", c.haNamespace(), "addr", "add", l.haSide() + "/24", "dev", l.haIf());
                Lab.must(sh, "ip", "-n", fa, "link", "set", l.mnIf(), "up");
                Lab.must(sh, "ip", "-n", c.haNamespace(), "link", "set", l.haIf(), "up");
                Lab.must(sh, "ip", "-n", fa, "rule", "add", "from", l.careOf(), "table", table);
                Lab.must(sh, "ip", "-n", fa, "route", "add", c.haAddress() + "/32", "via", l.haSide(), "dev", l.mnIf(),
                        "table", table);
            }
            // MN <-> FA: the access link
            Lab.must(sh, "ip", "-n", c.mnNamespace(), "link", "add", a.mnIf(), "type", "veth", "peer", "name",
                    a.faIf(), "netns", fa);
            Lab.must(sh, "ip", "-n", c.mnNamespace(), "addr", "add", a.mnAddress() + "/24", "dev", a.mnIf());
            Lab.must(sh, "ip", "-n", fa, "addr", "add", a.faAddress() + "/24", "dev", a.faIf());
            Lab.must(sh, "ip", "-n", c.mnNamespace(), "link", "set", a.mnIf(), "up");
            Lab.must(sh, "ip", "-n", fa, "link", "set", a.faIf(), "up");
            // the MN's requests for this interface leave through it (to the FA's first address, one agent)
            Lab.must(sh, "ip", "-n", c.mnNamespace(), "rule", "add", "from", a.mnAddress(), "table", table);
            Lab.must(sh, "ip", "-n", c.mnNamespace(), "route", "add", "default", "via", a.faAddress(), "dev",
                    a.mnIf(), "table", table);
            if (!routed.contains(fa)) { // the FA's own traffic to the HA (its relayed requests): first link
                Lab.must(sh, "ip", "-n", fa, "route", "add", c.haAddress() + "/32", "via", l.haSide());
                routed.add(fa);
            }
        }
        out.println("namespaces " + c.haNamespace() + ", " + String.join(", ", c.visited().namespaces()) + ", "
                + c.mnNamespace() + " with " + (c.links().size() + c.careOfAddresses().size()) + " veth links");
    }

    /** An FA in namespace {@code ns}: relays between its access links and the HA. */
    List<String> foreignAgent(LabCase c, String ns, int port) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(tool);
        cmd.addAll(List.of("agent", "fa", "--listen", "0.0.0.0:" + port, "--home-agent", c.haAddress() + ":" + port,
                "--record", dir.resolve(name(ns) + "-signalling.pcapng").toString()));
        return cmd;
    }

    /** "fa", "fa1", … for the files of the FA in {@code ns} ("mt-fa", "mt-fa1", …). */
    static String name(String ns) {
        return ns.startsWith("mt-") ? ns.substring(3) : ns;
    }

    /** Where the MN sends requests by default (the first interface's FA). */
    static String target(LabCase c, int port) {
        return c.visited().access().get(0).faAddress() + ":" + port;
    }

    /** Interface {@code i} for {@code agent mn --care-of}: FA care-of address @ interface address @ its FA. */
    static String careOf(LabCase c, int i, int port) {
        LabCase.Access a = c.visited().access().get(i);
        return c.links().get(i).careOf() + "@" + a.mnAddress() + "@" + a.faAddress() + ":" + port;
    }

    /** FA-side TUN devices and endpoints, MN-side per-flow interface choice; the HA side is the caller's. */
    void install(LabCase c, LabState st, HaStatus accepted, String encap) throws IOException, InterruptedException {
        List<String> coas = c.careOfAddresses();
        for (int i = 0; i < c.links().size(); i++) {
            LabCase.Link l = c.links().get(i);
            LabCase.Access a = c.visited().access().get(i);
            String fa = a.faNamespace();
            int t = coas.indexOf(l.careOf()); // the tunnel: one per FA care-of address
            String tun = "mt-tun" + (t + 1);
            String up = String.valueOf(200 + t + 1);
            String down = String.valueOf(300 + i + 1);
            boolean first = c.links().subList(0, i).stream().noneMatch(o -> o.careOf().equals(l.careOf()));
            if (first) {
                Lab.must(sh, "ip", "-n", fa, "tuntap", "add", "dev", tun, "mode", "tun");
                Lab.must(sh, "ip", "-n", fa, "link", "set", tun, "mtu", "1480", "up");
                Lab.must(sh, "ip", "-n", fa, "route", "add", "default", "dev", tun, "table", up);
            }
            // reverse tunnel: what the MN sends on this access link goes into this care-of address's tunnel
            Lab.must(sh, "ip", "-n", fa, "rule", "add", "iif", a.faIf(), "table", up);
            // delivery: what comes out of this tunnel goes to the MN on this access link; with a shared care-of
            // address (Case-3) the FA splits it between the access links by the flows of each link's BID
            if (coas.size() == c.links().size()) {
                Lab.must(sh, "ip", "-n", fa, "rule", "add", "iif", tun, "table", down);
            } else {
                for (LabCase.Flow f : c.flows()) {
                    if (indexOfBid(c, accepted, f.bid()) == i) {
                        Lab.must(sh, "ip", "-n", fa, "rule", "add", "iif", tun, "ipproto", "udp", "dport",
                                String.valueOf(f.port()), "table", down);
                    }
                }
            }
            Lab.must(sh, "ip", "-n", fa, "route", "add", c.homeAddress() + "/32", "dev", a.faIf(), "table", down);
            if (!first) {
                continue;
            }
            int bid = bidOf(accepted, l.careOf());
            List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", fa));
            cmd.addAll(tool);
            cmd.addAll(List.of("lab", "tunnel", "--tun", tun, "--encap", encap, "--default-bid", String.valueOf(bid),
                    "--path", bid + ":" + l.careOf() + ":" + c.haAddress()));
            Path log = dir.resolve("tunnel-fa" + (t + 1) + ".log");
            st.addPid(sh.spawn(cmd, log));
            if (!Lab.awaitLog(log, "\"tunnel\":", 15_000)) {
                throw new Lab.LabStepException("the FA's userspace tunnel endpoint did not start; see " + log);
            }
        }
        // the MN sends each flow on the interface whose care-of address its flow binding names
        for (LabCase.Flow f : c.flows()) {
            int i = indexOfBid(c, accepted, f.bid());
            Lab.must(sh, "ip", "-n", c.mnNamespace(), "rule", "add", "from", c.homeAddress(), "ipproto", "udp",
                    "dport", String.valueOf(f.port()), "table", String.valueOf(c.links().get(i).table()));
        }
        Lab.must(sh, "ip", "-n", c.mnNamespace(), "route", "add", c.correspondent() + "/32", "via",
                c.visited().access().get(0).faAddress());
        out.println(encap + " tunnel per binding in user space between the HA and each FA care-of address (TUN "
                + "devices in " + String.join(", ", c.visited().namespaces()) + "); the FA delivers on, and "
                + "reverse-tunnels from, that address's access link"
                + (coas.size() < c.links().size() ? "s (one tunnel for " + c.links().size() + " bindings to "
                        + String.join(", ", coas) + "; the FA splits it by flow)" : ""));
    }

    private static int bidOf(HaStatus accepted, String careOf) throws Lab.LabStepException {
        return accepted.bindings().stream().filter(b -> b.careOf().equals(careOf)).map(HaStatus.Binding::bid)
                .findFirst().orElseThrow(() -> new Lab.LabStepException("no accepted binding for " + careOf));
    }

    /**
     * The link of {@code bid}: the link of its care-of address; when several links share that address (Case-3),
     * the n-th of them for the n-th accepted BID with it (the MN registers its interfaces in order).
     */
    private static int indexOfBid(LabCase c, HaStatus accepted, int bid) throws Lab.LabStepException {
        String coa = accepted.careOf(bid);
        List<Integer> same = accepted.bindings().stream().filter(b -> b.careOf().equals(coa))
                .map(HaStatus.Binding::bid).sorted().toList();
        int n = same.indexOf(bid);
        for (int i = 0; i < c.links().size(); i++) {
            if (c.links().get(i).careOf().equals(coa) && n-- == 0) {
                return i;
            }
        }
        throw new Lab.LabStepException("no accepted binding with BID " + bid);
    }
}

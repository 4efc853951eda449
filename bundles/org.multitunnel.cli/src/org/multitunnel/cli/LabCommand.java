package org.multitunnel.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.multitunnel.agent.lab.Lab;
import org.multitunnel.agent.lab.LabCapabilities;
import org.multitunnel.agent.lab.LabCase;
import org.multitunnel.agent.lab.Shell;

/**
 * {@code multitunnel lab up CASE | down | status | probe}: the network-namespace testbed. The reference agents run
 * as child {@code multitunnel agent} processes inside the namespaces — started with this JVM and class path, since
 * a Java process cannot move its own threads into another network namespace.
 */
public final class LabCommand implements Command {
    private static final Set<String> VALUED = Set.of("state-dir", "tun", "encap", "path", "flow", "default-bid");
    private static final Set<String> FLAGS = Set.of("userspace-tunnels");

    @Override
    public String name() {
        return "lab";
    }

    @Override
    public String summary() {
        return "build / tear down network-namespace topologies with the reference agents (root)";
    }

    @Override
    public String usage() {
        return """
                Usage: multitunnel lab up CASE [--userspace-tunnels] [--encap ipip|gre] | lab down | lab status
                       | lab probe   [--state-dir DIR]

                Builds a topology of the specs' scenarios in Linux network namespaces named mt-… joined by veth
                links (iproute2), with private addresses only inside them; runs the reference home agent and
                mobile node there ('multitunnel agent' processes via 'ip netns exec'), the MN asking for one
                RFC 7629 flow binding per flow of the case; waits until every care-of address and flow binding is
                accepted, installs a tunnel per accepted binding, sends each flow's UDP datagrams both ways and
                captures on the home agent with tcpdump. Tunnels are kernel ipip (else gre) devices when the
                kernel has them; otherwise (or with --userspace-tunnels) IP-in-IP in user space: a TUN device per
                namespace and a 'lab tunnel' process that sends each packet on the binding its accepted flow
                binding names (outer source = that care-of address) through raw sockets, and decapsulates what
                arrives ('--encap gre' makes it GRE, RFC 2784). 'lab status' says which. 'lab down' stops
                the processes and deletes the namespaces it made. Needs root (CAP_SYS_ADMIN, CAP_NET_ADMIN,
                CAP_NET_RAW).

                Cases:
                  case1      seed 000 Case-1: co-located care-of addresses on two interfaces, direct to the HA
                  wlan-lte   RFC 7629 Figure 3: WLAN and LTE care-of addresses
                  case2      seed 000 Case-2: one foreign agent per MN interface (reference FAs in mt-fa1,
                             mt-fa2); tunnels HA <-> FA care-of addresses (always userspace)
                  case3      seed 000 Case-3: one foreign agent (reference FA in mt-fa), one FA care-of address
                             for both MN interfaces (a BID each); one tunnel HA <-> FA care-of address,
                             split by flow at the FA (always userspace)
                  case4      seed 000 Case-4: one foreign agent (reference FA in mt-fa), one FA care-of address
                             per MN interface; tunnels HA <-> FA care-of addresses (always userspace)
                'lab probe' reports whether namespaces, veth, ipip, gre and TUN devices work on this kernel.
                With none of them 'lab up' still registers the bindings and says that no tunnel was installed.

                Files (default state dir /run/multitunnel-lab): state.properties, ha.pcap (tcpdump on the HA),
                ha-signalling.pcapng, ha.log, mn.log, tunnel-ha.log / tunnel-mn.log (userspace tunnel counters,
                one JSON line per change), sink-cn.log / sink-mn.log (datagrams received per port).

                Internal: 'lab tunnel --tun DEV [--encap ipip|gre] --path BID:LOCAL:REMOTE... --flow
                BIDS:TSFORMAT:HEX... [--default-bid N]' is the userspace endpoint 'lab up' starts.

                Exit codes: 0 done, 1 a step failed or the lab is already up, 2 namespaces unavailable here.

                Example:
                  sudo multitunnel lab up case1 && multitunnel lab status && sudo multitunnel lab down
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CommandArgs a = CommandArgs.parse(args, VALUED, FLAGS);
        List<String> words = a.positional();
        if (words.isEmpty()) {
            throw new UsageException("lab wants up CASE, down, status or probe");
        }
        Path dir = Path.of(a.get("state-dir") == null ? "/run/multitunnel-lab" : a.get("state-dir"));
        Lab lab = new Lab(Shell.system(), dir, toolCommand(), out);
        switch (words.get(0)) {
            case "up" -> {
                if (words.size() != 2) {
                    throw new UsageException("lab up wants one CASE: " + caseNames());
                }
                LabCase c = LabCase.byName(words.get(1));
                if (c == null) {
                    throw new UsageException("unknown case '" + words.get(1) + "': " + caseNames());
                }
                String encap = a.get("encap") == null ? "ipip" : a.get("encap");
                if (!encap.equals("ipip") && !encap.equals("gre")) {
                    throw new UsageException("--encap wants ipip or gre, not '" + encap + "'");
                }
                return lab.up(c, a.flag("userspace-tunnels") ? Lab.TunnelMode.USERSPACE : Lab.TunnelMode.AUTO, encap);
            }
            case "down" -> {
                return lab.down();
            }
            case "status" -> {
                out.print(lab.status());
                return 0;
            }
            case "tunnel" -> {
                return LabTunnel.run(a, out);
            }
            case "probe" -> {
                LabCapabilities caps = lab.probe();
                out.println("namespaces: " + (caps.netns() ? "yes" : "no") + ", veth: " + (caps.veth() ? "yes" : "no")
                        + ", ipip: " + (caps.ipip() ? "yes" : "no") + ", gre: " + (caps.gre() ? "yes" : "no")
                        + ", tun: " + (caps.tun() ? "yes" : "no"));
                out.println(caps.detail());
                return caps.netns() ? 0 : 2;
            }
            default -> throw new UsageException("unknown lab action '" + words.get(0) + "'");
        }
    }

    private static String caseNames() {
        return String.join(", ", LabCase.all().stream().map(LabCase::name).toList());
    }

    /** This JVM with this class path, running {@code multitunnel} (JNA may load libc: native access on). */
    static List<String> toolCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName());
    }
}

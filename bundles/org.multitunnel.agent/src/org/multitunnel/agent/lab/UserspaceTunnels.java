package org.multitunnel.agent.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tunnels for kernels without ipip/gre devices: a TUN device {@code mt-tun} in each namespace and a
 * {@code multitunnel lab tunnel} process on it (user space: raw sockets of IP protocol 4 bound per binding). The
 * MN routes the correspondent through its TUN device, the HA routes the home address through its own; each
 * endpoint sends a packet on the binding the accepted flow bindings choose (outer source the care-of address at
 * the MN, the HA address at the HA) and writes what arrives, decapsulated, back into its TUN device.
 */
final class UserspaceTunnels {
    static final String TUN = "mt-tun";
    private final Shell sh;
    private final Path dir;
    private final List<String> tool;
    private final PrintStream out;

    UserspaceTunnels(Shell sh, Path dir, List<String> tool, PrintStream out) {
        this.sh = sh;
        this.dir = dir;
        this.tool = tool;
        this.out = out;
    }

    void install(LabCase c, LabState st, HaStatus accepted, String encap) throws IOException, InterruptedException {
        boolean direct = c.visited() == null; // else the MN's tunnels end at the foreign agent (VisitedLab)
        for (String ns : direct ? List.of(c.haNamespace(), c.mnNamespace()) : List.of(c.haNamespace())) {
            Lab.must(sh, "ip", "-n", ns, "tuntap", "add", "dev", TUN, "mode", "tun");
            // room for the 20-octet outer header inside the veth's 1500
            Lab.must(sh, "ip", "-n", ns, "link", "set", TUN, "mtu", "1480", "up");
        }
        if (direct) {
            Lab.must(sh, "ip", "-n", c.mnNamespace(), "route", "add", c.correspondent() + "/32", "dev", TUN, "src",
                    c.homeAddress());
        }
        Lab.must(sh, "ip", "-n", c.haNamespace(), "route", "add", c.homeAddress() + "/32", "dev", TUN);
        int defaultBid = accepted.bindings().get(0).bid();
        // seed 000 Case-3: bindings sharing a care-of address share one tunnel (one raw socket per address pair,
        // else each would receive every packet); the HA then sends everything on it and the FA splits the flows
        boolean shared = c.careOfAddresses().size() < accepted.bindings().size();
        List<String> mn = endpoint(c.mnNamespace(), encap, defaultBid, shared ? null : accepted);
        List<String> ha = endpoint(c.haNamespace(), encap, defaultBid, shared ? null : accepted);
        List<String> seen = new ArrayList<>();
        for (HaStatus.Binding b : accepted.bindings()) {
            if (seen.contains(b.careOf())) {
                continue;
            }
            seen.add(b.careOf());
            mn.addAll(List.of("--path", b.bid() + ":" + b.careOf() + ":" + c.haAddress()));
            ha.addAll(List.of("--path", b.bid() + ":" + c.haAddress() + ":" + b.careOf()));
        }
        List<String> sides = new ArrayList<>();
        if (direct) {
            st.addPid(sh.spawn(mn, dir.resolve("tunnel-mn.log")));
            sides.add("mn");
        }
        st.addPid(sh.spawn(ha, dir.resolve("tunnel-ha.log")));
        sides.add("ha");
        for (String side : sides) {
            Path log = dir.resolve("tunnel-" + side + ".log");
            if (!Lab.awaitLog(log, "\"tunnel\":", 15_000)) {
                throw new Lab.LabStepException("the userspace tunnel endpoint (" + side + ") did not start; see "
                        + log);
            }
        }
        if (direct) {
            out.println(encap + " tunnel per binding in user space (TUN device " + TUN + " + raw sockets) on both "
                    + "sides; " + c.correspondent() + " <-> " + c.homeAddress() + " routed through them by the "
                    + "accepted flow bindings");
        } else {
            new VisitedLab(sh, dir, tool, out).install(c, st, accepted, encap);
        }
        st.put("tunnels", encap + " (userspace: TUN device + raw sockets)");
    }

    private List<String> endpoint(String ns, String encap, int defaultBid, HaStatus accepted) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(tool);
        cmd.addAll(List.of("lab", "tunnel", "--tun", TUN, "--encap", encap, "--default-bid",
                String.valueOf(defaultBid)));
        for (String f : accepted == null ? List.<String>of() : accepted.flowSpecs()) {
            cmd.addAll(List.of("--flow", f));
        }
        return cmd;
    }
}

package org.multitunnel.agent.lab;

import java.io.IOException;
import java.util.List;

/**
 * What this kernel and these tools allow, found by trying it in a throw-away namespace {@code mt-probe}: network
 * namespaces, veth pairs, the ipip / gre tunnel devices the lab installs for accepted bindings, and TUN devices
 * (what the userspace tunnel needs when the kernel has no ipip/gre). The detail keeps the system's own error
 * messages so a degraded lab can say precisely why.
 */
public record LabCapabilities(boolean netns, boolean veth, boolean ipip, boolean gre, boolean tun, String detail) {
    static final String PROBE_NS = "mt-probe";

    /** Kernel tunnel devices exist. */
    public boolean tunnels() {
        return ipip || gre;
    }

    /** Tunnels can be made one way or the other: kernel devices, or TUN + raw sockets in user space. */
    public boolean anyTunnels() {
        return tunnels() || tun;
    }

    static LabCapabilities probe(Shell sh) throws IOException {
        Shell.Result ip = sh.run(List.of("ip", "-V"));
        if (!ip.ok()) {
            return new LabCapabilities(false, false, false, false, false, "iproute2 'ip' not usable: " + ip.output());
        }
        sh.run(List.of("ip", "netns", "del", PROBE_NS)); // a leftover of an interrupted probe
        Shell.Result ns = sh.run(List.of("ip", "netns", "add", PROBE_NS));
        if (!ns.ok()) {
            return new LabCapabilities(false, false, false, false, false,
                    "ip netns add failed (needs root / CAP_SYS_ADMIN): " + ns.output());
        }
        try {
            Shell.Result veth = sh.run(List.of("ip", "-n", PROBE_NS, "link", "add", "mt-p0", "type", "veth", "peer",
                    "name", "mt-p1"));
            Shell.Result ipip = sh.run(List.of("ip", "-n", PROBE_NS, "link", "add", "mt-pi", "type", "ipip", "local",
                    "10.255.0.1", "remote", "10.255.0.2"));
            Shell.Result gre = sh.run(List.of("ip", "-n", PROBE_NS, "link", "add", "mt-pg", "type", "gre", "local",
                    "10.255.0.1", "remote", "10.255.0.2"));
            Shell.Result tun = sh.run(List.of("ip", "-n", PROBE_NS, "tuntap", "add", "dev", "mt-pt", "mode", "tun"));
            String detail = "veth: " + (veth.ok() ? "ok" : veth.output()) + "; ipip: " + (ipip.ok() ? "ok"
                    : "'ip link add ... type ipip' failed: " + ipip.output()) + "; gre: " + (gre.ok() ? "ok"
                            : "'ip link add ... type gre' failed: " + gre.output()) + "; tun: " + (tun.ok() ? "ok"
                                    : "'ip tuntap add ... mode tun' failed: " + tun.output());
            return new LabCapabilities(true, veth.ok(), ipip.ok(), gre.ok(), tun.ok(), detail);
        } finally {
            sh.run(List.of("ip", "netns", "del", PROBE_NS));
        }
    }
}

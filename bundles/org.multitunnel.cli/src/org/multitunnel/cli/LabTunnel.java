package org.multitunnel.cli;

import java.io.PrintStream;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.agent.lab.FlowClassifier;
import org.multitunnel.agent.net.Ipv4;
import org.multitunnel.capture.live.tunnel.TunnelFraming;
import org.multitunnel.capture.live.tunnel.UserspaceTunnel;

/**
 * {@code multitunnel lab tunnel}: one userspace tunnel endpoint, run by {@code lab up} inside a namespace (a JVM
 * cannot move into another network namespace itself). Joins the accepted flow bindings (agent side, plain Java)
 * to the TUN device and raw sockets (capture.live, JNA), then prints its counters as one JSON line whenever they
 * change until it is stopped.
 */
final class LabTunnel {
    private LabTunnel() {
    }

    static int run(CommandArgs a, PrintStream out) throws Exception {
        String tun = a.require("tun");
        TunnelFraming encap;
        try {
            encap = TunnelFraming.byLabel(a.get("encap") == null ? "ipip" : a.get("encap"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<UserspaceTunnel.Path> paths = new ArrayList<>();
        for (String p : a.all("path")) {
            String[] w = p.split(":");
            if (w.length != 3) {
                throw new UsageException("--path wants BID:LOCAL:REMOTE, not '" + p + "'");
            }
            paths.add(new UserspaceTunnel.Path(bid(w[0], p), v4(w[1]), v4(w[2])));
        }
        if (paths.isEmpty()) {
            throw new UsageException("lab tunnel needs at least one --path BID:LOCAL:REMOTE");
        }
        List<FlowClassifier.Rule> rules = new ArrayList<>();
        for (String f : a.all("flow")) {
            String[] w = f.split(":");
            if (w.length != 3) {
                throw new UsageException("--flow wants BIDS:TSFORMAT:SELECTORHEX, not '" + f + "'");
            }
            List<Integer> bids = new ArrayList<>();
            for (String b : w[0].split("\\+")) {
                bids.add(bid(b, f));
            }
            try {
                rules.add(FlowClassifier.rule(bids, Integer.parseInt(w[1]), w[2]));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--flow '" + f + "': " + e.getMessage());
            }
        }
        int dflt = a.intValue("default-bid", paths.get(0).bid(), 1, 254);
        FlowClassifier classifier = new FlowClassifier(rules, dflt);
        try (UserspaceTunnel t = UserspaceTunnel.open(tun, encap, paths, classifier::bidFor)) {
            t.start(System.err);
            String last = null;
            while (true) {
                String now = t.statusJson();
                if (!now.equals(last)) {
                    out.println(now);
                    out.flush();
                    last = now;
                }
                Thread.sleep(200);
            }
        }
    }

    private static int bid(String s, String option) throws UsageException {
        try {
            int b = Integer.parseInt(s);
            if (b >= 1 && b <= 254) {
                return b;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException("'" + s + "' in '" + option + "' is not a BID (1-254)");
    }

    private static Inet4Address v4(String s) throws UsageException {
        try {
            return (Inet4Address) Ipv4.parse(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}

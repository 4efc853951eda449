package org.multitunnel.ui.testbed.load;

import java.net.InetSocketAddress;

import org.multitunnel.agent.load.LoadSettings;
import org.multitunnel.agent.net.Ipv4;
import org.multitunnel.wire.mip.auth.SecurityAssociation;

/**
 * The Load part's fields as text, turned into {@link LoadSettings} with the command line's rules and messages
 * ({@code --target}, {@code --nodes}, {@code --bids}, {@code --rate}, {@code --duration}, {@code --refresh},
 * {@code --lifetime}, {@code --source}, {@code --flow-bindings}, {@code --i-own-this-target}).
 */
record LoadForm(String target, String nodes, String bids, String rate, String duration, String refresh,
        String lifetime, String sources, boolean flowBindings, boolean ownTarget, SecurityAssociation key) {

    /** The settings, or IllegalArgumentException with a one-line message naming the field. */
    LoadSettings settings() {
        InetSocketAddress t;
        try {
            t = Ipv4.socket(target.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Target: IPv4:PORT, not '" + target.trim() + "'");
        }
        if (!t.getAddress().isLoopbackAddress() && !ownTarget) {
            throw new IllegalArgumentException("Target " + Ipv4.text(t) + " is not on loopback: loading someone "
                    + "else's home agent is an attack; tick 'I own this target' if it is yours");
        }
        if (key == null) {
            throw new IllegalArgumentException("Key: choose an MN-HA key (Window > Preferences holds the key table)");
        }
        LoadSettings.Builder b = LoadSettings.builder().target(t).key(key)
                .nodes(integer("Nodes", nodes)).bids(integer("BIDs", bids)).rate(integer("Rate", rate))
                .duration(decimal("Duration", duration)).refresh(decimal("Refresh", refresh))
                .lifetime(lifetime.isBlank() ? 0 : integer("Lifetime", lifetime))
                .flowBindings(flowBindings).ownTarget(ownTarget);
        for (String s : sources.split("[,\\s]+")) {
            if (!s.isBlank()) {
                try {
                    b.source(Ipv4.parse(s));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Sources: '" + s + "' is not an IPv4 address");
                }
            }
        }
        return b.build();
    }

    private static int integer(String field, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": a whole number, not '" + v.trim() + "'");
        }
    }

    private static double decimal(String field, String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": a number, not '" + v.trim() + "'");
        }
    }
}

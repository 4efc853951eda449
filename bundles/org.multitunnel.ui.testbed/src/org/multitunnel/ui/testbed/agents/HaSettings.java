package org.multitunnel.ui.testbed.agents;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Set;

import org.multitunnel.agent.ha.HomeAgentConfig;
import org.multitunnel.wire.mip.auth.KeyTable;

/**
 * What the Agents policy form says about the built-in home agent: where it listens, per-HoA multipath denial,
 * the binding and lifetime ceilings, the draft policies and an optional pcapng recording. A value, so the form and
 * the running agent can be compared ("restart to apply") and tests can start an agent on a free port.
 *
 * @param recordTo pcapng file of the agent's signalling, or null for none
 */
public record HaSettings(String host, int port, Set<String> denyMultipath, int maxBindings, int maxLifetime,
        boolean simultaneousBindings, boolean multipleTunnelSupport, boolean multiInterfaceRoutingSupport,
        boolean unequalLoadSupport, Path recordTo) {

    public HaSettings {
        denyMultipath = Set.copyOf(denyMultipath);
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port must be 0-65535: " + port);
        }
    }

    /** The reference agent's own defaults on loopback, the port of {@code TestbedSession.BUILT_IN_HOME_AGENT}. */
    public static HaSettings defaults() {
        return new HaSettings("127.0.0.1", HomeAgentConfig.DEFAULT_PORT, Set.of(), HomeAgentConfig.DEFAULT_MAX_BINDINGS,
                HomeAgentConfig.DEFAULT_MAX_LIFETIME, false, true, true, true, null);
    }

    public HaSettings withPort(int p) {
        return new HaSettings(host, p, denyMultipath, maxBindings, maxLifetime, simultaneousBindings,
                multipleTunnelSupport, multiInterfaceRoutingSupport, unequalLoadSupport, recordTo);
    }

    public HaSettings withRecordTo(Path file) {
        return new HaSettings(host, port, denyMultipath, maxBindings, maxLifetime, simultaneousBindings,
                multipleTunnelSupport, multiInterfaceRoutingSupport, unequalLoadSupport, file);
    }

    public HaSettings withDenyMultipath(Set<String> homeAddresses) {
        return new HaSettings(host, port, homeAddresses, maxBindings, maxLifetime, simultaneousBindings,
                multipleTunnelSupport, multiInterfaceRoutingSupport, unequalLoadSupport, recordTo);
    }

    /** The agent configuration with the MN-HA associations of {@code keys} (the GUI key table). */
    HomeAgentConfig toConfig(KeyTable keys) {
        HomeAgentConfig.Builder b = HomeAgentConfig.builder().listen(new InetSocketAddress(host, port))
                .maxBindings(maxBindings).maxLifetime(maxLifetime).simultaneousBindings(simultaneousBindings)
                .multipleTunnelSupport(multipleTunnelSupport).multiInterfaceRoutingSupport(multiInterfaceRoutingSupport)
                .unequalLoadSupport(unequalLoadSupport).recordTo(recordTo);
        denyMultipath.forEach(b::denyMultipath);
        if (keys != null) {
            b.keys(keys);
        }
        return b.build();
    }
}

package org.multitunnel.ui.testbed.agents;

import java.nio.file.Path;

/**
 * The foreign agent form: its loopback listen port, whether it offers the draft services (seed 001 multiple
 * tunnels, seed 000 multi-interface routing) and an optional pcapng recording. It relays to the running built-in
 * home agent.
 */
public record FaSettings(String host, int port, boolean multipleTunnelSupport, boolean multiInterfaceRoutingSupport,
        Path recordTo) {
    public static final int DEFAULT_PORT = org.multitunnel.agent.fa.ForeignAgentConfig.DEFAULT_PORT;

    public static FaSettings defaults() {
        return new FaSettings("127.0.0.1", DEFAULT_PORT, true, true, null);
    }
}

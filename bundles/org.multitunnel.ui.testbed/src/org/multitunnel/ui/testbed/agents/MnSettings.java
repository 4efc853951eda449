package org.multitunnel.ui.testbed.agents;

import java.util.List;

/**
 * The mobile node form: its home address, one care-of address per simulated interface (loopback aliases such as
 * 127.0.0.11, so each request leaves from its own address as RFC 7629 §5.1 wants), whether it registers them with
 * the Multipath Extension, the lifetime it asks for, and whether it registers through the built-in foreign agent.
 */
public record MnSettings(String homeAddress, List<String> careOfAddresses, boolean multipath, int lifetime,
        boolean viaForeignAgent) {
    public MnSettings {
        careOfAddresses = List.copyOf(careOfAddresses);
        if (careOfAddresses.isEmpty()) {
            throw new IllegalArgumentException("at least one care-of address is needed");
        }
    }

    public static MnSettings defaults() {
        return new MnSettings("10.1.0.5", List.of("127.0.0.11", "127.0.0.12"), true, 300, false);
    }
}

package org.multitunnel.wire.mip;

import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.fast.MipPorts;

/** Registers the Mobile IPv4 dissector with a {@link DissectorRegistry} ("Decode As" for another port too). */
public final class MipDissectors {
    /** RFC 5944 §3.1: registration messages use UDP port 434. */
    public static final int DEFAULT_PORT = 434;

    private MipDissectors() {
    }

    public static void register(DissectorRegistry r, int port) {
        r.register(DissectorRegistry.UDP_PORT, port, new MipDissector());
    }

    public static void register(DissectorRegistry r, int port, MipCodec codec) {
        r.register(DissectorRegistry.UDP_PORT, port, new MipDissector(codec));
    }

    /** One dissector with the default codec on every port of {@code ports}. */
    public static void register(DissectorRegistry r, MipPorts ports) {
        register(r, ports, new MipCodec());
    }

    /** One dissector decoding with {@code codec} on every port of {@code ports} (a range is one shared instance). */
    public static void register(DissectorRegistry r, MipPorts ports, MipCodec codec) {
        MipDissector d = new MipDissector(codec);
        for (int port : ports.list()) {
            r.register(DissectorRegistry.UDP_PORT, port, d);
        }
    }
}

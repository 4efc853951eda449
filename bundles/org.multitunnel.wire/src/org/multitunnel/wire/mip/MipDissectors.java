package org.multitunnel.wire.mip;

import org.multitunnel.wire.DissectorRegistry;

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
}

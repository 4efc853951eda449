package org.multitunnel.wire.fast;

/**
 * Tunnel encapsulations of Mobile IP, named as the headless contract's {@code encapsulation} values
 * ({@link #contractName()}): IP in IP (RFC 2003; also IPv6 in IP), GRE (RFC 2784/2890), minimal encapsulation
 * (RFC 2004) and UDP tunnelling (RFC 3519).
 */
public enum TunnelEncapsulation {
    NONE("none"), IPIP("ipip"), GRE("gre"), MINENC("minenc"), UDP("udp");

    private final String contractName;

    TunnelEncapsulation(String contractName) {
        this.contractName = contractName;
    }

    public String contractName() {
        return contractName;
    }
}

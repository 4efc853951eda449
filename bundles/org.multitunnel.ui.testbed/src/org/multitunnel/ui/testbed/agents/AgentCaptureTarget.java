package org.multitunnel.ui.testbed.agents;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.multitunnel.capture.live.LiveInterface;

/**
 * Which interface to capture on to see a home agent's traffic live: the one holding its listen address (loopback
 * for the built-in agent), libpcap's "any" when it listens on the wildcard address. The BPF filter keeps its
 * signalling and the tunnels it may carry (IP-in-IP 4, GRE 47, minimal encapsulation 55).
 */
public final class AgentCaptureTarget {
    private AgentCaptureTarget() {
    }

    /** The interface name, or empty when no interface has that address. */
    public static Optional<String> forAddress(InetAddress listen, List<LiveInterface> interfaces) {
        if (listen.isAnyLocalAddress()) {
            return interfaces.stream().map(LiveInterface::name).filter("any"::equals).findFirst();
        }
        for (LiveInterface i : interfaces) {
            if (i.addresses().contains(listen)) {
                return Optional.of(i.name());
            }
        }
        if (listen.isLoopbackAddress()) { // 127/8 beyond 127.0.0.1 lives on the loopback interface too
            return interfaces.stream().filter(LiveInterface::loopback).map(LiveInterface::name).findFirst();
        }
        return Optional.empty();
    }

    /** The home agent's registration port and the tunnel protocols. */
    public static String filter(int port) {
        return "udp port " + port + " or ip proto 4 or ip proto 47 or ip proto 55";
    }
}

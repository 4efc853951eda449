package org.multitunnel.ui.testbed.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.multitunnel.capture.live.LiveInterface;

/** Which interface shows a home agent's traffic, from the interfaces libpcap lists. */
class AgentCaptureTargetTest {
    private static final List<LiveInterface> INTERFACES;

    static {
        try {
            INTERFACES = List.of(
                    new LiveInterface("eth0", "", List.of(InetAddress.getByName("192.0.2.10")), false, true, true),
                    new LiveInterface("any", "Pseudo-device", List.of(), false, true, true),
                    new LiveInterface("lo", "", List.of(InetAddress.getByName("127.0.0.1")), true, true, true));
        } catch (java.net.UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Test
    void theInterfaceHoldingTheListenAddressIsChosen() throws Exception {
        assertEquals(Optional.of("lo"), AgentCaptureTarget.forAddress(InetAddress.getByName("127.0.0.1"), INTERFACES));
        assertEquals(Optional.of("eth0"),
                AgentCaptureTarget.forAddress(InetAddress.getByName("192.0.2.10"), INTERFACES));
    }

    @Test
    void otherLoopbackAddressesUseTheLoopbackInterfaceAndTheWildcardUsesAny() throws Exception {
        assertEquals(Optional.of("lo"), AgentCaptureTarget.forAddress(InetAddress.getByName("127.0.0.77"), INTERFACES));
        assertEquals(Optional.of("any"), AgentCaptureTarget.forAddress(InetAddress.getByName("0.0.0.0"), INTERFACES));
        assertEquals(Optional.empty(), AgentCaptureTarget.forAddress(InetAddress.getByName("198.51.100.1"), INTERFACES));
    }

    @Test
    void filterKeepsTheAgentPortAndTheTunnelProtocols() {
        assertEquals("udp port 4434 or ip proto 4 or ip proto 47 or ip proto 55", AgentCaptureTarget.filter(4434));
    }
}

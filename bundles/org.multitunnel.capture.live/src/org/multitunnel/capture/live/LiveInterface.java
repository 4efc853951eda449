package org.multitunnel.capture.live;

import java.net.InetAddress;
import java.util.List;

/**
 * A network interface libpcap can open, as the capture dialog and {@code multitunnel capture --list} show it; a plain
 * value so callers never touch pcap4j types.
 *
 * @param name        the name to pass to {@link LiveCaptureOptions} and {@link Injector} (e.g. "lo", "eth0")
 * @param description libpcap's description, or empty
 * @param addresses   IPv4/IPv6 addresses configured on the interface
 * @param loopback    PCAP_IF_LOOPBACK
 * @param up          PCAP_IF_UP
 * @param running     PCAP_IF_RUNNING
 */
public record LiveInterface(String name, String description, List<InetAddress> addresses, boolean loopback,
        boolean up, boolean running) {
    public LiveInterface {
        description = description == null ? "" : description;
        addresses = List.copyOf(addresses);
    }
}

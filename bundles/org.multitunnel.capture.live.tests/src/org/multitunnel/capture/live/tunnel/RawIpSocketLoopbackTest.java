package org.multitunnel.capture.live.tunnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * The raw IP-in-IP sockets of the userspace tunnel on the loopback interface only (127.0.0.1 ↔ 127.0.0.2, as root
 * like CI): the kernel writes the outer header with protocol 4 and the bound address as source, and the peer's
 * socket — connected to that source — receives it with the header. Needs CAP_NET_RAW; fails (not skips) without.
 */
class RawIpSocketLoopbackTest {
    @Test
    void ipipPacketSentFromOneBoundSocketArrivesWithItsOuterHeaderAtThePeer() throws Exception {
        Inet4Address a = (Inet4Address) InetAddress.getByName("127.0.0.1");
        Inet4Address b = (Inet4Address) InetAddress.getByName("127.0.0.2");
        byte[] inner = new byte[28];
        inner[0] = 0x45; // an inner IPv4 header, total length 28, protocol 17
        inner[3] = 28;
        inner[9] = 17;
        try (RawIpSocket tx = RawIpSocket.open(4, a, b); RawIpSocket rx = RawIpSocket.open(4, b, a)) {
            rx.receiveTimeout(5_000);
            tx.send(inner, inner.length);
            byte[] buf = new byte[2048];
            int n = rx.receive(buf);
            assertEquals(48, n, "20 octets of outer header + 28 of inner packet");
            assertEquals(0x45, buf[0] & 0xff);
            assertEquals(48, ((buf[2] & 0xff) << 8) | (buf[3] & 0xff), "outer total length");
            assertEquals(4, buf[9], "outer protocol IP-in-IP (RFC 2003)");
            assertArrayEquals(a.getAddress(), Arrays.copyOfRange(buf, 12, 16), "outer source = bound address");
            assertArrayEquals(b.getAddress(), Arrays.copyOfRange(buf, 16, 20), "outer destination = peer");
            assertEquals(20, TunnelFraming.IPIP.innerOffset(buf, n));
            assertArrayEquals(inner, Arrays.copyOfRange(buf, 20, n));
        }
    }
}

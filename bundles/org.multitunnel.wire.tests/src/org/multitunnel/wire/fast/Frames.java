package org.multitunnel.wire.fast;

import java.nio.ByteBuffer;

import org.multitunnel.wire.Hex;
import org.multitunnel.wire.dissect.Addresses;
import org.multitunnel.wire.ip.Ipv4Header;
import org.multitunnel.wire.ip.UdpHeader;
import org.multitunnel.wire.link.EthernetHeader;
import org.multitunnel.wire.tunnel.GreHeader;
import org.multitunnel.wire.tunnel.MinimalEncapsulationHeader;

/** Crafted Ethernet frames for the classifier tests, built with the codec's own builders. */
final class Frames {
    static final int HA = Addresses.parseIpv4("192.0.2.1");
    static final int COA = Addresses.parseIpv4("198.51.100.7");
    static final int HOA = Addresses.parseIpv4("10.1.0.5");
    static final int CN = Addresses.parseIpv4("203.0.113.9");

    /** RFC 5944 §3.3 Registration Request: type 1, flags S|T, lifetime 300, HoA, HA, CoA, identification. */
    static final String REQUEST = "01" + "82" + "012c" + "0a010005" + "c0000201" + "c6336407" + "0102030405060708";
    /** RFC 5944 §3.4 Registration Reply: type 3, code 0, lifetime 300, HoA, HA, identification. */
    static final String REPLY = "03" + "00" + "012c" + "0a010005" + "c0000201" + "0102030405060708";

    private Frames() {
    }

    static ByteBuffer ethernet(byte[] ipPacket) {
        return ByteBuffer.wrap(new EthernetHeader(Hex.decode("020000000001"), Hex.decode("020000000002"), 0x0800)
                .encode(ipPacket));
    }

    static byte[] ipv4(int proto, int src, int dst, byte[] payload) {
        return Ipv4Header.builder().protocol(proto).source(src).destination(dst).build(payload);
    }

    static byte[] udp(int sport, int dport, byte[] payload) {
        return UdpHeader.builder().sourcePort(sport).destinationPort(dport).build(payload);
    }

    /** Inner packet from the correspondent node to the mobile node: UDP 5000 -> 6000. */
    static byte[] inner() {
        return ipv4(17, CN, HOA, udp(5000, 6000, new byte[] {1, 2, 3}));
    }

    static ByteBuffer registrationRequest() {
        return ethernet(ipv4(17, COA, HA, udp(434, 434, Hex.decode(REQUEST))));
    }

    static ByteBuffer registrationReply() {
        return ethernet(ipv4(17, HA, COA, udp(434, 434, Hex.decode(REPLY))));
    }

    static ByteBuffer greWithKey() {
        return ethernet(ipv4(47, HA, COA, GreHeader.builder().key(0x1234).build(inner())));
    }

    static ByteBuffer ipInIp() {
        return ethernet(ipv4(4, HA, COA, inner()));
    }

    static ByteBuffer minimalEncapsulation() {
        byte[] in = inner();
        byte[] transport = java.util.Arrays.copyOfRange(in, 20, in.length);
        return ethernet(ipv4(55, HA, COA, MinimalEncapsulationHeader.builder().protocol(17)
                .originalDestination(HOA).build(transport)));
    }

    /** RFC 3519 §3.1: Type 4 | Next Header 4 (IP in IP) | Reserved | inner packet, in UDP from port 434. */
    static ByteBuffer udpTunnel() {
        byte[] in = inner();
        byte[] msg = new byte[4 + in.length];
        msg[0] = 4;
        msg[1] = 4;
        System.arraycopy(in, 0, msg, 4, in.length);
        return ethernet(ipv4(17, HA, COA, udp(434, 1025, msg)));
    }
}

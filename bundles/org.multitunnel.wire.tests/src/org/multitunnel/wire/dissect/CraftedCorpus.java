package org.multitunnel.wire.dissect;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.Hex;
import org.multitunnel.wire.ip.AgentAdvertisement;
import org.multitunnel.wire.ip.IcmpMessage;
import org.multitunnel.wire.ip.Ipv4Header;
import org.multitunnel.wire.ip.Ipv6ExtensionHeader;
import org.multitunnel.wire.ip.Ipv6Header;
import org.multitunnel.wire.ip.TcpHeader;
import org.multitunnel.wire.ip.UdpHeader;
import org.multitunnel.wire.link.EthernetHeader;
import org.multitunnel.wire.link.Sll2Header;
import org.multitunnel.wire.link.SllHeader;
import org.multitunnel.wire.link.VlanTag;
import org.multitunnel.wire.mip6.MobilityHeader;
import org.multitunnel.wire.mip6.MobilityMessages;
import org.multitunnel.wire.mip6.MobilityOption;
import org.multitunnel.wire.mip6.MobilityOptionDissectors;
import org.multitunnel.wire.tunnel.GreHeader;
import org.multitunnel.wire.tunnel.MinimalEncapsulationHeader;

/**
 * Crafted frames that together reach every dissector and every field of this bundle's part of the codec (the
 * public captures lack agent advertisements, minimal encapsulation, SLL, the RFC 5648 / RFC 6089 / seed 003
 * options...). Used by the field-documentation test; each entry is (link type, frame).
 */
final class CraftedCorpus {
    record Frame(int linkType, ByteBuffer data) {
    }

    private CraftedCorpus() {
    }

    static byte[] v6(String a) {
        return Addresses.parseIpv6(a);
    }

    static List<Frame> frames() {
        List<Frame> out = new ArrayList<>();
        int a = Addresses.parseIpv4("192.0.2.1"), b = Addresses.parseIpv4("198.51.100.7");
        byte[] udp = UdpHeader.builder().sourcePort(5000).destinationPort(53).build(new byte[] {1});
        byte[] tcp = TcpHeader.builder().sourcePort(1).destinationPort(2).flags(0x18).options(Hex.decode("020405b4"))
                .build(new byte[] {2});
        byte[] innerUdp = Ipv4Header.builder().protocol(17).source(a).destination(b).build(udp);
        byte[] mac1 = Hex.decode("020000000001"), mac2 = Hex.decode("020000000002");
        // Ethernet + VLAN + IPv4 with options + TCP
        byte[] ipTcp = Ipv4Header.builder().protocol(6).source(a).destination(b).options(Hex.decode("0703040000000000"))
                .build(tcp);
        out.add(new Frame(1, ByteBuffer.wrap(new EthernetHeader(mac1, mac2, 0x8100)
                .encode(new VlanTag(1, true, 7, 0x0800).encode(ipTcp)))));
        out.add(new Frame(1, ByteBuffer.wrap(new EthernetHeader(mac1, mac2, 0x8100)
                .encode(new VlanTag(0, false, 7, 0x0010).encode(new byte[16])))));
        // SLL v1 with a non-Ethernet address, SLL2, NULL, LOOP, raw
        out.add(new Frame(113, ByteBuffer.wrap(new SllHeader(0, 65534, 4, new byte[8], 0x0800).encode(innerUdp))));
        out.add(new Frame(113, ByteBuffer.wrap(new SllHeader(0, 1, 6, new byte[8], 0x0004).encode(new byte[4]))));
        out.add(new Frame(276, ByteBuffer.wrap(new Sll2Header(0x0800, 0, 2, 1, 0, 6, new byte[8]).encode(innerUdp))));
        out.add(new Frame(0, ByteBuffer.wrap(concat(Hex.decode("02000000"), innerUdp))));
        out.add(new Frame(101, ByteBuffer.wrap(innerUdp)));
        // ICMP: agent advertisement (+ one-byte padding and an unknown extension), solicitation, echo, error
        byte[] adv = IcmpMessage.builder().type(9).body(concat(new AgentAdvertisement().router(a, 1).careOf(a)
                .prefixLengths(24).body(), Hex.decode("00" + "2002abcd"))).build();
        out.add(new Frame(228, ByteBuffer.wrap(Ipv4Header.builder().protocol(1).source(a).destination(b).build(adv))));
        for (byte[] icmp : List.of(IcmpMessage.builder().type(10).body(new byte[4]).build(),
                IcmpMessage.builder().type(8).body(Hex.decode("00010002aabb")).build(),
                IcmpMessage.builder().type(3).code(3).body(concat(new byte[4], innerUdp)).build(),
                IcmpMessage.builder().type(42).body(Hex.decode("01")).build())) {
            out.add(new Frame(228, ByteBuffer.wrap(Ipv4Header.builder().protocol(1).source(a).destination(b)
                    .build(icmp))));
        }
        // Tunnels: GRE C/K/S, GRE with routing (RFC 1701), minimal encapsulation with S, IP in IP, Cisco metadata
        out.add(new Frame(228, ByteBuffer.wrap(Ipv4Header.builder().protocol(47).source(a).destination(b)
                .build(GreHeader.builder().withChecksum(true).key(5).sequence(6).build(innerUdp)))));
        out.add(new Frame(228, ByteBuffer.wrap(Ipv4Header.builder().protocol(47).source(a).destination(b)
                .build(Hex.decode("40000800" + "00000000" + "00000000")))));
        out.add(new Frame(228, ByteBuffer.wrap(Ipv4Header.builder().protocol(55).source(a).destination(b)
                .build(MinimalEncapsulationHeader.builder().protocol(17).originalDestination(a).originalSource(b)
                        .build(udp)))));
        out.add(new Frame(1, ByteBuffer.wrap(new EthernetHeader(mac1, mac2, 0x8909)
                .encode(concat(Hex.decode("0101000100020800"), innerUdp)))));
        // IPv6 with hop-by-hop (PadN + unknown option), routing, destination options (Pad1), fragment, UDP
        byte[] frag = new Ipv6ExtensionHeader(44, 17, Hex.decode("00000000000001")).encode(udp);
        byte[] dst = Ipv6ExtensionHeader.options(60, 44, Hex.decode("000000000000")).encode(frag);
        byte[] rt = new Ipv6ExtensionHeader(43, 60, Hex.decode("00000000000000")).encode(dst);
        byte[] hbh = Ipv6ExtensionHeader.options(0, 43, Hex.decode("0100" + "05020000")).encode(rt);
        out.add(new Frame(229, ByteBuffer.wrap(Ipv6Header.builder().nextHeader(0).source(v6("2001:db8::1"))
                .destination(v6("2001:db8::2")).build(hbh))));
        // MIPv6 route optimisation: type 2 routing header and the Home Address destination option (RFC 6275)
        byte[] hoaOpt = concat(Hex.decode("01020000c910"), v6("2001:db8::5")); // PadN(2), option 201 length 16
        byte[] dstHoa = Ipv6ExtensionHeader.options(60, 59, hoaOpt).encode(new byte[0]);
        byte[] rt2 = new Ipv6ExtensionHeader(43, 60, concat(Hex.decode("02020100000000"), v6("2001:db8::5")))
                .encode(dstHoa);
        out.add(new Frame(229, ByteBuffer.wrap(Ipv6Header.builder().nextHeader(43).source(v6("2001:db8::1"))
                .destination(v6("2001:db8::2")).build(rt2))));
        // Mobility headers: BU with every option this codec knows, BA, BE, an unknown MH type
        byte[] acoa = v6("2001:db8::99");
        byte[] bu = MobilityHeader.builder().mhType(MobilityMessages.BINDING_UPDATE)
                .message(MobilityMessages.bindingUpdate(1, 0xffc0, 10)).option(MobilityOption.pad1())
                .option(MobilityOption.padN(2)).option(MobilityOption.bindingRefreshAdvice(3))
                .option(MobilityOption.alternateCareOf(acoa)).option(MobilityOption.nonceIndices(1, 2))
                .option(MobilityOption.bindingAuthorizationData(new byte[12]))
                .option(MobilityOption.bindingIdentifier(1, 0, true, null))
                .option(MobilityOption.bindingIdentifier(2, 0, false, Hex.decode("c0000201")))
                .option(MobilityOption.bindingIdentifier(3, 0, false, acoa))
                .option(MobilityOption.flowSummary(1, 2))
                .option(MobilityOption.flowIdentification(1, 2, 0, Hex.decode("0102")))
                .option(MobilityOption.loadBalancing(MobilityOptionDissectors.DEFAULT_LOAD_BALANCING_TYPE, 1, 1, 2,
                        acoa))
                .option(MobilityOption.of(99, Hex.decode("01"))).build();
        byte[] ba = MobilityHeader.builder().mhType(6).message(MobilityMessages.bindingAck(0, 0xf8, 1, 10)).build();
        byte[] be = MobilityHeader.builder().mhType(7).message(MobilityMessages.bindingError(1, acoa)).build();
        byte[] other = MobilityHeader.builder().mhType(99).message(new byte[10]).build();
        for (byte[] mh : List.of(bu, ba, be, other)) {
            out.add(new Frame(229, ByteBuffer.wrap(Ipv6Header.builder().nextHeader(135).source(v6("2001:db8::1"))
                    .destination(v6("2001:db8::2")).build(mh))));
        }
        // malformed: a truncated IPv4 header
        out.add(new Frame(228, ByteBuffer.wrap(Hex.decode("4500"))));
        return out;
    }

    static byte[] concat(byte[] x, byte[] y) {
        byte[] out = new byte[x.length + y.length];
        System.arraycopy(x, 0, out, 0, x.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }
}

package org.multitunnel.capture.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.dissect.Addresses;
import org.multitunnel.wire.fast.TunnelEncapsulation;
import org.multitunnel.wire.ip.Ipv4Header;
import org.multitunnel.wire.ip.UdpHeader;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.tunnel.GreHeader;

/**
 * Which tunnel end is the home agent, with and without registration signalling in the capture, and what counts as
 * tunnel traffic. Frames are raw IPv4 (LINKTYPE_RAW), built with the wire bundle's builders, so a frame's length is
 * its outer IPv4 total length. Addresses are chosen so that the weaker rules would get the direction wrong.
 */
class DirectionHeuristicTest {
    private static final int RAW = 101;
    private static final int HA = Addresses.parseIpv4("203.0.113.1");
    private static final int COA = Addresses.parseIpv4("10.0.0.1");
    private static final int HOA = Addresses.parseIpv4("10.1.0.5");
    private static final int CN = Addresses.parseIpv4("172.16.0.9");

    private final TunnelAccounting accounting = new TunnelAccounting();
    private long time = 1_700_000_000_000_000_000L;

    /** An inner UDP datagram of {@code payload} bytes, CN to HoA or back. */
    private static byte[] inner(boolean toMn, int payload) {
        byte[] udp = UdpHeader.builder().sourcePort(toMn ? 5001 : 40000).destinationPort(toMn ? 40000 : 5001)
                .build(new byte[payload]);
        return Ipv4Header.builder().protocol(17).source(toMn ? CN : HOA).destination(toMn ? HOA : CN).build(udp);
    }

    private static byte[] ipip(int src, int dst, byte[] inner) {
        return Ipv4Header.builder().protocol(4).source(src).destination(dst).build(inner);
    }

    private static byte[] gre(int src, int dst, long key, byte[] inner) {
        return Ipv4Header.builder().protocol(47).source(src).destination(dst)
                .build(GreHeader.builder().key(key).build(inner));
    }

    /** UDP between the given ports carrying {@code payload}. */
    private static byte[] udp(int src, int dst, int sport, int dport, byte[] payload) {
        return Ipv4Header.builder().protocol(17).source(src).destination(dst)
                .build(UdpHeader.builder().sourcePort(sport).destinationPort(dport).ipv4(src, dst).build(payload));
    }

    /** RFC 3519 §3.1 tunnel data: Type 4 | Next Header 4 (IP in IP) | Reserved(16) | inner packet. */
    private static byte[] udpTunnel(int src, int dst, int sport, int dport, byte[] inner) {
        byte[] m = new byte[4 + inner.length];
        m[0] = 4; // type 4: tunnel data
        m[1] = 4; // next header: IP in IP
        System.arraycopy(inner, 0, m, 4, inner.length);
        return udp(src, dst, sport, dport, m);
    }

    private static byte[] request(int haField, int coaField) {
        return RegistrationRequest.builder().lifetime(300).homeAddress(HOA).homeAgent(haField)
                .careOfAddress(coaField).identification(1).build().encode();
    }

    private void feed(byte[] frame) {
        accounting.accept(RAW, ByteBuffer.wrap(frame), 0, frame.length, frame.length, time += 1_000_000L);
    }

    private TunnelTotals only(TunnelReport r) {
        assertEquals(1, r.tunnels().size(), "one tunnel");
        return r.tunnels().get(0);
    }

    @Test
    void udpTunnelWithoutSignallingTakesThePort434SideForTheHomeAgent() {
        byte[] down = udpTunnel(HA, COA, 434, 50000, inner(true, 500));
        byte[] up = udpTunnel(COA, HA, 50000, 434, inner(false, 900)); // the CoA sends more: bytes would mislead
        feed(down);
        feed(up);
        feed(up);
        TunnelTotals t = only(accounting.finish());
        assertEquals(DirectionEvidence.UDP_PORT_434, t.evidence());
        assertEquals("203.0.113.1", t.homeAgentText());
        assertEquals("10.0.0.1", t.careOfAddressText());
        assertEquals(TunnelEncapsulation.UDP, t.encapsulation());
        assertEquals(434, t.homeAgentPort());
        assertEquals(50000, t.careOfPort());
        assertEquals(new DirectionTotals(1, down.length), t.toCareOf());
        assertEquals(new DirectionTotals(2, 2L * up.length), t.toHomeAgent());
    }

    @Test
    void ipIpStarWithoutSignallingTakesTheEndpointWithMostPeers() {
        int[] coas = {COA, COA + 1, COA + 2};
        for (int c : coas) {
            feed(ipip(HA, c, inner(true, 100)));
            feed(ipip(c, HA, inner(false, 1000))); // every CoA sends more than it receives
        }
        TunnelReport r = accounting.finish();
        assertEquals(3, r.tunnels().size());
        for (int i = 0; i < 3; i++) {
            TunnelTotals t = r.tunnels().get(i);
            assertEquals(DirectionEvidence.PEER_COUNT, t.evidence());
            assertEquals(HA, t.homeAgent());
            assertEquals(coas[i], t.careOfAddress());
            assertEquals(new DirectionTotals(1, 20 + 20 + 8 + 100), t.toCareOf());
            assertEquals(new DirectionTotals(1, 20 + 20 + 8 + 1000), t.toHomeAgent());
        }
    }

    @Test
    void singlePairWithoutSignallingTakesTheHeavierSenderForTheHomeAgent() {
        feed(ipip(HA, COA, inner(true, 1200)));
        feed(ipip(COA, HA, inner(false, 40)));
        feed(ipip(COA, HA, inner(false, 40)));
        TunnelTotals t = only(accounting.finish());
        assertEquals(DirectionEvidence.BYTES_SENT, t.evidence());
        assertEquals(HA, t.homeAgent()); // the higher address: address order alone would have chosen the CoA
        assertEquals(new DirectionTotals(1, 1248), t.toCareOf());
        assertEquals(new DirectionTotals(2, 2 * 88), t.toHomeAgent());
    }

    @Test
    void identicalTrafficWithoutSignallingFallsBackToAddressOrder() {
        feed(ipip(HA, COA, inner(true, 100)));
        feed(ipip(COA, HA, inner(false, 100)));
        TunnelTotals t = only(accounting.finish());
        assertEquals(DirectionEvidence.ADDRESS_ORDER, t.evidence());
        assertEquals(COA, t.homeAgent()); // documented: the lower address; nothing in the capture says otherwise
    }

    @Test
    void signallingSeenAfterTheDataStillDecidesTheDirection() {
        feed(gre(COA, HA, 7, inner(false, 1400))); // the CoA is the heavy sender here
        feed(gre(HA, COA, 7, inner(true, 60)));
        feed(udp(COA, HA, 50000, 434, request(HA, COA))); // registration only at the end of the capture
        TunnelReport r = accounting.finish();
        TunnelTotals t = only(r);
        assertEquals(DirectionEvidence.SIGNALLED_HOME_AGENT, t.evidence());
        assertEquals(HA, t.homeAgent());
        assertEquals(7, t.greKey());
        assertEquals(1, t.toHomeAgent().packets());
        assertEquals(20 + 8 + 20 + 8 + 1400, t.toHomeAgent().bytes());
        assertEquals(1, r.registrationRequests());
    }

    @Test
    void signalledCareOfAddressDecidesWhenTheHomeAgentFieldNamesAnotherAddress() {
        int haField = Addresses.parseIpv4("192.0.2.99"); // an HA registering under another of its addresses
        feed(udp(COA, haField, 50000, 434, request(haField, COA)));
        feed(ipip(COA, HA, inner(false, 1400)));
        feed(ipip(HA, COA, inner(true, 10)));
        TunnelTotals t = only(accounting.finish());
        assertEquals(DirectionEvidence.SIGNALLED_CARE_OF, t.evidence());
        assertEquals(HA, t.homeAgent());
        assertEquals(COA, t.careOfAddress());
    }

    @Test
    void registrationOnTheUdpTunnelPortsIsNotCountedAsTunnelTraffic() {
        byte[] rrq = udp(COA, HA, 50000, 434, request(HA, COA));
        byte[] rrp = udp(HA, COA, 434, 50000, RegistrationReply.builder().code(0).lifetime(300).homeAddress(HOA)
                .homeAgent(HA).identification(1).build().encode());
        byte[] down = udpTunnel(HA, COA, 434, 50000, inner(true, 333));
        byte[] up = udpTunnel(COA, HA, 50000, 434, inner(false, 77));
        for (byte[] f : List.of(rrq, rrp, down, up, down, rrq, rrp)) {
            feed(f);
        }
        TunnelReport r = accounting.finish();
        TunnelTotals t = only(r);
        assertEquals(new DirectionTotals(2, 2L * down.length), t.toCareOf());
        assertEquals(new DirectionTotals(1, up.length), t.toHomeAgent());
        assertEquals(4, r.signallingPackets());
        assertEquals(3, r.tunnelPackets());
        assertEquals(t.bytes(), t.series().totalBytes());
    }

    @Test
    void differentGreKeysPerDirectionAreTwoOneWayTunnels() {
        feed(udp(COA, HA, 50000, 434, request(HA, COA)));
        feed(gre(HA, COA, 100, inner(true, 10)));
        feed(gre(COA, HA, 200, inner(false, 10)));
        TunnelReport r = accounting.finish();
        assertEquals(2, r.tunnels().size());
        TunnelTotals k100 = r.tunnels().get(0);
        TunnelTotals k200 = r.tunnels().get(1);
        assertEquals(100, k100.greKey());
        assertEquals(new DirectionTotals(1, 58 + 8), k100.toCareOf()); // 20 IP + 8 GRE + 20 IP + 8 UDP + 10
        assertEquals(new DirectionTotals(0, 0), k100.toHomeAgent());
        assertEquals(200, k200.greKey());
        assertEquals(new DirectionTotals(0, 0), k200.toCareOf());
        assertEquals(new DirectionTotals(1, 66), k200.toHomeAgent());
    }

    @Test
    void innerFlowRecordsEachTunnelItUsedWithFirstAndLastTime() {
        long t0 = time;
        feed(ipip(HA, COA, inner(true, 10))); // t0 + 1 ms on CoA 1
        feed(ipip(HA, COA + 1, inner(true, 10))); // t0 + 2 ms: the same flow moved to CoA 2
        feed(ipip(HA, COA, inner(true, 10))); // t0 + 3 ms: and back
        TunnelReport r = accounting.finish();
        assertEquals(1, r.flows().size());
        InnerFlow f = r.flows().get(0);
        assertEquals("172.16.0.9:5001 > 10.1.0.5:40000 proto 17", f.label());
        assertEquals(3, f.packets());
        assertEquals(2, f.tunnels().size());
        FlowTunnelUse a = f.tunnels().get(0);
        FlowTunnelUse b = f.tunnels().get(1);
        assertEquals(COA, r.tunnels().get(a.tunnel()).careOfAddress());
        assertEquals(t0 + 1_000_000L, a.firstNanos());
        assertEquals(t0 + 3_000_000L, a.lastNanos());
        assertEquals(2, a.packets());
        assertEquals(COA + 1, r.tunnels().get(b.tunnel()).careOfAddress());
        assertEquals(t0 + 2_000_000L, b.firstNanos());
        assertEquals(t0 + 2_000_000L, b.lastNanos());
    }

    @Test
    void ipv6OuterTunnelsAreCountedButNotAttributed() {
        byte[] in = inner(true, 10);
        ByteBuffer v6 = ByteBuffer.allocate(40 + in.length);
        v6.putInt(0x6000_0000); // version 6, traffic class 0, flow label 0
        v6.putShort((short) in.length); // payload length
        v6.put((byte) 4); // next header: IPv4 (IP in IPv6)
        v6.put((byte) 64); // hop limit
        v6.putLong(0x2001_0db8_0000_0000L).putLong(1); // source 2001:db8::1
        v6.putLong(0x2001_0db8_0000_0000L).putLong(2); // destination 2001:db8::2
        v6.put(in);
        feed(v6.array());
        TunnelReport r = accounting.finish();
        assertEquals(0, r.tunnels().size());
        assertEquals(1, r.unattributedPackets());
        assertEquals(0, r.otherPackets());
    }
}

package org.multitunnel.agent.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.ext.TrafficSelector;

/**
 * How the userspace tunnel picks a binding for a packet from the accepted flow bindings: RFC 6088 IPv4 selectors
 * (as the HA reports them, in hex) matched against real IPv4/UDP and ICMP headers, first match wins, no match →
 * the default BID.
 */
class FlowClassifierTest {
    /** IPv4 + UDP header: 10.100.0.5:40000 → 10.200.0.100:dport, DSCP 0. */
    private static byte[] udp(int dport) {
        return new byte[] {
            0x45, 0x00, 0x00, 0x24, // version 4, IHL 5, DS 0, total length 36
            0x00, 0x01, 0x40, 0x00, // identification 1, DF
            0x40, 0x11, 0x00, 0x00, // TTL 64, protocol 17 (UDP), checksum (not checked)
            10, 100, 0, 5, // source 10.100.0.5
            10, (byte) 200, 0, 100, // destination 10.200.0.100
            (byte) 0x9c, 0x40, (byte) (dport >> 8), (byte) dport, // source port 40000, destination port
            0x00, 0x10, 0x00, 0x00, // UDP length 16, checksum
            0, 0, 0, 0, 0, 0, 0, 0 }; // payload
    }

    @Test
    void theHomeAgentsSelectorHexSendsEachPortToItsBid() {
        // "00cc138913891111": flags 0x00cc = dport start/end + proto start/end; 5001..5001, 17..17
        FlowClassifier c = new FlowClassifier(List.of(FlowClassifier.rule(List.of(1), 1, "00cc138913891111"),
                FlowClassifier.rule(List.of(2), 1, "00cc138a138a1111")), 7);
        assertEquals(1, c.bidFor(udp(5001), 36));
        assertEquals(2, c.bidFor(udp(5002), 36));
        assertEquals(7, c.bidFor(udp(5003), 36), "no selector matches: the default BID");
        byte[] icmp = udp(5001);
        icmp[9] = 1; // protocol ICMP: the proto range 17..17 no longer matches
        assertEquals(7, c.bidFor(icmp, 36));
    }

    @Test
    void addressRangesPortRangesAndFirstMatchWins() {
        TrafficSelector fromHome = TrafficSelector.builder(TrafficSelector.FORMAT_IPV4)
                .address(MipFields.TS_SRC_START, "10.100.0.0").address(MipFields.TS_SRC_END, "10.100.0.9")
                .value(MipFields.TS_DPORT_START, 6000).value(MipFields.TS_DPORT_END, 6010).build();
        TrafficSelector anyToCn = TrafficSelector.builder(TrafficSelector.FORMAT_IPV4)
                .address(MipFields.TS_DST_START, "10.200.0.100").build(); // start only: exactly that address
        FlowClassifier c = new FlowClassifier(List.of(new FlowClassifier.Rule(List.of(3, 1), fromHome),
                new FlowClassifier.Rule(List.of(2), anyToCn)), 1);
        assertEquals(3, c.bidFor(udp(6005), 36), "first listed BID of the first matching flow binding");
        assertEquals(2, c.bidFor(udp(6011), 36), "port out of range: the second rule (destination) matches");
        byte[] other = udp(6005);
        other[19] = 101; // destination 10.200.0.101; source still in range
        assertEquals(3, c.bidFor(other, 36));
        other[15] = 10; // source 10.100.0.10: outside 10.100.0.0-9
        assertEquals(1, c.bidFor(other, 36));
    }

    @Test
    void nonIpv4AndTruncatedPacketsTakeTheDefault() {
        FlowClassifier c = new FlowClassifier(List.of(FlowClassifier.rule(List.of(2), 1, "00cc138a138a1111")), 1);
        byte[] v6 = udp(5002);
        v6[0] = 0x60;
        assertEquals(1, c.bidFor(v6, 36));
        assertEquals(1, c.bidFor(udp(5002), 19));
    }
}

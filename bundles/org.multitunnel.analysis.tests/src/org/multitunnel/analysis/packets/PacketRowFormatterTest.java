package org.multitunnel.analysis.packets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.dissect.LinkTypes;
import org.multitunnel.wire.fast.PacketKind;

/**
 * The Packets view's columns, shared by the GUI and {@code multitunnel decode --summary}: each row kind's Source,
 * Destination, Protocol and Info for packets written out byte by byte (raw IPv4, link type 228).
 */
class PacketRowFormatterTest {
    /** IPv4 header, 20 bytes, protocol UDP, 192.0.2.1 -> 192.0.2.2; total length filled by {@link #udp}. */
    private static String ipv4(int totalLength, int protocol, String src, String dst) {
        return "45" // version 4, IHL 5
                + "00" // DSCP/ECN
                + String.format("%04x", totalLength) // total length
                + "0001" // identification
                + "0000" // flags, fragment offset
                + "40" // TTL 64
                + String.format("%02x", protocol) // protocol
                + "0000" // header checksum (not checked)
                + src + dst;
    }

    private static ByteBuffer udp(int srcPort, int dstPort, String payloadHex) {
        int payload = payloadHex.length() / 2;
        String hex = ipv4(20 + 8 + payload, 17, "c0000201", "c0000202") // 192.0.2.1 -> 192.0.2.2
                + String.format("%04x", srcPort) // UDP source port
                + String.format("%04x", dstPort) // UDP destination port
                + String.format("%04x", 8 + payload) // UDP length
                + "0000" // checksum (none)
                + payloadHex;
        return ByteBuffer.wrap(Hex.decode(hex));
    }

    @Test
    void plainUdpRowShowsItsDataLayerWithoutALeadingComma() {
        // 50 payload bytes on ports 5000 -> 6000: not Mobile IP, so Info is the innermost layer's text.
        PacketRow row = new PacketRowFormatter().format(LinkTypes.IPV4, udp(5000, 6000, "ab".repeat(50)), null);
        assertEquals("192.0.2.1", row.source());
        assertEquals("192.0.2.2", row.destination());
        assertEquals("UDP", row.protocol());
        assertEquals(PacketKind.OTHER, row.kind());
        assertEquals("Data (50 bytes)", row.info());
    }

    @Test
    void registrationRequestRowShowsHomeAddressCareOfAndLifetime() {
        String rrq = "01" // type 1, Registration Request
                + "00" // flags
                + "012c" // lifetime 300
                + "0a010005" // home address 10.1.0.5
                + "c0000202" // home agent 192.0.2.2
                + "c6336407" // care-of address 198.51.100.7
                + "0102030405060708"; // identification
        PacketRow row = new PacketRowFormatter().format(LinkTypes.IPV4, udp(434, 434, rrq), null);
        assertEquals("MIPv4", row.protocol());
        assertEquals(PacketKind.MIP_SIGNALLING, row.kind());
        assertEquals("RRQ HoA=10.1.0.5 CoA=198.51.100.7 lifetime=300", row.info());
    }

    @Test
    void ipInIpRowShowsOuterAndInnerAddressesAndTheTunnel() {
        String inner = ipv4(20 + 8, 17, "0a010005", "cb007101") // 10.1.0.5 -> 203.0.113.1, UDP
                + "1389" + "1771" // ports 5001 -> 6001
                + "0008" + "0000"; // UDP length 8, checksum
        String outer = ipv4(20 + inner.length() / 2, 4, "c6336407", "c0000202"); // 198.51.100.7 -> 192.0.2.2, IP-in-IP
        PacketRow row = new PacketRowFormatter().format(LinkTypes.IPV4, ByteBuffer.wrap(Hex.decode(outer + inner)),
                null);
        assertEquals("198.51.100.7 (10.1.0.5)", row.source());
        assertEquals("192.0.2.2 (203.0.113.1)", row.destination());
        assertEquals("IP-in-IP", row.protocol());
        assertEquals("inner UDP 5001 → 6001", row.info());
        assertEquals("192.0.2.2|198.51.100.7", row.tunnel());
    }

    @Test
    void secondsHaveSixDecimalsAndADotInEveryLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertEquals("1.500000", PacketRowFormatter.seconds(1_500_000_000L));
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}

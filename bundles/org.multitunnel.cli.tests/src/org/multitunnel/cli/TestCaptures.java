package org.multitunnel.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.multitunnel.wire.Hex;

/** The project's captures the command-line tests read, and small captures written out byte by byte. */
final class TestCaptures {
    static final Path DEMO = Path.of("../../test-captures/demo-multipath.pcapng");
    static final Path FOUR_NODES = Path.of("../../test-captures/scenario-four-nodes.pcapng");
    static final Path TWO_NODES_PCAP = Path.of("../../test-captures/scenario-two-nodes.pcap");

    private TestCaptures() {
    }

    /**
     * A classic pcap (microseconds, little-endian, link type 228 raw IPv4) holding one UDP datagram 192.0.2.1:5000 ->
     * 192.0.2.2:6000 with 50 payload bytes 0xab — not Mobile IP, so its Info is its innermost layer.
     */
    static byte[] plainUdpPcap() {
        String packet = "45" + "00" + "004e" // IPv4, IHL 5; DSCP 0; total length 78
                + "0001" + "0000" // identification 1; no fragmentation
                + "40" + "11" + "0000" // TTL 64; protocol 17 UDP; checksum not checked
                + "c0000201" + "c0000202" // 192.0.2.1 -> 192.0.2.2
                + "1388" + "1770" // UDP ports 5000 -> 6000
                + "003a" + "0000" // UDP length 58; no checksum
                + "ab".repeat(50); // payload
        String hex = "d4c3b2a1" // pcap magic, little-endian, microseconds
                + "0200" + "0400" // version 2.4
                + "00000000" + "00000000" // time zone, accuracy
                + "ffff0000" // snap length 65535
                + "e4000000" // link type 228 (raw IPv4)
                + "00f15365" // record: seconds 1700000000
                + "20a10700" // microseconds 500000
                + "4e000000" + "4e000000" // captured 78, original 78
                + packet;
        return Hex.decode(hex);
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(o)) {
            z.write(b);
        }
        return o.toByteArray();
    }

    static byte[] read(Path p) throws IOException {
        return Files.readAllBytes(p);
    }
}

package org.multitunnel.agent.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.multitunnel.capture.CaptureFile;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Dissection;
import org.multitunnel.wire.dissect.PacketDissector;

/**
 * Test traffic for the lab and the check of what the home agent captured. Traffic is UDP from a chosen source
 * address (a care-of address, or the home agent towards the home address) sent by a one-file Java program run
 * with this JDK inside the namespace — no dependence on ping or iperf being installed. The capture check counts
 * packets and IPv4 bytes per source address in the home agent's tcpdump file.
 */
final class LabTraffic {
    private static final String SENDER = """
            import java.net.*;
            public class UdpBurst {
                public static void main(String[] a) throws Exception {
                    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(a[0], 0))) {
                        byte[] b = new byte[Integer.parseInt(a[4])];
                        InetSocketAddress to = new InetSocketAddress(a[1], Integer.parseInt(a[2]));
                        for (int i = 0; i < Integer.parseInt(a[3]); i++) {
                            s.send(new DatagramPacket(b, b.length, to));
                            Thread.sleep(20);
                        }
                    }
                }
            }
            """;

    private LabTraffic() {
    }

    /** The command sending {@code count} datagrams of {@code size} bytes from {@code src} to {@code dst}:9. */
    static List<String> burst(Path dir, String namespace, String src, String dst, int count, int size)
            throws IOException {
        Path file = dir.resolve("UdpBurst.java");
        if (!Files.isRegularFile(file)) {
            Files.writeString(file, SENDER, StandardCharsets.UTF_8);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of("ip", "netns", "exec", namespace, java, file.toString(), src, dst, "9", String.valueOf(count),
                String.valueOf(size));
    }

    /** Packets and IPv4 total-length bytes per source address in {@code capture}, for the given sources. */
    static Map<String, long[]> perSource(Path capture, List<String> sources) throws IOException {
        Map<String, long[]> out = new LinkedHashMap<>();
        sources.forEach(s -> out.put(s, new long[2]));
        if (!Files.isRegularFile(capture) || Files.size(capture) == 0) {
            return out;
        }
        PacketDissector d = new PacketDissector();
        try (CaptureFile f = CaptureFile.open(capture)) {
            for (int i = 0; i < f.packetCount(); i++) {
                Dissection x = d.dissectFull(f.linkType(i), f.packet(i));
                Field src = x.find("ip.src");
                Field len = x.find("ip.len");
                if (src != null && len != null && out.containsKey(String.valueOf(src.value()))) {
                    long[] c = out.get(String.valueOf(src.value()));
                    c[0]++;
                    c[1] += ((Number) len.value()).longValue();
                }
            }
        }
        return out;
    }
}

package org.multitunnel.agent.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.multitunnel.capture.CaptureFile;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Dissection;
import org.multitunnel.wire.dissect.PacketDissector;

/**
 * Test traffic for the lab and the checks of what arrived. Traffic is UDP from a chosen source address sent by a
 * one-file Java program run with this JDK inside the namespace — no dependence on ping or iperf being installed;
 * a second one-file program is the receiving end, so delivery after decapsulation is counted by a real socket.
 * The capture checks count packets and outer IPv4 bytes per source address, or per tunnel (outer source →
 * destination of IP-in-IP / GRE packets), in the home agent's tcpdump file.
 */
final class LabTraffic {
    private static final String SENDER = """
            import java.net.*;
            public class UdpBurst {
                // args: SRC DST PORT:COUNT:SIZE ...
                public static void main(String[] a) throws Exception {
                    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(a[0], 0))) {
                        for (int f = 2; f < a.length; f++) {
                            String[] p = a[f].split(":");
                            byte[] b = new byte[Integer.parseInt(p[2])];
                            InetSocketAddress to = new InetSocketAddress(a[1], Integer.parseInt(p[0]));
                            for (int i = 0; i < Integer.parseInt(p[1]); i++) {
                                s.send(new DatagramPacket(b, b.length, to));
                                Thread.sleep(20);
                            }
                        }
                    }
                }
            }
            """;
    private static final String SINK = """
            import java.net.*;
            public class UdpSink {
                // args: ADDR PORT ...; prints "ready", then "PORT PACKETS BYTES" after every datagram
                public static void main(String[] a) throws Exception {
                    for (int i = 1; i < a.length; i++) {
                        DatagramSocket s = new DatagramSocket(new InetSocketAddress(a[0], Integer.parseInt(a[i])));
                        Thread.ofPlatform().start(() -> {
                            byte[] b = new byte[65536];
                            long n = 0, bytes = 0;
                            while (true) {
                                DatagramPacket p = new DatagramPacket(b, b.length);
                                try { s.receive(p); } catch (Exception e) { return; }
                                n++;
                                bytes += p.getLength();
                                synchronized (System.out) {
                                    System.out.println(s.getLocalPort() + " " + n + " " + bytes);
                                    System.out.flush();
                                }
                            }
                        });
                    }
                    System.out.println("ready");
                    System.out.flush();
                }
            }
            """;

    private LabTraffic() {
    }

    /** The command sending {@code count} datagrams of {@code size} bytes from {@code src} to {@code dst}:9. */
    static List<String> burst(Path dir, String namespace, String src, String dst, int count, int size)
            throws IOException {
        return flows(dir, namespace, src, dst, List.of("9:" + count + ":" + size));
    }

    /** The command sending, per {@code PORT:COUNT:SIZE} spec, COUNT datagrams of SIZE octets to {@code dst}:PORT. */
    static List<String> flows(Path dir, String namespace, String src, String dst, List<String> specs)
            throws IOException {
        List<String> cmd = new ArrayList<>(java(dir, namespace, "UdpBurst.java", SENDER));
        cmd.add(src);
        cmd.add(dst);
        cmd.addAll(specs);
        return cmd;
    }

    /** The command of a receiver on {@code addr} for each port, reporting counts on stdout. */
    static List<String> sink(Path dir, String namespace, String addr, List<Integer> ports) throws IOException {
        List<String> cmd = new ArrayList<>(java(dir, namespace, "UdpSink.java", SINK));
        cmd.add(addr);
        ports.forEach(p -> cmd.add(String.valueOf(p)));
        return cmd;
    }

    /** Datagrams and payload octets per port from a sink's log (its last line per port). */
    static Map<Integer, long[]> sinkCounts(Path log) throws IOException {
        Map<Integer, long[]> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(log)) {
            return out;
        }
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            String[] w = line.trim().split(" ");
            if (w.length == 3 && w[0].matches("\\d+")) {
                out.put(Integer.valueOf(w[0]), new long[] {Long.parseLong(w[1]), Long.parseLong(w[2])});
            }
        }
        return out;
    }

    private static List<String> java(Path dir, String namespace, String name, String source) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            Files.writeString(file, source, StandardCharsets.UTF_8);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of("ip", "netns", "exec", namespace, java, file.toString());
    }

    /** Packets and IPv4 total-length bytes per source address in {@code capture}, for the given sources. */
    static Map<String, long[]> perSource(Path capture, List<String> sources) throws IOException {
        Map<String, long[]> out = new LinkedHashMap<>();
        sources.forEach(s -> out.put(s, new long[2]));
        scan(capture, (src, dst, proto, len) -> {
            long[] c = out.get(src);
            if (c != null) {
                c[0]++;
                c[1] += len;
            }
        });
        return out;
    }

    /** Packets and outer IPv4 bytes of IP-in-IP and GRE packets per "SRC>DST" pair, for the given pairs. */
    static Map<String, long[]> perTunnel(Path capture, List<String> pairs) throws IOException {
        Map<String, long[]> out = new LinkedHashMap<>();
        pairs.forEach(s -> out.put(s, new long[2]));
        scan(capture, (src, dst, proto, len) -> {
            long[] c = out.get(src + ">" + dst);
            if (c != null && (proto == 4 || proto == 47)) {
                c[0]++;
                c[1] += len;
            }
        });
        return out;
    }

    private interface Visitor {
        void packet(String src, String dst, int proto, long len);
    }

    /** The outer IPv4 header of every packet in {@code capture} (none when it is missing or empty). */
    private static void scan(Path capture, Visitor v) throws IOException {
        if (!Files.isRegularFile(capture) || Files.size(capture) == 0) {
            return;
        }
        PacketDissector d = new PacketDissector();
        try (CaptureFile f = CaptureFile.open(capture)) {
            for (int i = 0; i < f.packetCount(); i++) {
                Dissection x = d.dissectFull(f.linkType(i), f.packet(i));
                Field src = x.find("ip.src");
                Field dst = x.find("ip.dst");
                Field proto = x.find("ip.proto");
                Field len = x.find("ip.len");
                if (src != null && dst != null && proto != null && len != null) {
                    v.packet(String.valueOf(src.value()), String.valueOf(dst.value()),
                            ((Number) proto.value()).intValue(), ((Number) len.value()).longValue());
                }
            }
        }
    }
}

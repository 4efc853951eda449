package org.multitunnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.multitunnel.agent.lab.Lab;
import org.multitunnel.agent.lab.LabCapabilities;
import org.multitunnel.agent.lab.LabCase;
import org.multitunnel.agent.lab.Shell;
import org.multitunnel.wire.JsonReader;

/**
 * {@code multitunnel lab} for real (root, as CI runs): namespaces, veth links, the reference agents as child
 * processes, registration of both care-of addresses and both flow bindings, a tunnel per accepted binding (in user
 * space, so the test does not depend on the kernel's ipip/gre modules; IP-in-IP and GRE), each flow's datagrams
 * sent through the tunnel its flow binding names, captured on the home agent — and the project's analyzer over
 * that capture must count, per tunnel and direction, exactly the outer bytes the flows put on it. Then a teardown
 * that leaves no namespace or process behind. A machine that cannot do this fails the test with the reason, never
 * skips it.
 */
class LabCommandTest {
    /**
     * Case-1 with IP-in-IP (RFC 2003) and GRE (RFC 2784: 4 more octets per packet); Case-2 (a foreign agent per
     * interface), Case-3 (one foreign agent, one care-of address for both interfaces: one tunnel carrying both
     * BIDs' flows) and Case-4 (one foreign agent, a care-of address per interface) with IP-in-IP.
     */
    @ParameterizedTest
    @CsvSource({"case1, ipip, 0", "case1, gre, 4", "case2, ipip, 0", "case3, ipip, 0", "case4, ipip, 0"})
    void flowsCrossTheirTunnelsAndTheAnalyzerCountsExactlyTheBytesSentPerTunnel(String caseName, String encap,
            int header, @TempDir Path dir) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        Lab lab = new Lab(Shell.system(), dir, LabAgentLauncher.command(), out);
        LabCapabilities caps = lab.probe();
        assertTrue(caps.netns() && caps.veth() && caps.tun(), "the lab test needs root, network namespaces, veth "
                + "and TUN devices (/dev/net/tun): " + caps.detail());
        LabCase c = LabCase.byName(caseName);
        int up;
        try {
            up = lab.up(c, Lab.TunnelMode.USERSPACE, encap);
        } finally {
            out.flush();
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        try {
            assertEquals(0, up, text);
            List<String> coas = c.links().stream().map(LabCase.Link::careOf).toList();
            assertTrue(text.contains("bindings registered: " + coas), text);
            assertTrue(text.contains(encap + " tunnel per binding in user space"), text);
            assertTrue(lab.status().contains("tunnels " + encap + " (userspace: TUN device + raw sockets)"),
                    lab.status());
            // every datagram reached the receiving socket after decapsulation, both ways
            for (LabCase.Flow f : c.flows()) {
                assertTrue(text.contains("flow udp/" + f.port() + " on BID " + f.bid() + " (" + coas.get(f.bid() - 1)
                        + "): up " + f.upCount() + " x " + f.upSize() + " B sent, " + f.upCount() + " delivered; down "
                        + f.downCount() + " x " + f.downSize() + " B sent, " + f.downCount() + " delivered"), text);
            }

            Map<String, Map<String, Object>> tunnels = analyzedTunnels(dir.resolve("ha.pcap"));
            // per tunnel, i.e. per care-of address (Case-3: one tunnel for both links' BIDs)
            for (String coa : c.careOfAddresses()) {
                List<Integer> bids = new java.util.ArrayList<>();
                for (int i = 0; i < coas.size(); i++) {
                    if (coas.get(i).equals(coa)) {
                        bids.add(i + 1);
                    }
                }
                long upPackets = 0;
                long upBytes = 0;
                long downPackets = 0;
                long downBytes = 0;
                for (LabCase.Flow f : c.flows()) {
                    if (bids.contains(f.bid())) {
                        upPackets += f.upCount();
                        // outer IPv4 + tunnel header + inner IPv4 + UDP + payload
                        upBytes += f.upCount() * (20 + header + 20 + 8 + (long) f.upSize());
                        downPackets += f.downCount();
                        downBytes += f.downCount() * (20 + header + 20 + 8 + (long) f.downSize());
                    }
                }
                Map<String, Object> t = tunnels.get(coa);
                assertTrue(t != null, "the analyzer found no tunnel to " + coa + ": " + tunnels.keySet());
                assertEquals("10.200.0.1", t.get("homeAgent"));
                assertEquals(encap, t.get("encapsulation"));
                assertEquals(bids.stream().map(BigDecimal::valueOf).toList(), t.get("bids"), coa);
                assertEquals(List.of(upPackets, upBytes), counts(t, "toHomeAgent"), "BIDs " + bids + " uplink");
                assertEquals(List.of(downPackets, downBytes), counts(t, "toCareOf"), "BIDs " + bids + " downlink");
            }
            assertEquals(c.careOfAddresses().size(), tunnels.size(), tunnels.keySet().toString());
            assertTrue(Files.size(dir.resolve("ha-signalling.pcapng")) > 0);
            assertTrue(lab.status().contains("namespace mt-mn present"));
        } finally {
            assertEquals(0, lab.down());
        }
        Shell.Result ns = Shell.system().run(List.of("ip", "netns", "list"));
        assertFalse(ns.output().contains("mt-ha") || ns.output().contains("mt-mn") || ns.output().contains("mt-fa"),
                ns.output());
        Shell.Result links = Shell.system().run(List.of("ip", "-o", "link", "show"));
        assertFalse(links.output().contains(": mt-"), "a lab link is left in the root namespace: " + links.output());
        // pids only in the message: the agents' command lines carry the lab's (throw-away) MN-HA key
        List<Long> left = ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(cmd -> cmd.contains(dir.toString())
                        || cmd.contains("--tun mt-tun") || cmd.contains(" agent fa ")).orElse(false))
                .map(ProcessHandle::pid).toList();
        assertEquals(List.of(), left, "processes the lab started are still running");
        assertEquals("lab is not up\n", lab.status());
    }

    /** {@code multitunnel analyze CAPTURE --json -}: the tunnels by care-of address. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> analyzedTunnels(Path capture) throws Exception {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(json, true, StandardCharsets.UTF_8);
        assertEquals(0, new AnalyzeCommand().run(List.of(capture.toString(), "--json", "-"), ps, ps));
        Map<String, Object> root = (Map<String, Object>) JsonReader.parse(json.toString(StandardCharsets.UTF_8));
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Object t : (List<Object>) root.get("tunnels")) {
            Map<String, Object> m = (Map<String, Object>) t;
            out.put((String) m.get("careOfAddress"), m);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Long> counts(Map<String, Object> tunnel, String direction) {
        Map<String, Object> d = (Map<String, Object>) tunnel.get(direction);
        return List.of(((BigDecimal) d.get("packets")).longValue(), ((BigDecimal) d.get("bytes")).longValue());
    }

    @Test
    void labRejectsUnknownCasesAndActions(@TempDir Path dir) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThrows(UsageException.class, () -> new LabCommand().run(List.of("up", "case9", "--state-dir",
                dir.toString()), sink, sink));
        assertThrows(UsageException.class, () -> new LabCommand().run(List.of("sideways"), sink, sink));
        assertThrows(UsageException.class, () -> new LabCommand().run(List.of(), sink, sink));
    }
}

package org.multitunnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.agent.ha.HomeAgent;
import org.multitunnel.agent.ha.HomeAgentConfig;
import org.multitunnel.agent.template.TemplateFiles;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.wire.Hex;

/** {@code send}, {@code replay} and {@code conformance} against a reference home agent on loopback. */
class ClientCommandsTest {
    private static final String KEY_HEX = "00112233445566778899aabbccddeeff";
    private static final String KEY = "4096:" + KEY_HEX;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static HomeAgent agent(String... denied) throws Exception {
        HomeAgentConfig.Builder b = HomeAgentConfig.builder().listen(new InetSocketAddress("127.0.0.1", 0))
                .key(4096, Hex.decode(KEY_HEX));
        for (String d : denied) {
            b.denyMultipath(d);
        }
        return HomeAgent.start(b.build());
    }

    private int run(Command c, String... args) throws Exception {
        out.reset();
        err.reset();
        return c.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String target(HomeAgent ha) {
        return "127.0.0.1:" + ha.localAddress().getPort();
    }

    @Test
    void sendPrintsTheVerifiedReplyAndExitsWithTheVerdict(@TempDir Path dir) throws Exception {
        try (HomeAgent ha = agent("10.1.0.99")) {
            Path pcap = dir.resolve("send.pcapng");
            assertEquals(0, run(new SendCommand(), "--to", target(ha), "--home-address", "10.1.0.5", "--care-of",
                    "127.0.1.1", "--from", "127.0.1.1", "--bid", "1", "--key", KEY, "--pcapng", pcap.toString()));
            assertTrue(out().contains("Reply Code: Registration accepted (0)"), out());
            assertTrue(out().contains("Verdict: accepted (code 0"), out());
            assertTrue(out().contains("MN-HA authenticator valid"), out());
            assertTrue(!out().contains(KEY_HEX) && !err.toString().contains(KEY_HEX), "key never printed");
            try (CaptureFile f = CaptureFile.open(pcap)) {
                assertEquals(2, f.packetCount());
            }
            assertEquals(1, run(new SendCommand(), "--to", target(ha), "--home-address", "10.1.0.99", "--care-of",
                    "127.0.1.1", "--bid", "1", "--key", KEY, "--json"));
            String json = out().trim();
            assertTrue(json.startsWith("{\"frame\": 2, \"time\": "), json);
            assertTrue(json.contains("\"mip.code\": [152]"), json);
            assertTrue(json.endsWith("\"verdict\": \"rejected\"}"), json);
            // signed with another key: the reply's authenticator does not verify → 3
            assertEquals(3, run(new SendCommand(), "--to", target(ha), "--home-address", "10.1.0.5", "--care-of",
                    "127.0.1.1", "--key", "4096:ffeeddccbbaa99887766554433221100", "--transmissions", "1",
                    "--timeout", "300"));
            assertTrue(out().contains("Verdict: auth-failed (code 131"), out());
        }
    }

    @Test
    void sendWithoutAReplyExitsTwo() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            assertEquals(2, run(new SendCommand(), "--to", "127.0.0.1:" + silent.getLocalPort(), "--home-address",
                    "10.1.0.5", "--care-of", "127.0.0.1", "--timeout", "50", "--transmissions", "2", "--json"));
            assertEquals("{\"verdict\": \"no-reply\", \"transmissions\": 2}", out().trim());
        }
    }

    @Test
    void sendBuildsFromATemplateAndOptionsOverrideIt(@TempDir Path dir) throws Exception {
        Path t = dir.resolve("rrq.properties");
        Files.writeString(t, """
                flags = D
                lifetime = 120
                home-address = 10.1.0.7
                care-of = 127.0.1.2
                mp.bid = 3
                mp.if-label = 2
                fb.1.action = 1
                fb.1.bids = 3
                fb.1.ts.dport_start = 5060
                fb.1.ts.dport_end = 5060
                """);
        try (HomeAgent ha = agent()) {
            assertEquals(0, run(new SendCommand(), "--to", target(ha), "--template", t.toString(), "--lifetime", "90",
                    "--key", KEY, "--json"));
            assertTrue(out().contains("\"mip.life\": [90]"), out());
            assertEquals(3, ha.bindings("10.1.0.7").get(0).bid());
        }
        assertThrows(UsageException.class, () -> run(new SendCommand(), "--to", "127.0.0.1:1", "--home-address",
                "10.1.0.5", "--care-of", "10.0.0.1", "--bulk"));
    }

    @Test
    void sendBuildsFromTheComposersXmiTemplateWithItsTargetAndTheKeyBySpi(@TempDir Path dir) throws Exception {
        try (HomeAgent ha = agent()) {
            org.multitunnel.model.template.RegistrationTemplate sample = TemplateFiles.sample();
            sample.setTargetPort(ha.localAddress().getPort()); // the sample aims at 4434; this agent's port is free
            Path t = dir.resolve("rrq.xmi");
            TemplateFiles.save(sample, t);
            assertEquals(0, run(new SendCommand(), "--template", t.toString(), "--key", KEY, "--bid", "2", "--json"));
            assertTrue(out().contains("\"verdict\": \"accepted\""), out());
            assertEquals(2, ha.bindings("10.1.0.5").get(0).bid(), "--bid edits the template's Multipath Extension");
            UsageException e = assertThrows(UsageException.class,
                    () -> run(new SendCommand(), "--template", t.toString()));
            assertTrue(e.getMessage().contains("no key for SPI 4096"), e.getMessage());
        }
    }

    @Test
    void conformanceWritesJunitHtmlAndPcapngAndExitsZeroAgainstTheReferenceAgent(@TempDir Path dir)
            throws Exception {
        try (HomeAgent ha = agent("10.1.0.99")) {
            Path junit = dir.resolve("c.xml");
            Path html = dir.resolve("c.html");
            Path pcap = dir.resolve("c.pcapng");
            assertEquals(0, run(new ConformanceCommand(), "--target", target(ha), "--key", KEY,
                    "--deny-multipath-hoa", "10.1.0.99", "--only", "RFC7629-5.2", "--only", "RFC5944-3.8-HA",
                    "--junit", junit.toString(), "--html", html.toString(), "--pcapng", pcap.toString()));
            assertTrue(out().contains("5 scenarios: 5 passed, 0 failed, 0 errors, 0 skipped"), out());
            String xml = Files.readString(junit);
            assertEquals(5, xml.split("<testcase ", -1).length - 1, xml);
            assertTrue(xml.contains("name=\"RFC7629-5.2-REJECT-153 "), xml);
            assertTrue(Files.readString(html).contains("RFC5944-3.8-HA-CHECKS-AUTH"));
            try (CaptureFile f = CaptureFile.open(pcap)) {
                assertTrue(f.packetCount() >= 10);
            }
        }
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            assertEquals(1, run(new ConformanceCommand(), "--target", "127.0.0.1:" + silent.getLocalPort(), "--key",
                    KEY, "--only", "RFC5944-3.4", "--timeout", "50", "--transmissions", "1"));
            assertTrue(out().contains("FAILED  RFC5944-3.4-IDENT-MATCH"), out());
        }
    }

    @Test
    void replayComparesCapturedCodes(@TempDir Path dir) throws Exception {
        Path pcap = dir.resolve("rec.pcapng");
        int port;
        try (HomeAgent ha = agent("10.1.0.99")) {
            port = ha.localAddress().getPort();
            run(new SendCommand(), "--to", target(ha), "--home-address", "10.1.0.5", "--care-of", "127.0.1.1",
                    "--from", "127.0.1.1", "--bid", "1", "--key", KEY, "--pcapng", pcap.toString());
        }
        try (HomeAgent ha = agent()) {
            assertEquals(0, run(new ReplayCommand(), pcap.toString(), "--to", target(ha), "--port",
                    String.valueOf(port), "--key", KEY, "--map", "10.1.0.5=10.1.0.6", "--json"));
            assertTrue(out().contains("\"homeAddress\": \"10.1.0.6\", \"bid\": 1"), out());
            assertTrue(out().trim().endsWith("\"compared\": 1, \"mismatches\": 0}"), out());
            // send's pcapng records the agent's port: replay finds the request without --port (no key: 131 ≠ 0)
            assertEquals(1, run(new ReplayCommand(), pcap.toString(), "--to", target(ha), "--json"));
            assertTrue(out().contains("\"captured\": 0, \"replayed\": 131"), out());
        }
    }
}

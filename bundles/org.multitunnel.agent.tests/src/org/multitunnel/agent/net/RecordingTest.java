package org.multitunnel.agent.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.agent.client.ClientOptions;
import org.multitunnel.agent.client.ExchangeLog;
import org.multitunnel.agent.client.RegistrationClient;
import org.multitunnel.agent.fa.ForeignAgent;
import org.multitunnel.agent.fa.ForeignAgentConfig;
import org.multitunnel.agent.ha.HomeAgent;
import org.multitunnel.agent.ha.HomeAgentConfig;
import org.multitunnel.agent.testutil.UdpProbe;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.capture.DecodeAsResolver;
import org.multitunnel.wire.dissect.Dissection;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.ExtensionTypes;

/**
 * An agent's recording is a pcapng the capture engine reads: raw IPv4 (228), one packet per datagram, and its
 * section header names the UDP ports the agent spoke Mobile IP on, so it decodes with default settings whatever
 * port the agent got.
 */
class RecordingTest {
    @Test
    void homeAgentRecordsRequestAndReplyAsIpv4Udp(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ha.pcapng");
        byte[] key = "recording-key-01".getBytes(StandardCharsets.US_ASCII);
        RegistrationRequest rq = RegistrationRequest.builder().lifetime(60).homeAddress("10.1.0.5")
                .homeAgent("127.0.0.1").careOfAddress("127.0.0.1")
                .identification(NtpIdentification.of(java.time.Instant.now()))
                .authenticate(ExtensionTypes.MN_HA_AUTH, SecurityAssociation.hmacMd5(0x500, key)).build();
        try (HomeAgent ha = HomeAgent.start(HomeAgentConfig.builder().listen(new InetSocketAddress("127.0.0.1", 0))
                .key(0x500, key).recordTo(file).build()); UdpProbe probe = new UdpProbe("127.0.0.1")) {
            assertEquals(0, probe.exchange(rq.encode(), ha.localAddress()).code());
        }
        try (CaptureFile cf = CaptureFile.open(file)) {
            assertEquals(2, cf.packetCount());
            assertEquals(228, cf.linkType(0));
            ByteBuffer p = cf.packet(0);
            int base = p.position();
            assertEquals(0x45, p.get(base) & 0xff); // IPv4, IHL 5
            assertEquals(17, p.get(base + 9) & 0xff); // protocol UDP
            assertEquals(1, p.get(base + 28) & 0xff); // UDP payload: Registration Request
            assertEquals(3, cf.packet(1).get(cf.packet(1).position() + 28) & 0xff); // then the Reply
        }
        assertTrue(Files.size(file) > 0);
    }

    @Test
    void homeAgentOnAnyFreePortRecordsThatPortSoItsRecordingDecodesWithDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ha-ephemeral.pcapng");
        byte[] key = "recording-key-02".getBytes(StandardCharsets.US_ASCII);
        int port;
        try (HomeAgent ha = HomeAgent.start(HomeAgentConfig.builder().listen(new InetSocketAddress("127.0.0.1", 0))
                .key(0x501, key).recordTo(file).build()); UdpProbe probe = new UdpProbe("127.0.0.1")) {
            port = ha.localAddress().getPort();
            assertEquals(0, probe.exchange(request(key, 0x501).encode(), ha.localAddress()).code());
        }
        assertTrue(port != 434 && port != 4434, "an ephemeral port, not a default one: " + port);
        DecodeAsResolver defaults = DecodeAsResolver.defaults();
        try (CaptureFile cf = CaptureFile.open(file)) {
            assertEquals(List.of(port), cf.interfaces().get(0).mipPorts());
            assertEquals(2, cf.packetCount());
            for (int i = 0; i < 2; i++) {
                Dissection d = defaults.dissector(cf, i).dissectFull(cf.linkType(i), cf.packet(i));
                assertEquals(i == 0 ? 1L : 3L, d.find("mip.type").value(), "request, then reply");
            }
        }
        assertTrue(sectionComments(file).contains("multitunnel:decode-as udp.port==" + port + ",mip"),
                sectionComments(file).toString());
    }

    @Test
    void foreignAgentRecordsItsOwnPortAndTheHomeAgentsPort(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fa.pcapng");
        byte[] key = "recording-key-03".getBytes(StandardCharsets.US_ASCII);
        try (HomeAgent ha = HomeAgent.start(HomeAgentConfig.builder().listen(new InetSocketAddress("127.0.0.1", 0))
                .key(0x502, key).build());
                ForeignAgent fa = ForeignAgent.start(ForeignAgentConfig.builder()
                        .listen(new InetSocketAddress("127.0.0.2", 0)).homeAgent(ha.localAddress()).recordTo(file)
                        .build())) {
            try (CaptureFile cf = CaptureFile.open(file)) {
                assertEquals(java.util.stream.Stream.of(ha.localAddress().getPort(), fa.localAddress().getPort())
                        .sorted().toList(), cf.interfaces().get(0).mipPorts(), "both, in ascending order");
            }
        }
    }

    @Test
    void exportedExchangesRecordTheAgentsPortNotTheClients(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("send.pcapng");
        byte[] key = "recording-key-04".getBytes(StandardCharsets.US_ASCII);
        ExchangeLog log = new ExchangeLog();
        int port;
        try (HomeAgent ha = HomeAgent.start(HomeAgentConfig.builder().listen(new InetSocketAddress("127.0.0.1", 0))
                .key(0x503, key).build())) {
            port = ha.localAddress().getPort();
            byte[] rq = request(key, 0x503).encode();
            assertEquals(0, new RegistrationClient(ClientOptions.to(ha.localAddress()).withLog(log))
                    .send(t -> rq, null, () -> false).code());
        }
        assertEquals(List.of(port), ExchangeLog.agentPorts(log.packets()));
        log.writePcapng(file, "multitunnel send to 127.0.0.1:" + port);
        try (CaptureFile cf = CaptureFile.open(file)) {
            assertEquals(List.of(port), cf.interfaces().get(0).mipPorts());
            Dissection d = DecodeAsResolver.defaults().dissector(cf, 1).dissectFull(cf.linkType(1), cf.packet(1));
            assertEquals(0L, d.find("mip.code").value(), "the reply decodes with default settings");
        }
    }

    private static RegistrationRequest request(byte[] key, int spi) {
        return RegistrationRequest.builder().lifetime(60).homeAddress("10.1.0.5").homeAgent("127.0.0.1")
                .careOfAddress("127.0.0.1").identification(NtpIdentification.of(java.time.Instant.now()))
                .authenticate(ExtensionTypes.MN_HA_AUTH, SecurityAssociation.hmacMd5(spi, key)).build();
    }

    /** The opt_comment texts of the file's (little-endian) section header, read byte by byte. */
    private static List<String> sectionComments(Path file) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x0A0D0D0A, b.getInt(0)); // SHB
        int length = b.getInt(4); // block total length
        List<String> comments = new java.util.ArrayList<>();
        for (int o = 24; o + 4 <= length - 4;) { // options after the 24-byte header
            int code = b.getShort(o) & 0xffff;
            int len = b.getShort(o + 2) & 0xffff;
            if (code == 0) {
                break; // opt_endofopt
            }
            if (code == 1) { // opt_comment
                comments.add(new String(b.array(), o + 4, len, StandardCharsets.UTF_8));
            }
            o += 4 + ((len + 3) & ~3);
        }
        return comments;
    }
}

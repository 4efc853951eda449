package org.multitunnel.agent.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.agent.ha.HomeAgent;
import org.multitunnel.agent.ha.HomeAgentConfig;
import org.multitunnel.agent.testutil.UdpProbe;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.ExtensionTypes;

/** An agent's recording is a pcapng the capture engine reads: raw IPv4 (228), one packet per datagram. */
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
}

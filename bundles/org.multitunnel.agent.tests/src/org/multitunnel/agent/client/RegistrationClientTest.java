package org.multitunnel.agent.client;

import org.multitunnel.agent.net.NtpIdentification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.auth.MapKeyTable;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.MultipathExtension;

class RegistrationClientTest {
    private static final SecurityAssociation KEY = SecurityAssociation.hmacMd5(0x1000, "mn-ha-secret".getBytes());
    private static final SecurityAssociation OTHER = SecurityAssociation.hmacMd5(0x1000, "other-secret".getBytes());

    private static RegistrationSpec spec() {
        return RegistrationSpec.builder().lifetime(300).homeAddress("10.1.0.5").homeAgent("127.0.0.1")
                .careOfAddress("127.0.0.1").extension(MultipathExtension.builder().ifAtt(4).ifLabel(1).bid(1).build())
                .key(KEY).build();
    }

    @Test
    void retransmitsWithDoublingTimeoutsAndNewTimestampsThenGivesUp() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            ClientOptions o = ClientOptions.to((InetSocketAddress) silent.getLocalSocketAddress())
                    .withTimeouts(Duration.ofMillis(60), Duration.ofMillis(200), 4);
            long t0 = System.nanoTime();
            ClientResult r = new RegistrationClient(o).send(spec());
            long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(Verdict.NO_REPLY, r.verdict());
            assertEquals(2, r.verdict().exitCode());
            assertEquals(4, r.packets().size(), "four transmissions, nothing received");
            // 60 + 120 + 200 (capped) + 200 = 580 ms of back-off
            assertEquals(580, o.worstCase().toMillis());
            assertTrue(elapsedMs >= 560 && elapsedMs < 3000, "elapsed " + elapsedMs + " ms");
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < 4; i++) {
                gaps.add((r.packets().get(i).timestampNanos() - r.packets().get(i - 1).timestampNanos()) / 1_000_000);
            }
            assertTrue(gaps.get(0) >= 55 && gaps.get(1) >= 115 && gaps.get(2) >= 195, "gaps " + gaps);
            assertTrue(gaps.get(1) > gaps.get(0), "back-off grows: " + gaps);
            // RFC 5944 §3.6.3: with timestamps each retransmission is a new request with a new Identification
            long id1 = java.nio.ByteBuffer.wrap(r.packets().get(0).payload()).getLong(16);
            long id2 = java.nio.ByteBuffer.wrap(r.packets().get(1).payload()).getLong(16);
            assertTrue(Long.compareUnsigned(id2, id1) > 0, "identification increases");
        }
    }

    @Test
    void fixedIdentificationRetransmitsTheSameBytes() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            ClientOptions o = ClientOptions.to((InetSocketAddress) silent.getLocalSocketAddress())
                    .withTimeouts(Duration.ofMillis(30), Duration.ofMillis(30), 3)
                    .withIdentification(IdentificationSource.fixed(0x1122334455667788L));
            ClientResult r = new RegistrationClient(o).send(spec());
            assertEquals(3, r.packets().size());
            assertTrue(java.util.Arrays.equals(r.packets().get(0).payload(), r.packets().get(2).payload()));
            assertEquals(0x1122334455667788L, r.request().identification());
        }
    }

    @Test
    void sendsTheExactBytesOfARequestSourceAndMatchesTheReply() throws Exception {
        try (FakeHomeAgent ha = FakeHomeAgent.alwaysAccepting(KEY)) {
            ClientOptions o = ClientOptions.to(ha.address()).withTimeouts(Duration.ofMillis(500),
                    Duration.ofMillis(500), 2).withVerifyKeys(new MapKeyTable().add(KEY));
            List<byte[]> given = new ArrayList<>();
            ClientResult r = new RegistrationClient(o).send(attempt -> {
                byte[] b = spec().toRequest(NtpIdentification.of(Instant.now())).encode();
                given.add(b);
                return b;
            }, "raw", () -> false);
            assertEquals(Verdict.ACCEPTED, r.verdict());
            assertEquals(1, given.size(), "answered at the first transmission");
            assertTrue(java.util.Arrays.equals(given.get(0), r.packets().get(0).payload()), "sent as given");
            assertEquals(r.request().identification(), r.reply().identification());
            assertTrue(r.replyAuth().valid());
        }
    }

    @Test
    void requestSourceIsAskedAgainForEveryRetransmissionAndCancelEndsTheWait() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            ClientOptions o = ClientOptions.to((InetSocketAddress) silent.getLocalSocketAddress())
                    .withTimeouts(Duration.ofMillis(50), Duration.ofMillis(50), 3);
            List<Integer> asked = new ArrayList<>();
            // too short to decode: still sent, unmatched, three times
            ClientResult r = new RegistrationClient(o).send(attempt -> {
                asked.add(attempt);
                return new byte[] {1, 0, 0, 10};
            }, null, () -> false);
            assertEquals(Verdict.NO_REPLY, r.verdict());
            assertEquals(List.of(1, 2, 3), asked);
            assertNull(r.request(), "nothing decodable was sent");

            ClientOptions slow = o.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), 4);
            long t0 = System.nanoTime();
            long cancelAt = t0 + 300_000_000L;
            assertThrows(java.io.InterruptedIOException.class, () -> new RegistrationClient(slow).send(
                    attempt -> spec().toRequest(1).encode(), null, () -> System.nanoTime() > cancelAt));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 1500, "cancel took " + ms + " ms");
        }
    }

    @Test
    void ignoresAStrayReplyAndMatchesByIdentification() throws Exception {
        try (FakeHomeAgent ha = new FakeHomeAgent(rq -> List.of(
                // a reply for another request (identification + 1), then the real one
                RegistrationReply.replyTo(rq).identification(rq.identification() + 1).code(0)
                        .authenticate(ExtensionTypes.MN_HA_AUTH, KEY).build().encode(),
                RegistrationReply.replyTo(rq).code(0).lifetime(120)
                        .authenticate(ExtensionTypes.MN_HA_AUTH, KEY).build().encode()))) {
            ClientOptions o = ClientOptions.to(ha.address()).withSource(InetAddress.getLoopbackAddress())
                    .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500), 2)
                    .withVerifyKeys(new MapKeyTable().add(KEY));
            ClientResult r = new RegistrationClient(o).send(spec());
            assertEquals(Verdict.ACCEPTED, r.verdict());
            assertEquals(120, r.grantedLifetime());
            assertEquals(r.request().identification(), r.reply().identification());
            assertEquals(1, r.transmissions());
            assertEquals(3, r.packets().size(), "request, stray, reply");
            assertNotNull(r.roundTrip());
            assertTrue(r.replyAuth().valid());
            assertNotNull(r.replyPacket());
            assertEquals("127.0.0.1", r.packets().get(0).source().getAddress().getHostAddress());
        }
    }

    @Test
    void matchesA133ReplyByTheLowOrderIdentificationBits() throws Exception {
        // RFC 5944 §5.7.1: a 133 reply carries the HA's clock in the high-order 32 bits
        try (FakeHomeAgent ha = new FakeHomeAgent(rq -> List.of(RegistrationReply.replyTo(rq).code(133)
                .identification((0x7777_0000L << 32) | (rq.identification() & 0xffffffffL))
                .authenticate(ExtensionTypes.MN_HA_AUTH, KEY).build().encode()))) {
            ClientOptions o = ClientOptions.to(ha.address()).withTimeouts(Duration.ofMillis(500),
                    Duration.ofMillis(500), 1).withVerifyKeys(new MapKeyTable().add(KEY));
            ClientResult r = new RegistrationClient(o).send(spec());
            assertEquals(Verdict.REJECTED, r.verdict());
            assertEquals(133, r.code());
            assertNotEquals(r.request().identification(), r.reply().identification());
        }
    }

    @Test
    void replySignedWithAnotherKeyIsAuthFailed() throws Exception {
        try (FakeHomeAgent ha = new FakeHomeAgent(rq -> List.of(RegistrationReply.replyTo(rq).code(0)
                .authenticate(ExtensionTypes.MN_HA_AUTH, OTHER).build().encode()))) {
            ClientOptions o = ClientOptions.to(ha.address()).withTimeouts(Duration.ofMillis(100),
                    Duration.ofMillis(100), 2).withVerifyKeys(new MapKeyTable().add(KEY));
            ClientResult r = new RegistrationClient(o).send(spec());
            assertEquals(Verdict.AUTH_FAILED, r.verdict());
            assertEquals(3, r.verdict().exitCode());
            assertFalse(r.replyAuth().valid());
            assertEquals(0, r.code(), "the discarded reply is still reported");
            assertEquals(2, ha.received(), "kept retransmitting after discarding the bad reply");
        }
    }

    @Test
    void unsignedReplyIsAuthFailedWhenVerifying() throws Exception {
        try (FakeHomeAgent ha = new FakeHomeAgent(rq -> List.of(RegistrationReply.replyTo(rq).code(0).build()
                .encode()))) {
            ClientOptions o = ClientOptions.to(ha.address()).withTimeouts(Duration.ofMillis(100),
                    Duration.ofMillis(100), 1).withVerifyKeys(new MapKeyTable().add(KEY));
            ClientResult r = new RegistrationClient(o).send(spec());
            assertEquals(Verdict.AUTH_FAILED, r.verdict());
            assertNull(r.replyAuth(), "no MN-HA extension at all");
        }
    }

    @Test
    void exchangeIsSavedAsADissectablePcapng(@TempDir Path dir) throws Exception {
        ExchangeLog log = new ExchangeLog();
        int port;
        try (FakeHomeAgent ha = FakeHomeAgent.alwaysAccepting(KEY)) {
            port = ha.address().getPort();
            ClientOptions o = ClientOptions.to(ha.address()).withTimeouts(Duration.ofMillis(500),
                    Duration.ofMillis(500), 1).withLog(log);
            assertEquals(Verdict.ACCEPTED, new RegistrationClient(o).send(spec(), "test").verdict());
        }
        Path file = dir.resolve("x.pcapng");
        log.writePcapng(file, "client test");
        assertTrue(Files.size(file) > 0);
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(2, f.packetCount());
            assertEquals(ExchangedPacket.LINK_TYPE, f.linkType(0));
            var d = new ExchangeDecoder(port).dissect(log.packets().get(1));
            assertFalse(d.malformed(), d.errors().toString());
            assertEquals(3L, ((Number) d.find("mip.type").value()).longValue());
            assertEquals(0L, ((Number) d.find("mip.code").value()).longValue());
            assertEquals(f.capturedLength(1), log.packets().get(1).ipv4Frame().length);
        }
        String json = new ExchangeDecoder(port).json(2, log.packets().get(1), Verdict.ACCEPTED);
        assertTrue(json.startsWith("{\"frame\": 2, \"time\": "), json);
        assertTrue(json.contains("\"mip.code\": [0]"), json);
        assertTrue(json.endsWith(", \"verdict\": \"accepted\"}"), json);
    }

    @Test
    void ntpIdentificationCountsSecondsSince1900() {
        long id = NtpIdentification.of(Instant.parse("2026-01-01T00:00:00.5Z"));
        assertEquals(1767225600L + 2_208_988_800L, id >>> 32);
        assertEquals(0x80000000L, id & 0xffffffffL, "half a second is 2^31");
    }
}

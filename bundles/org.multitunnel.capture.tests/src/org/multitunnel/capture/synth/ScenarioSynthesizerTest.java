package org.multitunnel.capture.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.CaptureReader;
import org.multitunnel.capture.synth.ScenarioSynthesizer.Format;
import org.multitunnel.wire.fast.PacketClassifier;
import org.multitunnel.wire.fast.PacketKind;
import org.multitunnel.wire.fast.PacketSummary;
import org.multitunnel.wire.ip.InternetChecksum;
import org.multitunnel.wire.mip.MipCodec;
import org.multitunnel.wire.mip.MipMessage;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.AuthResult;
import org.multitunnel.wire.mip.auth.MapKeyTable;
import org.multitunnel.wire.mip.auth.MipAuthenticator;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.mip.ext.UdpTunnelRequestExtension;

/**
 * The synthesizer's own promises: the same spec gives the same bytes, pcap and pcapng carry the same scenario, the
 * signalling is well-formed RFC 7629 with valid MN-HA authenticators, every checksum of the data frames is right,
 * and the ground truth is written next to the capture.
 */
class ScenarioSynthesizerTest {
    private static final ScenarioSpec SPEC = ScenarioSpec.demo().withSeconds(10).withPacketsPerSecond(60)
            .withSeed(5);

    @TempDir
    Path dir;

    @Test
    void sameSpecAndSeedGiveIdenticalBytesAndAnotherSeedDoesNot() throws Exception {
        Path a = dir.resolve("a.pcapng");
        Path b = dir.resolve("b.pcapng");
        Path c = dir.resolve("c.pcapng");
        ScenarioSynthesizer.write(SPEC, a, Format.PCAPNG);
        ScenarioSynthesizer.write(SPEC, b, Format.PCAPNG);
        ScenarioSynthesizer.write(SPEC.withSeed(6), c, Format.PCAPNG);
        assertEquals(-1, Files.mismatch(a, b));
        assertNotEquals(-1, Files.mismatch(a, c));
        String ja = Files.readString(ScenarioSynthesizer.expectedJsonPath(a));
        String jb = Files.readString(ScenarioSynthesizer.expectedJsonPath(b));
        assertEquals(ja.replace("a.pcapng", "b.pcapng"), jb);
    }

    @Test
    void pcapAndPcapngCarryTheSameScenario() throws Exception {
        GroundTruth p = ScenarioSynthesizer.writeCapture(SPEC, dir.resolve("s.pcap"), Format.PCAP);
        GroundTruth n = ScenarioSynthesizer.writeCapture(SPEC, dir.resolve("s.pcapng"), Format.PCAPNG);
        assertEquals("pcap", p.format());
        assertEquals("pcapng", n.format());
        assertEquals(p.packets(), n.packets());
        assertEquals(p.registrations(), n.registrations());
        assertEquals(p.flowBindings(), n.flowBindings());
        assertEquals(p.tunnels(), n.tunnels());
        assertEquals(p.flows(), n.flows());
        assertEquals(List.of("ipip", "gre", "minenc", "udp"), n.encapsulations());
    }

    @Test
    void scenarioHasTheRequestedShape() throws Exception {
        GroundTruth t = ScenarioSynthesizer.writeCapture(SPEC, dir.resolve("s.pcapng"), Format.PCAPNG);
        assertEquals(9L * 60, t.dataPackets()); // data from second 1 to 10
        assertEquals(t.dataPackets() + t.requests() + t.replies(), t.packets());
        long[] perNode = new long[SPEC.mobileNodes()];
        for (GroundTruth.ExpectedTunnel x : t.tunnels()) {
            perNode[Integer.parseInt(x.homeAddress().substring(x.homeAddress().lastIndexOf('.') + 1)) - 1]++;
            assertTrue(x.toCareOfPackets() > 0 && x.toHomeAgentPackets() > 0, x.careOfAddress());
        }
        for (long k : perNode) {
            assertTrue(k >= 2 && k <= 4, "2-4 care-of addresses per node: " + k);
        }
        assertEquals(t.tunnels().size(), t.registrations().size()); // one round: lifetime 300 > 10 s
        assertEquals(2, t.flowBindings().size()); // nodes 1 and 3 pin one flow each
    }

    @Test
    void bindingsAreReRegisteredBeforeTheLifetimeEnds() throws Exception {
        ScenarioSpec spec = SPEC.withLifetime(6).withSeconds(12); // refresh every 4 s: at 0, 4 and 8 s
        GroundTruth t = ScenarioSynthesizer.writeCapture(spec, dir.resolve("r.pcap"), Format.PCAP);
        assertEquals(3 * t.tunnels().size(), t.registrations().size());
        for (GroundTruth.Registration r : t.registrations()) {
            long offset = r.requestNanos() - spec.startSeconds() * 1_000_000_000L;
            assertTrue(offset % 4_000_000_000L < 600_000_000L, "refresh rounds start every 4 s: " + offset);
        }
    }

    @Test
    void signallingIsRfc7629WithValidAuthenticatorsAndMatchesTheGroundTruth() throws Exception {
        Path file = dir.resolve("sig.pcapng");
        GroundTruth truth = ScenarioSynthesizer.writeCapture(SPEC, file, Format.PCAPNG);
        MapKeyTable keys = new MapKeyTable();
        for (Plan.Node node : truth.plan.nodes) {
            keys.add(SecurityAssociation.hmacMd5(node.spi(), node.key()));
        }
        MipCodec codec = new MipCodec();
        PacketSummary s = new PacketSummary();
        List<RegistrationRequest> requests = new ArrayList<>();
        List<RegistrationReply> replies = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        CaptureReader.read(file, p -> {
            if (PacketClassifier.classify(p.linkType(), p.buffer(), p.dataOffset(), p.capturedLength(), s)
                    != PacketKind.MIP_SIGNALLING) {
                return true;
            }
            int len = (p.buffer().getShort(s.mipOffset() - 4) & 0xffff) - 8;
            byte[] bytes = new byte[len];
            p.buffer().get(s.mipOffset(), bytes);
            MipMessage m = codec.decode(bytes);
            for (AuthResult r : MipAuthenticator.verify(bytes, m, keys, null)) {
                if (!r.valid()) {
                    failures.add(p.index() + ": " + r);
                }
            }
            if (m instanceof RegistrationRequest rq) {
                requests.add(rq);
            } else if (m instanceof RegistrationReply rp) {
                replies.add(rp);
            }
            return true;
        });
        assertEquals(List.of(), failures);
        assertEquals(truth.requests(), requests.size());
        assertEquals(truth.replies(), replies.size());
        int reg = 0;
        int fb = 0;
        for (RegistrationRequest rq : requests) {
            MultipathExtension mp = rq.extensions(MultipathExtension.class).get(0);
            List<FlowBindingExtension> fbs = rq.extensions(FlowBindingExtension.class);
            if (fbs.isEmpty()) {
                GroundTruth.Registration r = truth.registrations().get(reg++);
                assertEquals(r.careOfAddress(), rq.careOfAddress());
                assertEquals(r.homeAddress(), rq.homeAddress());
                assertEquals(r.homeAgent(), rq.homeAgent());
                assertEquals(r.bid(), mp.bid());
                assertEquals(r.accessTechnology(), mp.ifAtt());
                assertEquals(r.interfaceLabel(), mp.ifLabel());
                assertEquals(r.identification(), rq.identification());
                assertEquals(r.encapsulation().equals("gre"), rq.flag(RegistrationRequest.G));
                assertEquals(r.encapsulation().equals("minenc"), rq.flag(RegistrationRequest.M));
                assertEquals(r.encapsulation().equals("udp"),
                        !rq.extensions(UdpTunnelRequestExtension.class).isEmpty());
                assertTrue(rq.flag(RegistrationRequest.S) && rq.flag(RegistrationRequest.T));
            } else {
                GroundTruth.FlowBinding f = truth.flowBindings().get(fb++);
                assertEquals(f.homeAddress(), rq.homeAddress());
                assertEquals(f.action(), fbs.get(0).action());
                assertEquals(f.bids().get(0), fbs.get(0).bids()[0]);
                assertEquals(f.selector(), fbs.get(0).selector().text());
            }
        }
        for (RegistrationReply rp : replies) {
            assertEquals(0, rp.code());
        }
    }

    @Test
    void everyChecksumOfTheDataFramesIsValid() throws Exception {
        Path file = dir.resolve("ck.pcap");
        ScenarioSynthesizer.writeCapture(SPEC, file, Format.PCAP);
        PacketSummary s = new PacketSummary();
        int[] checked = new int[1];
        List<String> bad = new ArrayList<>();
        CaptureReader.read(file, p -> {
            if (PacketClassifier.classify(p.linkType(), p.buffer(), p.dataOffset(), p.capturedLength(), s)
                    != PacketKind.TUNNEL_DATA) {
                return true;
            }
            ByteBuffer b = p.buffer();
            int ip = s.l3Offset();
            if (InternetChecksum.fold(InternetChecksum.sum(b, ip, 20, 0)) != 0) {
                bad.add(p.index() + ": outer IPv4 header");
            }
            int end = ip + s.outerTotalLength();
            int l4Length = s.innerProto() == 6 ? 20 : 8;
            int l4 = -1;
            switch (s.encapsulation()) {
                case IPIP -> l4 = ip + 20 + 20;
                case GRE -> l4 = ip + 20 + 8 + 20;
                case UDP -> l4 = ip + 20 + 12 + 20;
                case MINENC -> {
                    l4 = ip + 20 + 12;
                    if (InternetChecksum.fold(InternetChecksum.sum(b, ip + 20, 12, 0)) != 0) {
                        bad.add(p.index() + ": minimal forwarding header");
                    }
                }
                default -> bad.add(p.index() + ": " + s.encapsulation());
            }
            if (s.encapsulation() != org.multitunnel.wire.fast.TunnelEncapsulation.MINENC
                    && InternetChecksum.fold(InternetChecksum.sum(b, l4 - 20, 20, 0)) != 0) {
                bad.add(p.index() + ": inner IPv4 header");
            }
            int src = s.innerSrc();
            int dst = s.innerDst();
            long pseudo = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + s.innerProto() + (end - l4);
            if (InternetChecksum.fold(InternetChecksum.sum(b, l4, end - l4, pseudo)) != 0) {
                bad.add(p.index() + ": inner " + (l4Length == 20 ? "TCP" : "UDP") + " checksum");
            }
            checked[0]++;
            return true;
        });
        assertEquals(List.of(), bad);
        assertEquals(9 * 60, checked[0]);
    }

    @Test
    void groundTruthJsonIsWrittenNextToTheCapture() throws Exception {
        Path file = dir.resolve("demo.pcapng");
        GroundTruth t = ScenarioSynthesizer.write(SPEC, file, Format.PCAPNG);
        Path json = dir.resolve("demo.expected.json");
        assertEquals(json, ScenarioSynthesizer.expectedJsonPath(file));
        String text = Files.readString(json, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\n  \"file\": \"demo.pcapng\",\n  \"format\": \"pcapng\",\n"), text);
        assertTrue(text.contains("\"packets\": " + t.packets() + ", \"dataPackets\": " + t.dataPackets()), text);
        GroundTruth.ExpectedTunnel first = t.tunnels().get(0);
        assertTrue(text.contains("\"toCareOf\": { \"packets\": " + first.toCareOfPackets() + ", \"bytes\": "
                + first.toCareOfBytes() + " }"), text);
        assertEquals(t.tunnels().size(), text.split("\"careOfAddress\"", -1).length - 1
                - t.tunnels().size() - countUses(t)); // bindings + tunnels + flow uses name a care-of address
    }

    private static int countUses(GroundTruth t) {
        int n = 0;
        for (GroundTruth.ExpectedFlow f : t.flows()) {
            n += f.tunnels().size();
        }
        return n + t.registrations().size();
    }

    @Test
    void secondsAreWrittenExactly() {
        assertEquals("1700000000", GroundTruthJson.seconds(1_700_000_000_000_000_000L));
        assertEquals("1700000000.05", GroundTruthJson.seconds(1_700_000_000_050_000_000L));
        assertEquals("1700000000.000001", GroundTruthJson.seconds(1_700_000_000_000_001_000L));
        assertEquals("0.5", GroundTruthJson.seconds(500_000_000L));
    }
}

package org.multitunnel.capture.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.capture.OpenOptions;
import org.multitunnel.capture.synth.GroundTruth;
import org.multitunnel.capture.synth.ScenarioSpec;
import org.multitunnel.capture.synth.ScenarioSynthesizer;
import org.multitunnel.capture.synth.ScenarioSynthesizer.Format;
import org.multitunnel.wire.fast.TunnelEncapsulation;
import org.multitunnel.wire.fast.PacketKind;

/**
 * Attribution against the synthesizer's ground truth, which is tallied from the scenario as frames are written (not
 * by any parser): every tunnel's packets and bytes per direction, its series bucket by bucket, every inner flow's
 * tunnel uses, and the signalling counts must be exactly equal, for pcap and pcapng and other bucket widths.
 */
class TunnelAttributionTest {
    private static final ScenarioSpec SPEC = ScenarioSpec.demo().withSeconds(20).withPacketsPerSecond(100)
            .withSeed(11);

    @TempDir
    Path dir;

    static String key(String ha, String coa, String encapsulation) {
        return ha + " " + coa + " " + encapsulation;
    }

    /** Asserts the report equals the ground truth exactly; shared with the committed-capture test. */
    static void assertMatchesGroundTruth(GroundTruth truth, TunnelReport report) {
        assertEquals(truth.packets(), report.packets(), "packets");
        assertEquals(truth.dataPackets(), report.tunnelPackets(), "tunnelled data packets");
        assertEquals(truth.requests() + truth.replies(), report.signallingPackets(), "signalling packets");
        assertEquals(truth.requests(), report.registrationRequests(), "requests");
        assertEquals(truth.replies(), report.registrationReplies(), "replies");
        assertEquals(0, report.malformedPackets(), "malformed");
        assertEquals(0, report.otherPackets(), "other");
        assertEquals(truth.firstNanos(), report.firstNanos(), "first packet time");
        assertEquals(truth.lastNanos(), report.lastNanos(), "last packet time");

        Map<String, TunnelTotals> byKey = new HashMap<>();
        for (TunnelTotals t : report.tunnels()) {
            byKey.put(key(t.homeAgentText(), t.careOfAddressText(), t.encapsulation().contractName()), t);
        }
        assertEquals(truth.tunnels().size(), report.tunnels().size(), "tunnel count");
        for (GroundTruth.ExpectedTunnel x : truth.tunnels()) {
            String k = key(x.homeAgent(), x.careOfAddress(), x.encapsulation());
            TunnelTotals t = byKey.get(k);
            assertNotNull(t, "tunnel " + k + " attributed");
            assertEquals(DirectionEvidence.SIGNALLED_HOME_AGENT, t.evidence(), k);
            assertEquals(new DirectionTotals(x.toCareOfPackets(), x.toCareOfBytes()), t.toCareOf(), k + " to CoA");
            assertEquals(new DirectionTotals(x.toHomeAgentPackets(), x.toHomeAgentBytes()), t.toHomeAgent(),
                    k + " to HA");
            assertEquals(x.greKey(), t.greKey(), k + " GRE key");
            assertEquals(x.homeAgentPort(), t.homeAgentPort(), k + " HA port");
            assertEquals(x.careOfPort(), t.careOfPort(), k + " CoA port");
            TunnelSeries s = t.series();
            assertEquals(x.series().size(), s.size(), k + " buckets");
            for (int i = 0; i < s.size(); i++) {
                GroundTruth.Bucket b = x.series().get(i);
                assertEquals(b.startNanos(), s.startNanos(i), k + " bucket " + i + " start");
                assertEquals(b.bytes(), s.bytes(i), k + " bucket " + i + " bytes");
                assertEquals(b.packets(), s.packets(i), k + " bucket " + i + " packets");
            }
            assertEquals(t.bytes(), s.totalBytes(), k + " series bytes sum to the totals");
            assertEquals(t.packets(), s.totalPackets(), k + " series packets sum to the totals");
        }

        Map<String, InnerFlow> flows = new HashMap<>();
        for (InnerFlow f : report.flows()) {
            flows.put(f.source() + " " + f.destination() + " " + f.protocol() + " " + f.sourcePort() + " "
                    + f.destinationPort(), f);
        }
        assertEquals(truth.flows().size(), report.flows().size(), "inner flow count");
        for (GroundTruth.ExpectedFlow x : truth.flows()) {
            String k = x.source() + " " + x.destination() + " " + x.protocol() + " " + x.sourcePort() + " "
                    + x.destinationPort();
            InnerFlow f = flows.get(k);
            assertNotNull(f, "flow " + k);
            assertEquals(4, f.version());
            assertEquals(x.tunnels().size(), f.tunnels().size(), k + " tunnels used");
            for (int i = 0; i < f.tunnels().size(); i++) {
                GroundTruth.ExpectedUse e = x.tunnels().get(i);
                FlowTunnelUse u = f.tunnels().get(i);
                TunnelTotals t = report.tunnels().get(u.tunnel());
                assertEquals(key(e.homeAgent(), e.careOfAddress(), e.encapsulation()),
                        key(t.homeAgentText(), t.careOfAddressText(), t.encapsulation().contractName()), k);
                assertEquals(e.firstNanos(), u.firstNanos(), k + " first use");
                assertEquals(e.lastNanos(), u.lastNanos(), k + " last use");
                assertEquals(e.packets(), u.packets(), k + " packets");
                assertEquals(e.bytes(), u.bytes(), k + " bytes");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void totalsSeriesAndFlowsEqualTheGroundTruth(Format format) throws Exception {
        Path file = dir.resolve("s." + format.name().toLowerCase());
        GroundTruth truth = ScenarioSynthesizer.writeCapture(SPEC, file, format);
        assertMatchesGroundTruth(truth, TunnelAccounting.analyze(file, SPEC.intervalNanos()));
    }

    @Test
    void otherIntervalsBucketExactlyAsTheGroundTruth() throws Exception {
        for (long interval : new long[] {250_000_000L, 3_000_000_000L}) {
            ScenarioSpec spec = SPEC.withIntervalNanos(interval);
            Path file = dir.resolve("i" + interval + ".pcapng");
            GroundTruth truth = ScenarioSynthesizer.writeCapture(spec, file, Format.PCAPNG);
            TunnelReport r = TunnelAccounting.analyze(file, interval);
            assertEquals(interval, r.intervalNanos());
            assertMatchesGroundTruth(truth, r);
        }
    }

    @Test
    void everyEncapsulationIsAttributedInBothDirections() throws Exception {
        Path file = dir.resolve("enc.pcapng");
        ScenarioSynthesizer.writeCapture(SPEC, file, Format.PCAPNG);
        TunnelReport r = TunnelAccounting.analyze(file, SPEC.intervalNanos());
        Set<String> seen = new TreeSet<>();
        for (TunnelTotals t : r.tunnels()) {
            seen.add(t.encapsulation().contractName());
            assertTrue(t.toCareOf().packets() > 0 && t.toHomeAgent().packets() > 0, t.label());
            // downlink carries 200..1399-byte payloads, the reverse tunnel 40..199: direction is not swapped
            assertTrue(t.toCareOf().bytes() / t.toCareOf().packets() > t.toHomeAgent().bytes()
                    / t.toHomeAgent().packets(), t.label());
            if (t.encapsulation() == TunnelEncapsulation.GRE) {
                assertTrue(t.greKey() > 0, t.label());
            }
            if (t.encapsulation() == TunnelEncapsulation.UDP) {
                assertEquals(434, t.homeAgentPort(), t.label());
                assertTrue(t.careOfPort() >= 49152, t.label());
            }
        }
        assertEquals(new TreeSet<>(List.of("gre", "ipip", "minenc", "udp")), seen);
    }

    @Test
    void indexingPassAttributesTheSameAndStoresClassificationBits() throws Exception {
        Path file = dir.resolve("gui.pcapng");
        GroundTruth truth = ScenarioSynthesizer.writeCapture(SPEC, file, Format.PCAPNG);
        TunnelAccounting a = new TunnelAccounting();
        try (CaptureFile f = CaptureFile.open(file, OpenOptions.defaults().withClassifier(a.indexingClassifier()))) {
            assertMatchesGroundTruth(truth, a.finish());
            int requests = 0;
            int tunnelled = 0;
            for (int i = 0; i < f.packetCount(); i++) {
                int bits = f.classification(i);
                if (ClassificationBits.kind(bits) == PacketKind.MIP_SIGNALLING && ClassificationBits.mipType(bits) == 1) {
                    requests++;
                }
                if (ClassificationBits.kind(bits) == PacketKind.TUNNEL_DATA) {
                    tunnelled++;
                    assertTrue(ClassificationBits.encapsulation(bits) != TunnelEncapsulation.NONE);
                }
            }
            assertEquals(truth.requests(), requests);
            assertEquals(truth.dataPackets(), tunnelled);
        }
    }
}

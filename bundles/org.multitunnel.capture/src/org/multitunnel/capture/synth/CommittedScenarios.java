package org.multitunnel.capture.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The synthesized captures kept in {@code test-captures/} (the GUI demo and small scenarios for tests), defined once
 * here so the test that checks them and the command that regenerates them cannot drift apart. Regenerate after a
 * deliberate change of the synthesizer with
 * {@code java -cp <capture and wire classes> org.multitunnel.capture.synth.CommittedScenarios test-captures}.
 */
public final class CommittedScenarios {
    /** A committed capture: file name in {@code test-captures/}, spec and format. */
    public record Entry(String fileName, ScenarioSpec spec, ScenarioSynthesizer.Format format) {
    }

    /**
     * demo-multipath: 3 nodes, 2–4 care-of addresses, 60 s, all encapsulations, flow bindings (the GUI demo).
     * scenario-two-nodes: 2 nodes × 2 care-of addresses, 10 s, pcap. scenario-four-nodes: 4 nodes × 3–4, 20 s,
     * half-second series, pcapng. scenario-reregistration: 1 node × 4, 12 s with a 6 s lifetime (three rounds of
     * registrations), no flow bindings, pcap.
     */
    public static final List<Entry> ALL = List.of(
            new Entry("demo-multipath.pcapng", ScenarioSpec.demo(), ScenarioSynthesizer.Format.PCAPNG),
            new Entry("scenario-two-nodes.pcap", ScenarioSpec.demo().withMobileNodes(2).withCareOf(2, 2)
                    .withSeconds(10).withPacketsPerSecond(20).withSeed(2), ScenarioSynthesizer.Format.PCAP),
            new Entry("scenario-four-nodes.pcapng", ScenarioSpec.demo().withMobileNodes(4).withCareOf(3, 4)
                    .withSeconds(20).withPacketsPerSecond(40).withSeed(3).withIntervalNanos(500_000_000L),
                    ScenarioSynthesizer.Format.PCAPNG),
            new Entry("scenario-reregistration.pcap", ScenarioSpec.demo().withMobileNodes(1).withCareOf(4, 4)
                    .withSeconds(12).withPacketsPerSecond(30).withSeed(4).withLifetime(6).withFlowBindings(false),
                    ScenarioSynthesizer.Format.PCAP));

    private CommittedScenarios() {
    }

    /** Writes every committed scenario (capture and expected JSON) into {@code dir}. */
    public static void writeAll(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Entry e : ALL) {
            ScenarioSynthesizer.write(e.spec(), dir.resolve(e.fileName()), e.format());
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CommittedScenarios DIR   (normally test-captures)");
            System.exit(64);
        }
        writeAll(Path.of(args[0]));
    }
}

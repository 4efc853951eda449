package org.multitunnel.analysis.filter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.analysis.filter.FieldInfo;
import org.multitunnel.analysis.filter.FieldRegistry;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.capture.synth.ScenarioSpec;
import org.multitunnel.capture.synth.ScenarioSynthesizer;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Dissection;
import org.multitunnel.wire.dissect.MipConfig;
import org.multitunnel.wire.dissect.PacketDissector;
import org.multitunnel.wire.fast.MipPorts;

/**
 * The filter's fast path gives exactly what the dissection gives: for every frame of every capture we have (the
 * project's, all public ones, a synthesized scenario, and every truncation and random corruption of real frames),
 * whenever the header walk claims to have modelled the whole frame, its layers are the dissection's layers and each
 * fast field's values equal the dissection's values, and no dissected field sits in a layer the walk would rule
 * out. With the default Decode As ports (434, 4434), with 434 alone and with an extra port.
 */
class FastPathAgreementTest {
    private static final Path CAPTURES = Path.of("../../test-captures");
    private final FieldRegistry registry = FieldRegistry.standard();
    private int complete;
    private int frames;
    private final FieldSource[] sources = Arrays.stream(FastFields.names())
            .map(n -> FieldSource.of(registry.find(n))).toArray(FieldSource[]::new);
    private final Values[] fastValues = Arrays.stream(sources).map(s -> new Values(s.type)).toArray(Values[]::new);
    private final Values[] treeValues = Arrays.stream(sources).map(s -> new Values(s.type)).toArray(Values[]::new);

    @Test
    void everyFastFieldIsARegisteredName() {
        for (String n : FastFields.names()) {
            assertNotNull(registry.find(n), n + " is answered by the fast path but not in the field registry");
        }
    }

    @Test
    void fastPathAgreesWithDissectionOnEveryCapture() throws IOException {
        List<Path> files = captures();
        assertTrue(files.size() > 200, "expected the project's and the public captures under " + CAPTURES.toAbsolutePath());
        for (MipConfig config : configs()) {
            PacketDissector dissector = config.dissector();
            HeaderWalk walk = new HeaderWalk(dissector.registry());
            for (Path p : files) {
                try (CaptureFile f = open(p)) {
                    if (f == null) {
                        continue;
                    }
                    for (int i = 0; i < f.packetCount(); i++) {
                        check(p + " frame " + (i + 1), f.linkType(i), f.packet(i), dissector, walk);
                    }
                }
            }
        }
        assertTrue(complete > frames / 2, "the fast path modelled only " + complete + " of " + frames + " frames");
    }

    @Test
    void synthesizedScenarioIsWalkedCompletelyAndAgrees(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("synth.pcapng");
        ScenarioSynthesizer.writeCapture(ScenarioSpec.demo().withSeconds(6).withPacketsPerSecond(150), file,
                ScenarioSynthesizer.Format.PCAPNG);
        MipConfig config = MipConfig.defaults();
        PacketDissector dissector = config.dissector();
        HeaderWalk walk = new HeaderWalk(dissector.registry());
        try (CaptureFile f = CaptureFile.open(file)) {
            for (int i = 0; i < f.packetCount(); i++) {
                check("synth frame " + (i + 1), f.linkType(i), f.packet(i), dissector, walk);
            }
            assertEquals(f.packetCount(), complete, "every synthesized frame (IP-in-IP, GRE with key, minimal "
                    + "encapsulation, RFC 3519 UDP tunnels, registrations) takes the fast path");
        }
    }

    @Test
    void truncatedAndCorruptedFramesNeverMislead(@TempDir Path dir) throws IOException {
        MipConfig config = MipConfig.defaults();
        PacketDissector dissector = config.dissector();
        HeaderWalk walk = new HeaderWalk(dissector.registry());
        SplittableRandom random = new SplittableRandom(12);
        for (String name : List.of("scenario-four-nodes.pcapng", "demo-multipath.pcapng", "scenario-two-nodes.pcap")) {
            try (CaptureFile f = CaptureFile.open(CAPTURES.resolve(name))) {
                for (int i = 0; i < Math.min(30, f.packetCount()); i++) {
                    byte[] frame = new byte[f.capturedLength(i)];
                    f.packet(i).get(0, frame);
                    // every cut through the headers, then every 13th byte of the payload
                    for (int cut = 0; cut <= frame.length; cut += cut < 100 ? 1 : 17) {
                        check(name + " frame " + (i + 1) + " cut to " + cut, f.linkType(i),
                                ByteBuffer.wrap(Arrays.copyOf(frame, cut)), dissector, walk);
                    }
                    for (int k = 0; k < 20 && frame.length > 0; k++) {
                        byte[] bad = frame.clone();
                        int at = random.nextInt(Math.min(bad.length, 80));
                        bad[at] = (byte) random.nextInt(256);
                        check(name + " frame " + (i + 1) + " byte " + at + " = " + (bad[at] & 0xff), f.linkType(i),
                                ByteBuffer.wrap(bad), dissector, walk);
                    }
                }
            }
        }
    }

    @Test
    void craftedCornerFramesAndTheirTruncationsAgree() {
        java.util.Set<String> refused = java.util.Set.of("IPv4 options", "total length below header", "GRE routing",
                "GRE ERSPAN", "IPv6 hop-by-hop", "IPv6 mobility header", "ICMP error", "TCP offset 3",
                "UDP tunnel header cut");
        for (MipConfig config : configs()) {
            PacketDissector dissector = config.dissector();
            HeaderWalk walk = new HeaderWalk(dissector.registry());
            for (CraftedFrames.Frame f : CraftedFrames.all()) {
                for (int cut = 0; cut < f.data().length; cut++) {
                    check(f.name() + " cut to " + cut, f.linkType(), ByteBuffer.wrap(Arrays.copyOf(f.data(), cut)),
                            dissector, walk);
                }
                boolean whole = check(f.name(), f.linkType(), ByteBuffer.wrap(f.data()), dissector, walk);
                assertEquals(!refused.contains(f.name()), whole, f.name() + ": taken by the fast path");
            }
        }
    }

    private static List<MipConfig> configs() {
        MipConfig d = MipConfig.defaults();
        // the default Decode As ports (434 and 4434), 434 alone, and an odd extra port
        return List.of(d, new MipConfig(MipPorts.of(434), d.mirType(), d.mtrType()),
                new MipConfig(MipPorts.of(434, 4434, 5001), d.mirType(), d.mtrType()));
    }

    private static List<Path> captures() throws IOException {
        try (Stream<Path> s = Files.walk(CAPTURES)) {
            return s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng|cap)(\\.gz)?$")).sorted().toList();
        }
    }

    private static CaptureFile open(Path p) {
        try {
            return CaptureFile.open(p);
        } catch (IOException | RuntimeException e) {
            return null; // a file the reader refuses (empty, not a capture): the reader's tests cover it
        }
    }

    /** Checks one frame; true when the walk took it (and agreed). */
    private boolean check(String what, int linkType, ByteBuffer frame, PacketDissector dissector, HeaderWalk walk) {
        frames++;
        ByteBuffer slice = frame.slice().asReadOnlyBuffer();
        walk.walk(linkType, slice, 0, slice.limit());
        if (!walk.complete) {
            return false;
        }
        complete++;
        Dissection d = dissector.dissectFull(linkType, slice);
        List<Field> layers = d.layers();
        assertEquals(layers.size(), walk.n, what + ": layer count " + names(layers));
        for (int i = 0; i < walk.n; i++) {
            String actual = layers.get(i).name();
            boolean sig = walk.kind[i] == HeaderWalk.MIP_SIG;
            if (!(HeaderWalk.NAMES[walk.kind[i]].equals(actual) || (sig && actual.equals("_ws.malformed")))) {
                fail(what + ": layer " + i + " walked as " + HeaderWalk.NAMES[walk.kind[i]] + ", dissected as "
                        + names(layers));
            }
            holds(what, walk.kind[i], layers.get(i));
        }
        java.util.Set<String> present = new java.util.HashSet<>();
        layers.forEach(l -> collectNames(l, present));
        for (int id = 0; id < sources.length; id++) {
            FieldSource source = sources[id];
            String name = source.name;
            Values fast = fastValues[id];
            fast.clear();
            if (!FastFields.load(source.fast, walk, fast)) {
                continue;
            }
            if (fast.n == 0 && source.treeMode == FieldSource.TREE_VALUES
                    && Arrays.stream(source.treeNames).noneMatch(present::contains)) {
                continue; // absent in both (the full comparison below would find nothing to compare)
            }
            Values tree = treeValues[id];
            tree.clear();
            TreeFields.load(source, layers, slice, linkType, tree);
            same(what + ", " + name + " in " + names(layers), tree, fast);
        }
        return true;
    }

    /** Every field the dissector put in a layer is one the walk would ask the dissection for. */
    private static void holds(String what, int kind, Field f) {
        if (!FieldSource.canHold(kind, f.name())) {
            fail(what + ": " + f.name() + " appears in a " + HeaderWalk.NAMES[kind] + " layer, which the fast path "
                    + "rules out for it");
        }
        for (Field c : f.children()) {
            holds(what, kind, c);
        }
    }

    private static void collectNames(Field f, java.util.Set<String> out) {
        out.add(f.name());
        f.children().forEach(c -> collectNames(c, out));
    }

    private static List<String> names(List<Field> layers) {
        List<String> out = new ArrayList<>();
        layers.forEach(l -> out.add(l.name()));
        return out;
    }

    private static void same(String what, Values expected, Values actual) {
        assertEquals(expected.n, actual.n, what + ": occurrences");
        for (int i = 0; i < expected.n; i++) {
            assertEquals(expected.layer[i], actual.layer[i], what + ": layer of occurrence " + i);
            switch (expected.type) {
                case STRING -> assertEquals(expected.text(i), actual.text(i), what);
                case BYTES, PROTOCOL -> assertEquals(Arrays.toString(expected.bytes(i)), Arrays.toString(actual.bytes(i)),
                        what);
                default -> {
                    assertEquals(expected.num[i], actual.num[i], what);
                    assertEquals(expected.v6[i], actual.v6[i], what);
                    if (expected.v6[i]) {
                        assertEquals(expected.low[i], actual.low[i], what);
                    }
                }
            }
        }
    }
}

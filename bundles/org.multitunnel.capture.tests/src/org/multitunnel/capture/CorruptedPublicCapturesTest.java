package org.multitunnel.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deterministic damage applied to real captures: cut at many offsets and seeded random byte mutations. The reader
 * must keep the undamaged prefix, never throw (other than "not a capture file" when the magic itself is hit),
 * never hang, and never produce a packet outside the file.
 */
class CorruptedPublicCapturesTest {
    private static final List<String> FILES = List.of(
            "tcpdump-mobility-gre/various_gre.pcap",
            "tcpdump-mobility-gre/ipv6_mobility_1.pcap",
            "tcpdump-mobility-gre/nhrp.pcapng",
            "tcpdump-pcapng/OSPFv2_Capture_FINAL.pcapng",
            "tcpdump-pcapng/bgp-role.pcapng",
            "tcpdump-malformed/smb_data_print-oobr.pcapng",
            "tcpdump-malformed/vtp_asan.pcap");

    @TempDir
    Path dir;

    @Test
    void pcapCutAtAnyOffsetKeepsExactlyTheCompleteRecords() throws Exception {
        Path original = PublicCaptures.file("tcpdump-mobility-gre/various_gre.pcap");
        byte[] bytes = Files.readAllBytes(original);
        try (CaptureFile whole = CaptureFile.open(original)) {
            Path cut = dir.resolve("cut.pcap");
            for (int len = 24; len <= bytes.length; len += 7) {
                Files.write(cut, Arrays.copyOf(bytes, len));
                int expected = 0;
                while (expected < whole.packetCount()
                        && whole.fileOffset(expected) + whole.capturedLength(expected) <= len) {
                    expected++;
                }
                try (CaptureFile f = CaptureFile.open(cut)) {
                    assertEquals(expected, f.packetCount(), "cut at " + len);
                    assertSamePrefix(whole, f, "cut at " + len);
                    boolean atBoundary = expected == 0 ? len == 24
                            : whole.fileOffset(expected - 1) + whole.capturedLength(expected - 1) == len;
                    assertEquals(atBoundary ? 0 : 1, f.warnings().size(), "cut at " + len + ": " + f.warnings());
                }
            }
        }
    }

    @Test
    void pcapngCutAtAnyOffsetKeepsAPrefixOfThePackets() throws Exception {
        Path original = PublicCaptures.file("tcpdump-mobility-gre/nhrp.pcapng");
        byte[] bytes = Files.readAllBytes(original);
        try (CaptureFile whole = CaptureFile.open(original)) {
            Path cut = dir.resolve("cut.pcapng");
            for (int len = 4; len <= bytes.length; len += 5) {
                Files.write(cut, Arrays.copyOf(bytes, len));
                try (CaptureFile f = CaptureFile.open(cut)) {
                    assertSamePrefix(whole, f, "cut at " + len);
                    int dataComplete = 0;
                    while (dataComplete < whole.packetCount()
                            && whole.fileOffset(dataComplete) + whole.capturedLength(dataComplete) + 4 <= len) {
                        dataComplete++;
                    }
                    // a packet is kept once its whole block is there: never more than the data-complete ones
                    assertTrue(f.packetCount() <= dataComplete, "cut at " + len);
                    assertTrue(f.packetCount() >= dataComplete - 1, "cut at " + len + ": " + f.packetCount());
                }
            }
        }
    }

    @Test
    void randomByteDamageNeverEscapesHangsOrLeavesTheFile() throws Exception {
        Random random = new Random(20261123);
        List<String> problems = new ArrayList<>();
        Path mutant = dir.resolve("mutant");
        int[] opened = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (String name : FILES) {
                byte[] bytes = Files.readAllBytes(PublicCaptures.file(name));
                for (int round = 0; round < 300; round++) {
                    byte[] m = bytes.clone();
                    int edits = 1 + random.nextInt(8);
                    for (int e = 0; e < edits; e++) {
                        int at = random.nextInt(m.length);
                        if (random.nextBoolean()) {
                            m[at] = (byte) random.nextInt(256);
                        } else {
                            int v = random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(1 << 12);
                            for (int b = 0; b < 4 && at + b < m.length; b++) {
                                m[at + b] = (byte) (v >>> (8 * b));
                            }
                        }
                    }
                    Files.write(mutant, m);
                    OpenOptions options = round % 3 == 0 ? OpenOptions.defaults().withWindowBytes(4096)
                            : OpenOptions.defaults();
                    try (CaptureFile f = CaptureFile.open(mutant, options)) {
                        opened[0]++;
                        PublicCapturesTest.checkInvariants(f, problems);
                        if (f.packetCount() > m.length / 12) {
                            problems.add(name + " round " + round + ": " + f.packetCount() + " packets");
                        }
                        for (ReadWarning w : f.warnings()) {
                            if (w.kind() == ReadWarning.Kind.INCOMPLETE) {
                                problems.add(name + " round " + round + ": " + w);
                            }
                        }
                    } catch (NotACaptureFileException e) {
                        opened[1]++; // the magic or byte-order magic was hit
                    } catch (Exception e) {
                        problems.add(name + " round " + round + ": " + e);
                    }
                }
            }
        });
        assertEquals(List.of(), problems);
        assertEquals(FILES.size() * 300, opened[0] + opened[1]);
        assertTrue(opened[0] > opened[1] * 10, "most mutants must still open: " + Arrays.toString(opened));
    }

    private static void assertSamePrefix(CaptureFile whole, CaptureFile part, String what) {
        assertTrue(part.packetCount() <= whole.packetCount(), what);
        for (int i = 0; i < part.packetCount(); i++) {
            assertEquals(whole.timestampNanos(i), part.timestampNanos(i), what + " packet " + i);
            assertEquals(whole.packet(i), part.packet(i), what + " packet " + i);
        }
    }
}

package org.multitunnel.analysis.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.wire.dissect.MipConfig;
import org.multitunnel.wire.dissect.PacketDissector;

/**
 * Running a filter over an indexed capture: the indices equal a frame-by-frame evaluation on the dissection, a range
 * continues a previous run (live captures), pseudo-fields come from the caller per packet, cancellation stops it, and
 * the display-filter series for the chart adds up to the selected packets.
 */
class CaptureFilterTest {
    private static final Path CAPTURE = Path.of("../../test-captures/scenario-four-nodes.pcapng");

    @Test
    void selectsTheFramesTheDissectionMatches() throws Exception {
        DisplayFilter f = DisplayFilter.parse("mip.homeaddr == 10.1.0.1 && (mip.coa == 198.51.100.1 || "
                + "ip.dst == 198.51.100.1) || gre.key == 0x299fbe7d");
        try (CaptureFile file = CaptureFile.open(CAPTURE)) {
            int[] rows = CaptureFilter.select(file, f, MipConfig.defaults(), 0, file.packetCount(),
                    CaptureFilter.Contexts.NONE, CaptureFilter.Progress.NONE);
            List<Integer> expected = new ArrayList<>();
            PacketDissector d = new PacketDissector();
            for (int i = 0; i < file.packetCount(); i++) {
                if (f.matches(d.dissect(file.linkType(i), file.packet(i)))) {
                    expected.add(i);
                }
            }
            assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), rows);
            assertEquals(105, rows.length); // 4 signalling frames of that binding + 101 frames of GRE key 0x299fbe7d
            // a second run over the rest of the capture continues the first (live capture growth)
            int[] head = CaptureFilter.select(file, f, MipConfig.defaults(), 0, 400, CaptureFilter.Contexts.NONE,
                    CaptureFilter.Progress.NONE);
            int[] tail = CaptureFilter.select(file, f, MipConfig.defaults(), 400, file.packetCount(),
                    CaptureFilter.Contexts.NONE, CaptureFilter.Progress.NONE);
            assertEquals(rows.length, head.length + tail.length);
            assertTrue(tail.length == 0 || tail[0] >= 400);
        }
    }

    /** The four filters of issue 12 that the Packets view answered with "filter shows 0" and no error. */
    @Test
    void issueExamplesSelectWhatTsharkSelectsOrFailLoudly() throws Exception {
        try (CaptureFile file = CaptureFile.open(CAPTURE)) {
            assertEquals(118, select(file, "ip.addr == 198.51.100.2").length); // tshark -Y: 118
            assertEquals(176, select(file, "udp.port == 434").length); // tshark -Y: 176
            assertArrayEquals(new int[] { 0, 1, 2 }, select(file, "frame.number <= 3"));
            FilterSyntaxException e = org.junit.jupiter.api.Assertions.assertThrows(FilterSyntaxException.class,
                    () -> DisplayFilter.parse("mip.foo == 3"));
            assertEquals("unknown field 'mip.foo' (the names are listed in docs/fields.md)", e.detail());
            assertEquals(0, e.position());
        }
    }

    private static int[] select(CaptureFile file, String filter) throws FilterSyntaxException {
        return CaptureFilter.select(file, DisplayFilter.parse(filter), MipConfig.defaults(), 0, file.packetCount(),
                CaptureFilter.Contexts.NONE, CaptureFilter.Progress.NONE);
    }

    @Test
    void frameTimesComeFromTheIndexInRandomAccess() throws Exception {
        try (CaptureFile file = CaptureFile.open(CAPTURE)) {
            // frame.time_relative and frame.time_delta are right even when the run starts in the middle
            int[] late = CaptureFilter.select(file, DisplayFilter.parse("frame.time_delta > 0.1"), MipConfig.defaults(),
                    300, file.packetCount(), CaptureFilter.Contexts.NONE, CaptureFilter.Progress.NONE);
            int[] all = CaptureFilter.select(file, DisplayFilter.parse("frame.time_delta > 0.1"), MipConfig.defaults(),
                    0, file.packetCount(), CaptureFilter.Contexts.NONE, CaptureFilter.Progress.NONE);
            assertArrayEquals(java.util.Arrays.stream(all).filter(i -> i >= 300).toArray(), late);
            int[] rel = CaptureFilter.select(file, DisplayFilter.parse("frame.time_relative < 0.002"),
                    MipConfig.defaults(), 0, file.packetCount(), CaptureFilter.Contexts.NONE,
                    CaptureFilter.Progress.NONE);
            assertArrayEquals(new int[] { 0, 1 }, rel); // frames at 0 and 1.5 ms
        }
    }

    @Test
    void pseudoFieldsComeFromTheCallerPerPacket() throws Exception {
        try (CaptureFile file = CaptureFile.open(CAPTURE)) {
            CaptureFilter.Contexts findingsOnEvenPackets = i -> FilterContext.of(i % 2 == 0, null, null);
            int[] rows = CaptureFilter.select(file, DisplayFilter.parse("finding && frame.number <= 6"),
                    MipConfig.defaults(), 0, file.packetCount(), findingsOnEvenPackets, CaptureFilter.Progress.NONE);
            assertArrayEquals(new int[] { 0, 2, 4 }, rows);
        }
    }

    /**
     * Another program truncates the file after it was indexed: the packets wholly before the cut are filtered as
     * usual, the one straddling the cut and those after it match nothing (their bytes are gone), and nothing throws.
     * The headers of the straddling record are still readable, so only reading all of the frame tells it apart.
     */
    @Test
    void packetsTheFileLostMatchNothing(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(24 + 1000 * 116).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4) // pcap magic, version 2.4
                .putInt(0).putInt(0).putInt(65535).putInt(1); // zone, sigfigs, snaplen, Ethernet
        for (int i = 0; i < 1000; i++) {
            b.putInt(1000 + i).putInt(i).putInt(100).putInt(100); // ts_sec, ts_usec, caplen, len
            b.put(new byte[] { 2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2 }); // destination, source MAC
            b.putShort((short) 0x88B5); // EtherType: local experimental
            b.put(new byte[86]); // payload
        }
        Path file = java.nio.file.Files.write(dir.resolve("shrinking.pcap"), b.array());
        try (CaptureFile f = CaptureFile.open(file)) {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                    java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(12 * 4096); // a page boundary inside record 424 (24 + 116 i): 423 whole records
            }
            int[] rows = CaptureFilter.select(f, DisplayFilter.parse("eth"), MipConfig.defaults(),
                    0, f.packetCount(), CaptureFilter.Contexts.NONE, CaptureFilter.Progress.NONE);
            assertEquals(423, rows.length, "exactly the packets wholly before the cut");
            assertEquals(422, rows[rows.length - 1]);
        }
    }

    @Test
    void cancellingStopsTheRun() throws Exception {
        try (CaptureFile file = CaptureFile.open(CAPTURE)) {
            int[] polls = { 0 };
            int[] result = CaptureFilter.select(file, DisplayFilter.parse("mip"), MipConfig.defaults(), 0,
                    file.packetCount(), CaptureFilter.Contexts.NONE, new CaptureFilter.Progress() {
                        @Override
                        public boolean cancelled() {
                            polls[0]++;
                            return true;
                        }

                        @Override
                        public void done(int packets) {
                        }
                    });
            assertEquals(794, file.packetCount());
            assertNull(result, "a cancelled run has no result");
            assertEquals(1, polls[0], "polled before the first packet (and every 4096 after)");
        }
    }

    @Test
    void filterSeriesAddsUpToTheSelectedPackets() throws Exception {
        try (CaptureFile file = CaptureFile.open(CAPTURE)) {
            int[] rows = CaptureFilter.select(file, DisplayFilter.parse("mip.type == 1"), MipConfig.defaults(), 0,
                    file.packetCount(), CaptureFilter.Contexts.NONE, CaptureFilter.Progress.NONE);
            assertEquals(17, rows.length);
            FilterSeries s = FilterSeries.of(file, rows, 1_000_000_000L);
            long packets = 0;
            long bytes = 0;
            long expectedBytes = 0;
            for (int i = 0; i < s.times().length; i++) {
                packets += s.packets()[i];
                bytes += s.bytes()[i];
                assertEquals(0, s.times()[i] % 1_000_000_000L, "buckets start on whole seconds");
                if (i > 0) {
                    assertEquals(s.times()[i - 1] + 1_000_000_000L, s.times()[i], "every bucket, empty ones too");
                }
            }
            for (int r : rows) {
                expectedBytes += file.originalLength(r);
            }
            assertEquals(17, packets);
            assertEquals(expectedBytes, bytes);
            assertEquals(file.timestampNanos(rows[0]) / 1_000_000_000L * 1_000_000_000L, s.times()[0]);
        }
    }
}

package org.multitunnel.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.write.CaptureOutput;
import org.multitunnel.capture.write.PcapWriter;
import org.multitunnel.capture.write.PcapngWriter;

class WriterRoundTripTest {
    @TempDir
    Path dir;

    /** Timestamps with sub-microsecond digits, so precision loss would show. */
    private static final long[] TIMES = {1_700_000_000_000_000_001L, 1_700_000_000_123_456_789L,
            1_700_000_001_999_999_999L, 0L};

    private static byte[] payload(int i) {
        return Crafted.countingBytes(10 + 37 * i, i);
    }

    private static void assertSamePackets(CaptureFile f, long divisor) {
        assertEquals(TIMES.length, f.packetCount());
        for (int i = 0; i < TIMES.length; i++) {
            assertEquals(TIMES[i] / divisor * divisor, f.timestampNanos(i), "timestamp " + i);
            assertArrayEquals(payload(i), Crafted.bytesOf(f.packet(i)), "bytes " + i);
            assertEquals(payload(i).length + 5, f.originalLength(i), "original length " + i);
        }
        assertEquals(List.of(), f.warnings());
    }

    @Test
    void pcapNanosecondRoundTripKeepsEveryByteAndNanosecond() throws Exception {
        Path file = dir.resolve("ns.pcap");
        try (PcapWriter w = PcapWriter.create(file, 101, 65535, PcapWriter.Precision.NANOSECONDS, false)) {
            for (int i = 0; i < TIMES.length; i++) {
                w.write(TIMES[i], ByteBuffer.wrap(payload(i)), payload(i).length + 5);
            }
            assertEquals(4, w.packetsWritten());
        }
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(Format.PCAP_NANOSECONDS, f.format());
            assertEquals(101, f.linkType(0));
            assertSamePackets(f, 1);
        }
    }

    @Test
    void pcapMicrosecondRoundTripTruncatesTimestampsToMicroseconds() throws Exception {
        Path file = dir.resolve("us.pcap");
        try (PcapWriter w = PcapWriter.create(file, 1, 65535, PcapWriter.Precision.MICROSECONDS, false)) {
            for (int i = 0; i < TIMES.length; i++) {
                w.write(TIMES[i], payload(i), 0, payload(i).length, payload(i).length + 5);
            }
        }
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(Format.PCAP, f.format());
            assertSamePackets(f, 1000);
        }
    }

    @Test
    void pcapBigEndianHeaderBytesAreExact() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(CaptureOutput.of(bytes), 1, 96, PcapWriter.Precision.MICROSECONDS,
                ByteOrder.BIG_ENDIAN)) {
            w.write(2_000_000_003_000L, ByteBuffer.wrap(new byte[] {9, 8}), 60);
        }
        byte[] expected = Crafted.bigEndian()
                .u32(0xA1B2C3D4L)      // magic
                .u16(2).u16(4)         // version 2.4
                .u32(0).u32(0)         // thiszone, sigfigs
                .u32(96)               // snaplen
                .u32(1)                // linktype
                .u32(2000).u32(3)      // 2000 s + 3 µs
                .u32(2).u32(60)        // caplen, original length
                .bytes(9, 8)           // data
                .toArray();
        assertArrayEquals(expected, bytes.toByteArray());
    }

    @Test
    void pcapWriterTruncatesToSnaplenAndKeepsOriginalLength() throws Exception {
        Path file = dir.resolve("snap.pcap");
        try (PcapWriter w = PcapWriter.create(file, 1, 8, PcapWriter.Precision.NANOSECONDS, false)) {
            w.write(5, ByteBuffer.wrap(Crafted.countingBytes(20, 0)), 20);
        }
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(8, f.capturedLength(0));
            assertEquals(20, f.originalLength(0));
            assertEquals(List.of(), f.warnings());
        }
    }

    @Test
    void pcapngRoundTripWithTwoInterfacesAndComments() throws Exception {
        Path file = dir.resolve("two.pcapng");
        try (PcapngWriter w = PcapngWriter.create(file, "lab run 7", false)) {
            int eth = w.addInterface(1, 0, "eth0");
            int raw = w.addInterface(101, 65535, null);
            for (int i = 0; i < TIMES.length; i++) {
                w.write(i % 2 == 0 ? eth : raw, TIMES[i], ByteBuffer.wrap(payload(i)), payload(i).length + 5,
                        i == 1 ? "second packet, ünïcode" : null);
            }
        }
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(Format.PCAPNG, f.format());
            assertSamePackets(f, 1);
            assertEquals(List.of(1, 101, 1, 101), List.of(f.linkType(0), f.linkType(1), f.linkType(2),
                    f.linkType(3)));
            assertEquals(List.of(new CaptureInterface(0, 0, 1, 0, 9, 0, "eth0"),
                    new CaptureInterface(1, 0, 101, 65535, 9, 0, "")), f.interfaces());
        }
    }

    @Test
    void pcapngBigEndianRoundTrip() throws Exception {
        Path file = dir.resolve("be.pcapng");
        try (var ch = CaptureOutput.create(file, false);
                PcapngWriter w = new PcapngWriter(ch, null, ByteOrder.BIG_ENDIAN)) {
            int id = w.addInterface(1, 0, null);
            for (int i = 0; i < TIMES.length; i++) {
                w.write(id, TIMES[i], ByteBuffer.wrap(payload(i)), payload(i).length + 5);
            }
        }
        assertEquals(0x0A0D0D0A, ByteBuffer.wrap(Files.readAllBytes(file)).getInt(0));
        assertEquals(0x1A2B3C4D, ByteBuffer.wrap(Files.readAllBytes(file)).getInt(8)); // big-endian magic
        try (CaptureFile f = CaptureFile.open(file)) {
            assertSamePackets(f, 1);
        }
    }

    @Test
    void pcapngEnhancedPacketBlockBytesAreExact() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(CaptureOutput.of(bytes), null, ByteOrder.LITTLE_ENDIAN)) {
            w.addInterface(1, 0, null);
            w.write(0, 0x1_0000_0002L, ByteBuffer.wrap(new byte[] {7, 7, 7, 7, 7}), 5);
        }
        byte[] all = bytes.toByteArray();
        byte[] epb = java.util.Arrays.copyOfRange(all, all.length - 40, all.length);
        byte[] expected = Crafted.littleEndian()
                .u32(6)                  // block type EPB
                .u32(40)                 // total length: 28 + 8 (5 bytes padded) + 4
                .u32(0)                  // interface 0
                .u32(1)                  // timestamp high
                .u32(2)                  // timestamp low
                .u32(5).u32(5)           // captured, original length
                .bytes(7, 7, 7, 7, 7).zeros(3) // data + padding
                .u32(40)                 // total length again
                .toArray();
        assertArrayEquals(expected, epb);
    }

    @Test
    void gzipRoundTripsForPcapAndPcapng() throws Exception {
        Path pcap = dir.resolve("a.pcap.gz");
        try (PcapWriter w = PcapWriter.create(pcap, 1, 65535, PcapWriter.Precision.NANOSECONDS, true)) {
            for (int i = 0; i < TIMES.length; i++) {
                w.write(TIMES[i], ByteBuffer.wrap(payload(i)), payload(i).length + 5);
            }
        }
        Path ng = dir.resolve("b.pcapng.gz");
        try (PcapngWriter w = PcapngWriter.create(ng, null, true)) {
            int id = w.addInterface(1, 0, null);
            for (int i = 0; i < TIMES.length; i++) {
                w.write(id, TIMES[i], ByteBuffer.wrap(payload(i)), payload(i).length + 5);
            }
        }
        assertEquals(0x1F8B, ByteBuffer.wrap(Files.readAllBytes(pcap)).getShort(0) & 0xFFFF);
        try (CaptureFile f = CaptureFile.open(pcap)) {
            assertTrue(f.compressed());
            assertEquals(Format.PCAP_NANOSECONDS, f.format());
            assertSamePackets(f, 1);
        }
        try (CaptureFile f = CaptureFile.open(ng)) {
            assertTrue(f.compressed());
            assertEquals(Format.PCAPNG, f.format());
            assertSamePackets(f, 1);
        }
    }

    @Test
    void flushMakesEveryWrittenPacketReadableWhileTheWriterStaysOpen() throws Exception {
        Path file = dir.resolve("live.pcapng.gz");
        try (PcapngWriter w = PcapngWriter.create(file, null, true)) {
            int id = w.addInterface(1, 0, null);
            w.write(id, 1, ByteBuffer.wrap(new byte[] {1}), 1);
            w.write(id, 2, ByteBuffer.wrap(new byte[] {2}), 1);
            w.flush();
            try (CaptureFile f = CaptureFile.open(file)) {
                assertEquals(2, f.packetCount());
                // the gzip trailer is not written yet: the stream ends early, which is reported
                assertEquals(ReadWarning.Kind.COMPRESSION, f.warnings().get(f.warnings().size() - 1).kind());
            }
            w.write(id, 3, ByteBuffer.wrap(new byte[] {3}), 1);
        }
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(3, f.packetCount());
            assertEquals(List.of(), f.warnings());
        }
    }

    @Test
    void largePacketsBypassTheBufferIntact() throws Exception {
        Path file = dir.resolve("big.pcapng");
        byte[] big = Crafted.countingBytes(300_000, 3);
        try (PcapngWriter w = PcapngWriter.create(file, null, false)) {
            int id = w.addInterface(1, 0, null);
            w.write(id, 1, ByteBuffer.wrap(new byte[] {1}), 1);
            w.write(id, 2, ByteBuffer.allocateDirect(big.length).put(big).flip(), big.length);
            w.write(id, 3, ByteBuffer.wrap(new byte[] {3}), 1);
        }
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(3, f.packetCount());
            assertArrayEquals(big, Crafted.bytesOf(f.packet(1)));
            assertEquals(3, f.packet(2).get(0));
        }
    }

    @Test
    void interfaceStatisticsBlockBytesAreExactAndReadersSkipIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(CaptureOutput.of(bytes), null, ByteOrder.LITTLE_ENDIAN)) {
            int id = w.addInterface(1, 0, null);
            w.write(id, 5, ByteBuffer.wrap(new byte[] {1}), 1);
            w.writeInterfaceStatistics(id, 0x2_0000_0003L, 1000, 7);
        }
        byte[] all = bytes.toByteArray();
        byte[] isb = java.util.Arrays.copyOfRange(all, all.length - 52, all.length);
        byte[] expected = Crafted.littleEndian()
                .u32(5)                  // block type ISB
                .u32(52)                 // total length: 20 + 12 + 12 + 4 + 4
                .u32(0)                  // interface 0
                .u32(2).u32(3)           // timestamp high, low
                .u16(4).u16(8).u64(1000) // isb_ifrecv
                .u16(5).u16(8).u64(7)    // isb_ifdrop
                .u16(0).u16(0)           // opt_endofopt
                .u32(52)                 // total length again
                .toArray();
        assertArrayEquals(expected, isb);
        Path file = Files.write(dir.resolve("isb.pcapng"), all);
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(1, f.packetCount());
            assertEquals(List.of(), f.warnings());
        }
    }
}

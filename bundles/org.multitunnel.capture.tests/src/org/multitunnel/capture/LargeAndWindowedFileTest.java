package org.multitunnel.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.internal.MappedCapture;

/**
 * Captures beyond what one MappedByteBuffer can address (2 GiB) and beyond 32-bit offsets (4 GiB), made as sparse
 * files so they take almost no disk: only the few records written occupy blocks. Also checks that tiny mapping
 * windows (many window switches) give exactly the same packets as the default.
 */
class LargeAndWindowedFileTest {
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    /** Writes {@code bytes} at {@code pos} in {@code file} with the given order. */
    private static void put(RandomAccessFile file, long pos, ByteOrder order, long... u32s) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(u32s.length * 4).order(order);
        for (long v : u32s) {
            b.putInt((int) v);
        }
        file.seek(pos);
        file.write(b.array());
    }

    private static void putBytes(RandomAccessFile file, long pos, byte[] bytes) throws Exception {
        file.seek(pos);
        file.write(bytes);
    }

    /** EPB with 8 data bytes (44 bytes in all) at {@code pos}: interface 0, timestamp = units. */
    private static void epb(RandomAccessFile f, long pos, long units, byte[] data8) throws Exception {
        put(f, pos, ByteOrder.LITTLE_ENDIAN,
                6,                 // block type EPB
                40,                // total length: 28 + 8 + 4
                0,                 // interface 0
                units >>> 32,      // timestamp high
                units & 0xFFFF_FFFFL, // timestamp low
                8, 8);             // captured, original length
        putBytes(f, pos + 28, data8);
        put(f, pos + 36, ByteOrder.LITTLE_ENDIAN, 40); // total length again
    }

    /** Custom block spanning [pos, end): only its header and trailer are written, the body stays a hole. */
    private static void filler(RandomAccessFile f, long pos, long end) throws Exception {
        long length = end - pos;
        put(f, pos, ByteOrder.LITTLE_ENDIAN, 0x00000BAD, length, 0); // type, length, private enterprise number
        put(f, end - 4, ByteOrder.LITTLE_ENDIAN, length);             // length again
    }

    @Test
    void sparsePcapngBeyondFourGibReadsPacketsAcrossTheTwoAndFourGibBoundaries() throws Exception {
        Path file = dir.resolve("huge.pcapng");
        long b1 = 2 * GIB - 32;                // EPB whose data (b1+28 .. b1+36) straddles 2^31
        long b2 = 4 * GIB - 30 - 2;            // EPB whose data straddles 2^32 (4-byte aligned start)
        long b3 = b2 + 40 + GIB / 4;           // last EPB, past 4.25 GiB
        long size = b3 + 40;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
            put(f, 0, ByteOrder.LITTLE_ENDIAN,
                    0x0A0D0D0A, 28,            // SHB type, length
                    0x1A2B3C4D,                // byte-order magic
                    0x0000_0001,               // version 1.0 (major 1, minor 0 as two LE u16)
                    0xFFFF_FFFFL, 0xFFFF_FFFFL, // section length -1
                    28);                       // length again
            put(f, 28, ByteOrder.LITTLE_ENDIAN,
                    1, 32,                     // IDB type, length
                    1,                         // link type 1 (u16) + reserved (u16)
                    0,                         // snaplen: unlimited
                    0x0001_0009,               // option if_tsresol (9), length 1
                    9,                         // value 9 (ns) + 3 padding bytes
                    0,                         // opt_endofopt
                    32);                       // length again
            epb(f, 60, 1_000L, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            filler(f, 100, b1);
            epb(f, b1, 2_000L, new byte[] {11, 12, 13, 14, 15, 16, 17, 18});
            filler(f, b1 + 40, b2);
            epb(f, b2, 3_000L, new byte[] {21, 22, 23, 24, 25, 26, 27, 28});
            filler(f, b2 + 40, b3);
            epb(f, b3, 4_000L, new byte[] {31, 32, 33, 34, 35, 36, 37, 38});
        }
        assertEquals(size, Files.size(file));
        assertTrue(b1 + 28 < 1L << 31 && b1 + 36 > 1L << 31, "second packet straddles 2 GiB");
        assertTrue(b2 + 28 < 1L << 32 && b2 + 36 > 1L << 32, "third packet straddles 4 GiB");
        try (CaptureFile c = CaptureFile.open(file)) {
            assertEquals(List.of(), c.warnings());
            assertEquals(4, c.packetCount());
            assertEquals(List.of(88L, b1 + 28, b2 + 28, b3 + 28),
                    List.of(c.fileOffset(0), c.fileOffset(1), c.fileOffset(2), c.fileOffset(3)));
            assertEquals(List.of(1_000L, 2_000L, 3_000L, 4_000L),
                    List.of(c.timestampNanos(0), c.timestampNanos(1), c.timestampNanos(2), c.timestampNanos(3)));
            assertArrayEquals(new byte[] {11, 12, 13, 14, 15, 16, 17, 18}, Crafted.bytesOf(c.packet(1)));
            assertArrayEquals(new byte[] {21, 22, 23, 24, 25, 26, 27, 28}, Crafted.bytesOf(c.packet(2)));
            assertArrayEquals(new byte[] {31, 32, 33, 34, 35, 36, 37, 38}, Crafted.bytesOf(c.packet(3)));
        }
    }

    @Test
    void sparsePcapBeyondTwoGibReadsEveryRecordWithLongOffsets() throws Exception {
        Path file = dir.resolve("huge.pcap");
        int maxData = MappedCapture.MAX_RECORD_DATA;
        long straddle = (1L << 31) - 10;       // a small record whose data crosses 2^31
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            put(f, 0, ByteOrder.LITTLE_ENDIAN,
                    0xA1B2C3D4L,               // magic µs
                    0x0004_0002,               // version 2.4 (two LE u16)
                    0, 0,                      // thiszone, sigfigs
                    maxData,                   // snaplen: the largest record accepted
                    1);                        // Ethernet
            long pos = 24;
            int records = 0;
            long[] targets = {straddle, 2L * GIB + GIB / 2};
            for (long target : targets) {
                long gap = target - pos;
                long n = gap / (maxData - 4096) + 1; // filler records, each safely under the limit
                for (long i = 0; i < n; i++) {
                    long chunk = i < n - 1 ? gap / n : gap - (n - 1) * (gap / n);
                    put(f, pos, ByteOrder.LITTLE_ENDIAN, records, 0, chunk - 16, chunk - 16); // zero-filled data
                    pos += chunk;
                    records++;
                }
                put(f, pos, ByteOrder.LITTLE_ENDIAN, records, 7, 20, 20);  // small record
                byte[] data = Crafted.countingBytes(20, records);
                putBytes(f, pos + 16, data);
                pos += 36;
                records++;
            }
            f.setLength(pos);
            final int expected = records;
            try (CaptureFile c = CaptureFile.open(file)) {
                assertEquals(0, c.warnings().size(), () -> c.warnings().subList(0, 2).toString());
                assertEquals(expected, c.packetCount());
                int mid = -1;
                for (int i = 0; i < c.packetCount(); i++) {
                    assertEquals(i * 1_000_000_000L + (c.capturedLength(i) == 20 ? 7_000 : 0), c.timestampNanos(i));
                    if (c.fileOffset(i) == straddle + 16) {
                        mid = i;
                    }
                }
                assertTrue(mid > 0, "record straddling 2 GiB found");
                assertArrayEquals(Crafted.countingBytes(20, mid), Crafted.bytesOf(c.packet(mid)));
                int last = c.packetCount() - 1;
                assertTrue(c.fileOffset(last) > 2 * GIB);
                assertArrayEquals(Crafted.countingBytes(20, last), Crafted.bytesOf(c.packet(last)));
                assertEquals(c.capturedLength(last - 1), c.packet(last - 1).remaining()); // a 16 MiB filler
                assertTrue(c.capturedLength(last - 1) > maxData / 2);
            }
        }
    }

    @Test
    void tinyMappingWindowsGiveTheSamePacketsAsTheDefault() throws Exception {
        for (String name : List.of("tcpdump-malformed/arp-oobr.pcap", "tcpdump-mobility-gre/nhrp.pcapng",
                "tcpdump-pcapng/OSPFv2_Capture_FINAL.pcapng")) {
            Path p = PublicCaptures.file(name);
            try (CaptureFile a = CaptureFile.open(p);
                    CaptureFile b = CaptureFile.open(p, OpenOptions.defaults().withWindowBytes(4096))) {
                assertEquals(a.packetCount(), b.packetCount(), name);
                for (int i = 0; i < a.packetCount(); i++) {
                    assertEquals(a.fileOffset(i), b.fileOffset(i), name);
                    assertEquals(a.timestampNanos(i), b.timestampNanos(i), name);
                    assertEquals(a.packet(i), b.packet(i), name + " packet " + i);
                }
                assertEquals(a.warnings(), b.warnings(), name);
            }
        }
    }
}

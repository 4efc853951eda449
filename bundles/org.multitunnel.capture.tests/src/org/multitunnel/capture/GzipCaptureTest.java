package org.multitunnel.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GzipCaptureTest {
    @TempDir
    Path dir;

    private static byte[] gzip(byte[] plain) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    /** pcap with 200 records of 100 bytes each: 24 + 200 * 116 = 23224 bytes. */
    private static byte[] pcap200() {
        Crafted c = Crafted.littleEndian().u32(0xA1B2C3D4L).u16(2).u16(4).u32(0).u32(0).u32(65535).u32(1);
        for (int i = 0; i < 200; i++) {
            c.u32(1000 + i).u32(i).u32(100).u32(100).bytes(Crafted.counting(100, i));
        }
        return c.toArray();
    }

    @Test
    void readsGzipCompressedPublicPcapngWithSameCountsAsPlain() throws Exception {
        Path plain = PublicCaptures.file("tcpdump-mobility-gre/nhrp.pcapng");
        Path gz = Files.write(dir.resolve("nhrp.bin"), gzip(Files.readAllBytes(plain))); // no .gz in the name
        try (CaptureFile a = CaptureFile.open(plain); CaptureFile b = CaptureFile.open(gz)) {
            assertTrue(b.compressed());
            assertEquals(Format.PCAPNG, b.format());
            assertEquals(25, b.packetCount());
            for (int i = 0; i < a.packetCount(); i++) {
                assertEquals(a.timestampNanos(i), b.timestampNanos(i));
                assertEquals(a.packet(i), b.packet(i));
                assertEquals(a.fileOffset(i), b.fileOffset(i));
            }
        }
    }

    @Test
    void truncatedGzipKeepsThePacketsDecompressedBeforeTheCut() throws Exception {
        byte[] gz = gzip(pcap200());
        Path file = Files.write(dir.resolve("cut.pcap.gz"), Arrays.copyOf(gz, gz.length / 2));
        try (CaptureFile f = CaptureFile.open(file)) {
            assertTrue(f.compressed());
            assertTrue(f.packetCount() > 0 && f.packetCount() < 200, "kept " + f.packetCount());
            for (int i = 0; i < f.packetCount(); i++) {
                assertEquals((1000L + i) * 1_000_000_000L + i * 1000L, f.timestampNanos(i));
                assertEquals(i & 0xFF, f.packet(i).get(0) & 0xFF);
            }
            List<ReadWarning> w = f.warnings();
            ReadWarning last = w.get(w.size() - 1);
            assertEquals(ReadWarning.Kind.COMPRESSION, last.kind());
            assertEquals(f.sizeBytes(), last.offset());
            assertTrue(last.message().startsWith("gzip stream is truncated after " + f.sizeBytes()), last.message());
        }
    }

    @Test
    void corruptGzipIsReportedNotThrown() throws Exception {
        byte[] gz = gzip(pcap200());
        for (int i = gz.length / 2; i < gz.length / 2 + 64; i++) {
            gz[i] ^= 0x5A;
        }
        try (CaptureFile f = CaptureFile.open(Files.write(dir.resolve("bad.gz"), gz))) {
            assertTrue(f.packetCount() < 200);
            assertTrue(f.warnings().stream().anyMatch(w -> w.kind() == ReadWarning.Kind.COMPRESSION),
                    f.warnings().toString());
        }
    }

    @Test
    void gzipOfSomethingElseIsNotACaptureFile() throws Exception {
        Path file = Files.write(dir.resolve("text.gz"), gzip("just some text".getBytes()));
        NotACaptureFileException e = assertThrows(NotACaptureFileException.class, () -> CaptureFile.open(file));
        assertTrue(e.getMessage().startsWith("decompressed content of " + file), e.getMessage());
        assertTrue(e.getMessage().contains("unknown magic number 0x6a757374"), e.getMessage());
    }

    @Test
    void streamingReaderReadsGzip() throws Exception {
        Path file = Files.write(dir.resolve("s.gz"), gzip(pcap200()));
        long[] sum = new long[1];
        ReadSummary s = CaptureReader.read(file, p -> {
            sum[0] += p.u8(0);
            return true;
        });
        assertTrue(s.compressed());
        assertEquals(200, s.packets());
        assertEquals(20_000, s.capturedBytes());
        assertEquals(23_224, s.fileBytes());
        long expected = 0;
        for (int i = 0; i < 200; i++) {
            expected += i & 0xFF;
        }
        assertEquals(expected, sum[0]);
    }
}

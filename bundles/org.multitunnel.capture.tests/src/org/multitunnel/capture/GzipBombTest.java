package org.multitunnel.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gzip bombs and oversized streams, generated on the fly (a few kilobytes of gzip each, never committed). Before the
 * fix a 10 MB file holding 10 GiB of zeros was decompressed in full into the temporary folder before the reader said
 * "not a capture", and with a pcap header in front it was read to the end. Now the magic number is checked on the
 * first decompressed bytes, the ratio and the spill size are capped, and the spill never shows in its directory.
 */
class GzipBombTest {
    private static final int TEN_MB = 10 << 20;

    @TempDir
    Path dir;

    /** Where the tests let the reader spill; asserted empty. */
    private Path spillDir() throws IOException {
        return Files.createDirectories(dir.resolve("spill"));
    }

    private static byte[] gzip(byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
            for (byte[] p : parts) {
                gz.write(p);
            }
        }
        return out.toByteArray();
    }

    /** A pcap file header: little-endian µs magic, version 2.4, zone 0, sigfigs 0, snaplen 65535, Ethernet. */
    private static byte[] pcapHeader() {
        return Crafted.littleEndian().u32(0xA1B2C3D4L).u16(2).u16(4).u32(0).u32(0).u32(65535).u32(1).toArray();
    }

    /** pcap with {@code n} records of 1000 random bytes each (incompressible: the ratio stays about 1:1). */
    private static byte[] randomPcap(int n) {
        Random r = new Random(7);
        Crafted c = Crafted.littleEndian().u32(0xA1B2C3D4L).u16(2).u16(4).u32(0).u32(0).u32(65535).u32(1);
        byte[] payload = new byte[1000];
        for (int i = 0; i < n; i++) {
            r.nextBytes(payload);
            c.u32(1000 + i).u32(0).u32(1000).u32(1000); // ts_sec, ts_usec, caplen, len
            for (byte b : payload) {
                c.u8(b & 0xFF);
            }
        }
        return c.toArray();
    }

    private static long entries(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    @Test
    void gzipOfZerosIsRejectedFromItsFirstBytesBeforeAnythingIsSpilled() throws Exception {
        Path bomb = Files.write(dir.resolve("zeros.gz"), gzip(new byte[TEN_MB]));
        // a spill directory that does not exist: reaching the spill at all would be an I/O error instead
        OpenOptions options = OpenOptions.defaults()
                .withSpill(SpillLimits.defaults().withDirectory(dir.resolve("no-such-dir")));
        NotACaptureFileException e = assertThrows(NotACaptureFileException.class,
                () -> CaptureFile.open(bomb, options));
        assertFalse(e instanceof DecompressionLimitException, e.toString());
        assertEquals("decompressed content of " + bomb + ": not a capture file: unknown magic number 0x00000000"
                + " (expected pcap a1b2c3d4/a1b23c4d, pcapng 0a0d0d0a or gzip 1f8b)", e.getMessage());
        assertThrows(NotACaptureFileException.class, () -> CaptureReader.read(bomb, p -> true, options));
    }

    @Test
    void pcapHeaderFollowedByZerosStopsAtTheRatioLimitLongBeforeTheEnd() throws Exception {
        Path bomb = Files.write(dir.resolve("bomb.pcap.gz"), gzip(pcapHeader(), new byte[TEN_MB]));
        assertTrue(Files.size(bomb) < 20_000, "about 1000:1: " + Files.size(bomb));
        Path spill = spillDir();
        OpenOptions options = OpenOptions.defaults().withSpill(SpillLimits.defaults().withDirectory(spill));
        DecompressionLimitException e = assertThrows(DecompressionLimitException.class,
                () -> CaptureReader.read(bomb, p -> true, options));
        assertEquals(DecompressionLimitException.Limit.RATIO, e.limit());
        Matcher m = Pattern.compile(Pattern.quote(bomb.toString()) + ": decompression stopped: ([0-9.]+) MiB came out"
                + " of ([0-9.]+) KiB of gzip, more than the 100:1 compression-ratio limit \\(real captures compress a"
                + " few times; this looks like a gzip bomb\\)").matcher(e.getMessage());
        assertTrue(m.matches(), e.getMessage());
        // stopped just past 100 times the gzip's size, not after the 10 MiB it would give
        assertTrue(Double.parseDouble(m.group(1)) < 2.0, e.getMessage());
        assertEquals(0, entries(spill), "nothing left in the spill directory");
        // the same bound holds for the indexed reader and for a stream
        assertThrows(DecompressionLimitException.class, () -> CaptureFile.open(bomb, options));
        assertThrows(DecompressionLimitException.class, () -> CaptureReader.read(
                new ByteArrayInputStream(Files.readAllBytes(bomb)), "standard input", p -> true, options));
        assertEquals(0, entries(spill));
    }

    @Test
    void ratioLimitCanBeRaisedOrSwitchedOff() throws Exception {
        // a well-formed capture whose payloads are all zeros: 3000 records of 1000 bytes compress several hundred times
        Crafted c = Crafted.littleEndian().bytes(toInts(pcapHeader()));
        for (int i = 0; i < 3000; i++) {
            c.u32(1000 + i).u32(0).u32(1000).u32(1000).zeros(1000); // ts_sec, ts_usec, caplen, len, payload
        }
        byte[] plain = c.toArray();
        Path file = Files.write(dir.resolve("zero-payloads.pcap.gz"), gzip(plain));
        assertTrue(plain.length > 100L * Files.size(file), "compresses beyond 100:1: " + Files.size(file));
        Path spill = spillDir();
        SpillLimits limits = SpillLimits.defaults().withDirectory(spill);
        DecompressionLimitException e = assertThrows(DecompressionLimitException.class,
                () -> CaptureReader.read(file, p -> true, OpenOptions.defaults().withSpill(limits)));
        assertEquals(DecompressionLimitException.Limit.RATIO, e.limit());
        ReadSummary off = CaptureReader.read(file, p -> true, OpenOptions.defaults().withSpill(limits.withMaxRatio(0)));
        assertEquals(3000, off.packets());
        assertEquals(plain.length, off.fileBytes());
        ReadSummary raised = CaptureReader.read(file, p -> true,
                OpenOptions.defaults().withSpill(limits.withMaxRatio(2000))); // deflate cannot exceed ~1032:1
        assertEquals(3000, raised.packets());
        assertEquals(0, entries(spill));
    }

    private static int[] toInts(byte[] b) {
        int[] v = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            v[i] = b[i] & 0xFF;
        }
        return v;
    }

    @Test
    void spillSizeLimitStopsAnIncompressibleCapture() throws Exception {
        byte[] plain = randomPcap(3000); // 3,048,024 bytes
        Path file = Files.write(dir.resolve("big.pcap.gz"), gzip(plain));
        Path spill = spillDir();
        OpenOptions options = OpenOptions.defaults()
                .withSpill(SpillLimits.defaults().withDirectory(spill).withMaxBytes(2 << 20));
        DecompressionLimitException e = assertThrows(DecompressionLimitException.class,
                () -> CaptureFile.open(file, options));
        assertEquals(DecompressionLimitException.Limit.SPILL_SIZE, e.limit());
        assertEquals(file + ": decompression stopped at 2.0 MiB, the size limit for the spilled capture",
                e.getMessage());
        assertEquals(0, entries(spill));
        // a plain stream is bounded the same way
        DecompressionLimitException s = assertThrows(DecompressionLimitException.class, () -> CaptureReader.read(
                new ByteArrayInputStream(plain), "standard input", p -> true, options));
        assertEquals("standard input: copying stopped at 2.0 MiB, the size limit for the spilled capture",
                s.getMessage());
        // and under the limit it is read in full
        ReadSummary ok = CaptureReader.read(file, p -> true,
                OpenOptions.defaults().withSpill(SpillLimits.defaults().withDirectory(spill).withMaxBytes(4 << 20)));
        assertEquals(3000, ok.packets());
        assertTrue(ok.warnings().isEmpty(), ok.warnings().toString());
    }

    @Test
    void spillFileNeverShowsInItsDirectoryWhileDecompressing() throws Exception {
        Path file = Files.write(dir.resolve("watched.pcap.gz"), gzip(randomPcap(2000)));
        Path spill = spillDir();
        AtomicLong polls = new AtomicLong();
        AtomicLong seen = new AtomicLong();
        OpenOptions options = OpenOptions.defaults().withSpill(SpillLimits.defaults().withDirectory(spill));
        try (CaptureFile f = CaptureFile.openInBackground(file, options, new IndexListener() {
            @Override
            public boolean cancelled() { // polled for every 64 KiB decompressed, on the decompressing thread
                polls.incrementAndGet();
                try {
                    seen.addAndGet(entries(spill));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return false;
            }
        })) {
            assertTrue(f.awaitIndexing(30, TimeUnit.SECONDS));
            assertEquals(2000, f.packetCount());
        }
        assertTrue(polls.get() > 10, "the directory was looked at while spilling: " + polls.get());
        assertEquals(0, seen.get(), "the spill file is unlinked as soon as it is created");
        assertEquals(0, entries(spill));
    }

    @Test
    void interruptedDecompressionLeavesNothingBehind() throws Exception {
        Path file = Files.write(dir.resolve("interrupted.pcap.gz"), gzip(randomPcap(2000)));
        Path spill = spillDir();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong polls = new AtomicLong();
        OpenOptions options = OpenOptions.defaults().withSpill(SpillLimits.defaults().withDirectory(spill));
        try (CaptureFile f = CaptureFile.openInBackground(file, options, new IndexListener() {
            @Override
            public boolean cancelled() {
                if (polls.incrementAndGet() == 5) {
                    Thread.currentThread().interrupt(); // as a closing window or Ctrl+C interrupts the reader
                }
                return false;
            }

            @Override
            public void finished(int packets, List<ReadWarning> warnings, Throwable t) {
                failure.set(t);
            }
        })) {
            assertTrue(f.awaitIndexing(30, TimeUnit.SECONDS));
            assertInstanceOf(ClosedByInterruptException.class, failure.get());
        }
        assertEquals(0, entries(spill));
    }
}

package org.multitunnel.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.write.PcapngWriter;

class BackgroundIndexingTest {
    private static final int PACKETS = 100_000;

    @TempDir
    Path dir;

    /** 100,000 packets on two interfaces; the first payload byte is i & 0xFF and timestamp i µs. */
    private Path capture() throws Exception {
        Path file = dir.resolve("many.pcapng");
        try (PcapngWriter w = PcapngWriter.create(file, null, false)) {
            int a = w.addInterface(1, 0, null);
            int b = w.addInterface(101, 0, null);
            ByteBuffer data = ByteBuffer.allocate(64);
            for (int i = 0; i < PACKETS; i++) {
                data.clear();
                data.put(0, (byte) i).put(1, (byte) (i % 3));
                w.write(i % 2 == 0 ? a : b, i * 1000L, data, 64);
            }
        }
        return file;
    }

    @Test
    void packetCountGrowsWhileIndexingAndEndsComplete() throws Exception {
        List<Integer> progress = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>(new Throwable("not finished"));
        CountDownLatch finished = new CountDownLatch(1);
        try (CaptureFile f = CaptureFile.openInBackground(capture(), OpenOptions.defaults(), new IndexListener() {
            @Override
            public void progress(int packets, long bytesScanned, long totalBytes) {
                progress.add(packets);
            }

            @Override
            public void finished(int packets, List<ReadWarning> warnings, Throwable error) {
                failure.set(error);
                finished.countDown();
            }
        })) {
            int last = 0;
            while (!f.indexingComplete()) {
                int n = f.packetCount();
                assertTrue(n >= last, "count never shrinks");
                if (n > 0) {
                    // rows already indexed are fully readable from this thread
                    assertEquals((byte) (n - 1), f.packet(n - 1).get(0));
                    assertEquals((n - 1) * 1000L, f.timestampNanos(n - 1));
                }
                last = n;
            }
            f.awaitIndexing();
            assertTrue(finished.await(10, TimeUnit.SECONDS));
            assertNull(failure.get());
            assertEquals(PACKETS, f.packetCount());
            assertEquals(101, f.linkType(PACKETS - 1));
            assertTrue(progress.size() >= PACKETS / 4096, "progress reports: " + progress.size());
            assertEquals(PACKETS, progress.get(progress.size() - 1));
        }
    }

    @Test
    void cancellingStopsIndexingAndKeepsWhatWasIndexed() throws Exception {
        AtomicBoolean cancel = new AtomicBoolean();
        try (CaptureFile f = CaptureFile.openInBackground(capture(), OpenOptions.defaults(), new IndexListener() {
            @Override
            public void progress(int packets, long bytesScanned, long totalBytes) {
                if (packets >= 8192) {
                    cancel.set(true);
                }
            }

            @Override
            public boolean cancelled() {
                return cancel.get();
            }
        })) {
            assertTrue(f.awaitIndexing(30, TimeUnit.SECONDS));
            assertEquals(8192, f.packetCount()); // polled every 4096 packets: stops at the first poll after 8192
            List<ReadWarning> w = f.warnings();
            assertEquals(ReadWarning.Kind.INCOMPLETE, w.get(w.size() - 1).kind());
            assertEquals("indexing cancelled after 8192 packets", w.get(w.size() - 1).message());
            assertEquals((byte) 8191, f.packet(8191).get(0));
        }
    }

    @Test
    void closingDuringIndexingStopsTheIndexer() throws Exception {
        CaptureFile f = CaptureFile.openInBackground(capture(), OpenOptions.defaults(), new IndexListener() {
        });
        f.close();
        assertTrue(f.indexingComplete());
        assertTrue(f.packetCount() <= PACKETS);
    }

    @Test
    void classifierBitsAreStoredPerPacketInTheSamePass() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        IndexClassifier classifier = p -> {
            calls.incrementAndGet();
            // linkType 1 gets bit 15; payload byte 1 (i % 3) in the low bits
            return (p.linkType() == 1 ? 0x8000 : 0) | p.u8(1);
        };
        try (CaptureFile f = CaptureFile.open(capture(), OpenOptions.defaults().withClassifier(classifier))) {
            assertEquals(PACKETS, calls.get());
            for (int i : new int[] {0, 1, 2, 3, 77_777, PACKETS - 1}) {
                assertEquals((i % 2 == 0 ? 0x8000 : 0) | (i % 3), f.classification(i), "packet " + i);
            }
        }
    }

    @Test
    void notACaptureFileIsReportedSynchronouslyEvenInTheBackground() throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("x.pcap"), "<html>not a capture</html>");
        NotACaptureFileException e = org.junit.jupiter.api.Assertions.assertThrows(NotACaptureFileException.class,
                () -> CaptureFile.openInBackground(file, OpenOptions.defaults(), new IndexListener() {
                }));
        assertTrue(e.getMessage().contains("unknown magic number 0x3c68746d"), e.getMessage());
    }

    @Test
    void packetBytesAreNoLongerServedAfterClose() throws Exception {
        CaptureFile f = CaptureFile.open(capture());
        f.close();
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> f.packet(0));
        assertEquals(PACKETS, f.packetCount()); // the index itself stays readable
        assertEquals(1000L, f.timestampNanos(1));
    }

    @Test
    void gzipIsRecognisedAtOnceAndDecompressedOnTheIndexingThread() throws Exception {
        Path plain = capture();
        Path gz = dir.resolve("many.pcapng.gz");
        try (var in = java.nio.file.Files.newInputStream(plain);
                var out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(gz))) {
            in.transferTo(out);
        }
        List<String> threads = new CopyOnWriteArrayList<>();
        try (CaptureFile f = CaptureFile.openInBackground(gz, OpenOptions.defaults(), new IndexListener() {
            @Override
            public void finished(int packets, List<ReadWarning> warnings, Throwable error) {
                threads.add(Thread.currentThread().getName());
            }
        })) {
            assertEquals(Format.PCAPNG, f.format());
            assertTrue(f.compressed());
            assertTrue(f.awaitIndexing(60, TimeUnit.SECONDS));
            assertEquals(PACKETS, f.packetCount());
            assertEquals(java.nio.file.Files.size(plain), f.sizeBytes());
            assertEquals((byte) 123, f.packet(123).get(0));
            assertEquals(List.of(), f.warnings());
        }
        assertEquals(List.of("capture-index many.pcapng.gz"), threads);
    }

    @Test
    void cancellingDuringDecompressionEndsWithoutPacketsOrFailure() throws Exception {
        Path gz = dir.resolve("c.pcap.gz");
        try (var w = org.multitunnel.capture.write.PcapWriter.create(gz, 1, 65535,
                org.multitunnel.capture.write.PcapWriter.Precision.MICROSECONDS, true)) {
            for (int i = 0; i < 10_000; i++) {
                w.write(i, ByteBuffer.allocate(200), 200);
            }
        }
        AtomicReference<Throwable> failure = new AtomicReference<>(new Throwable("not finished"));
        try (CaptureFile f = CaptureFile.openInBackground(gz, OpenOptions.defaults(), new IndexListener() {
            @Override
            public boolean cancelled() {
                return true;
            }

            @Override
            public void finished(int packets, List<ReadWarning> warnings, Throwable error) {
                failure.set(error);
            }
        })) {
            assertTrue(f.awaitIndexing(30, TimeUnit.SECONDS));
            assertEquals(0, f.packetCount());
            assertNull(failure.get());
            List<ReadWarning> w = f.warnings();
            assertEquals(new ReadWarning(0, ReadWarning.Kind.INCOMPLETE, "indexing cancelled while decompressing"),
                    w.get(w.size() - 1));
        }
    }
}

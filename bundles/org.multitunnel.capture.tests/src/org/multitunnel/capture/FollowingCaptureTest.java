package org.multitunnel.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.write.PcapngWriter;

/**
 * {@link CaptureFile#follow} on a file that grows the way a live capture's write-through file does: in arbitrary
 * byte chunks, so the end often cuts a block in half. Each step checks the index holds exactly the packets whose
 * blocks are complete, with their bytes, and that nothing was reported as damage.
 */
class FollowingCaptureTest {
    private static final int PACKETS = 300;

    @TempDir
    Path dir;

    /** The complete file as a writer produces it; payload byte 0 is i & 0xFF, byte 1 is i >> 8, length 60 + i % 40. */
    private byte[] reference(List<Long> blockEnds) throws Exception {
        Path file = dir.resolve("reference.pcapng");
        try (PcapngWriter w = PcapngWriter.create(file, "live capture on lo", false)) {
            int itf = w.addInterface(1, 65535, "lo");
            w.flush();
            blockEnds.add(Files.size(file)); // headers: no packet yet
            for (int i = 0; i < PACKETS; i++) {
                ByteBuffer data = ByteBuffer.allocate(60 + i % 40);
                data.put(0, (byte) i).put(1, (byte) (i >> 8));
                w.write(itf, 1_700_000_000_000_000_000L + i * 1_000_000L, data, 60 + i % 40);
                w.flush();
                blockEnds.add(Files.size(file));
            }
        }
        return Files.readAllBytes(file);
    }

    /** Packets whose block lies wholly within the first {@code written} bytes. */
    private static int completeAt(List<Long> blockEnds, long written) {
        int n = 0;
        for (int i = 1; i < blockEnds.size(); i++) {
            if (blockEnds.get(i) <= written) {
                n = i;
            }
        }
        return n;
    }

    @Test
    void indexesExactlyTheCompleteBlocksWhileTheFileGrowsInOddChunks() throws Exception {
        List<Long> blockEnds = new ArrayList<>();
        byte[] all = reference(blockEnds);
        Path live = dir.resolve("live.pcapng");
        List<Integer> caughtUp = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>(new Throwable("not finished"));
        List<ReadWarning> finalWarnings = new CopyOnWriteArrayList<>();
        try (OutputStream out = Files.newOutputStream(live)) {
            int headerBytes = (int) (long) blockEnds.get(0);
            out.write(all, 0, headerBytes);
            out.flush();
            try (CaptureFile f = CaptureFile.follow(live, OpenOptions.defaults(), new IndexListener() {
                @Override
                public void caughtUp(int packets) {
                    caughtUp.add(packets);
                }

                @Override
                public void finished(int packets, List<ReadWarning> warnings, Throwable error) {
                    failure.set(error);
                    finalWarnings.addAll(warnings);
                }
            }, 5)) {
                int written = headerBytes;
                int chunk = 37; // never a multiple of 4: most steps end inside a block
                while (written < all.length) {
                    int n = Math.min(chunk, all.length - written);
                    out.write(all, written, n);
                    out.flush();
                    written += n;
                    chunk = chunk * 7 % 997 + 13;
                    int expected = completeAt(blockEnds, written);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (f.packetCount() < expected && System.nanoTime() < deadline) {
                        Thread.sleep(1);
                    }
                    assertEquals(expected, f.packetCount(), "after " + written + " of " + all.length + " bytes");
                    Thread.sleep(6); // one more poll: a block cut in half must not be indexed or reported
                    assertEquals(expected, f.packetCount(), "after " + written + " bytes, one poll later");
                    assertTrue(f.warnings().isEmpty(), "a block still being written is not damage: " + f.warnings());
                }
                out.close();
                f.endFollowing();
                assertTrue(f.awaitIndexing(10, TimeUnit.SECONDS), "following ends once the writer is done");
                assertNull(failure.get());
                assertTrue(finalWarnings.isEmpty(), finalWarnings.toString());
                assertEquals(PACKETS, f.packetCount());
                assertTrue(caughtUp.size() > 10, "caughtUp runs once per poll: " + caughtUp.size());
                assertEquals(PACKETS, caughtUp.get(caughtUp.size() - 1));
                for (int i = 0; i < PACKETS; i += 7) {
                    ByteBuffer p = f.packet(i);
                    assertEquals(60 + i % 40, p.remaining(), "length of packet " + i);
                    assertEquals((byte) i, p.get(0));
                    assertEquals((byte) (i >> 8), p.get(1));
                    assertEquals(1_700_000_000_000_000_000L + i * 1_000_000L, f.timestampNanos(i));
                }
            }
        }
        try (CaptureFile reopened = CaptureFile.open(live)) {
            assertEquals(PACKETS, reopened.packetCount());
        }
    }

    @Test
    void aBlockCutOffWhenTheWriterIsDoneIsReportedAsTruncated() throws Exception {
        List<Long> blockEnds = new ArrayList<>();
        byte[] all = reference(blockEnds);
        Path live = dir.resolve("cut.pcapng");
        long cut = blockEnds.get(10) + 20; // packet 11's block is half written
        Files.write(live, java.util.Arrays.copyOf(all, (int) cut));
        try (CaptureFile f = CaptureFile.follow(live, OpenOptions.defaults(), new IndexListener() {
        }, 5)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (f.packetCount() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            Thread.sleep(30); // several more polls over the half-written block
            assertEquals(10, f.packetCount());
            assertTrue(f.warnings().isEmpty(), f.warnings().toString());
            f.endFollowing();
            assertTrue(f.awaitIndexing(10, TimeUnit.SECONDS));
            assertEquals(10, f.packetCount());
            assertTrue(!f.warnings().isEmpty(), "the cut block is reported once the writer is done");
            assertEquals(ReadWarning.Kind.TRUNCATED, f.warnings().get(0).kind(), f.warnings().toString());
            assertEquals(cut - 20, f.warnings().get(0).offset());
        }
    }

    @Test
    void onlyPcapngCanBeFollowed() throws Exception {
        Path pcap = dir.resolve("old.pcap");
        try (var w = org.multitunnel.capture.write.PcapWriter.create(pcap, 1, 65535,
                org.multitunnel.capture.write.PcapWriter.Precision.values()[0], false)) {
            w.write(0, ByteBuffer.allocate(60), 60);
        }
        assertThrows(NotACaptureFileException.class, () -> CaptureFile.follow(pcap, OpenOptions.defaults(),
                new IndexListener() {
                }, 5));
    }
}

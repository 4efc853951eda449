package org.multitunnel.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another program truncates the capture while it is read. Touching a memory-mapped page past the new end raises
 * SIGBUS, which the JVM reports as {@code InternalError: a fault occurred in an unsafe memory access operation};
 * before the fix that error escaped every reader (decode and analyze printed a stack trace). Each test cuts the file
 * at a chosen moment — from the visitor or classifier, or between indexing and reading the packets — so the
 * outcome is deterministic: the reader stops at the new end with one {@link ReadWarning.Kind#SHRANK} warning and
 * keeps every packet read before.
 */
class ShrinkWhileReadingTest {
    private static final int PACKETS = 1000;
    private static final int RECORD = 16 + 100; // pcap record header + 100 captured bytes
    /** A page boundary: pages past it fault once the file is cut here. */
    private static final long PAGE_CUT = 12 * 4096;

    @TempDir
    Path dir;

    /**
     * pcap, little-endian, µs: file header then 1000 records of 100 bytes (record i at 24 + 116 i, payload byte j is
     * (i + j) & 0xFF, time 1000 + i s and i µs); 116,024 bytes.
     */
    private Path capture() throws IOException {
        Crafted c = Crafted.littleEndian()
                .u32(0xA1B2C3D4L)    // magic: pcap, microseconds
                .u16(2).u16(4)       // version 2.4
                .u32(0).u32(0)       // thiszone, sigfigs
                .u32(65535)          // snaplen
                .u32(1);             // LINKTYPE_ETHERNET
        for (int i = 0; i < PACKETS; i++) {
            c.u32(1000 + i)          // ts_sec
                    .u32(i)          // ts_usec
                    .u32(100)        // caplen
                    .u32(100)        // len
                    .bytes(Crafted.counting(100, i));
        }
        return c.writeTo(dir.resolve("shrinking.pcap"));
    }

    private static void truncate(Path file, long size) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Packets whose record lies wholly before {@code end}. */
    private static int wholeBefore(long end) {
        return (int) ((end - 24) / RECORD);
    }

    private static boolean hasExpectedPayload(ByteBuffer p, int i) {
        for (int j = 0; j < p.remaining(); j++) {
            if ((p.get(p.position() + j) & 0xFF) != ((i + j) & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void streamingReadStopsAtThePageCutWithTheWholePacketsBeforeIt() throws Exception {
        Path file = capture();
        int[] good = { 0 };
        ReadSummary s = CaptureReader.read(file, p -> {
            if (p.index() == 100) {
                truncate(file, PAGE_CUT);
            }
            // reads every byte, so the packet that straddles the cut faults here, in the visitor
            assertTrue(hasExpectedPayload(p.slice(), (int) p.index()), "payload of packet " + p.index());
            good[0]++;
            return true;
        });
        int whole = wholeBefore(PAGE_CUT); // 423: record 423 runs from 49,092 to 49,208
        assertEquals(423, whole);
        assertEquals(whole, good[0], "packets read in full before the cut");
        assertEquals(whole + 1, s.packets(), "the straddling packet was handed out, then faulted");
        ReadWarning last = s.warnings().get(s.warnings().size() - 1);
        assertEquals(new ReadWarning(PAGE_CUT, ReadWarning.Kind.SHRANK, file + " shrank from 116,024 to 49,152"
                + " bytes while it was read (another program truncated it); reading stopped there and the packets"
                + " read before are kept; packet 424 reached past the new end and was read with zeros from byte"
                + " 49,152 on"), last);
        assertEquals(1, s.warnings().size(), s.warnings().toString());
    }

    @Test
    void cutInsideAPageEndsAtTheZeroFilledTailWithoutPhantomPackets() throws Exception {
        Path file = capture();
        long cut = 50_000; // inside page 12: bytes 50,000..53,247 now read as zeros instead of faulting
        int[] seen = { 0 };
        ReadSummary s = CaptureReader.read(file, p -> {
            if (p.index() == 100) {
                truncate(file, cut);
            }
            seen[0]++;
            return true;
        });
        // records 0..429 end at or before 49,904; record 430 (49,904..50,020) straddles the cut; the next header
        // (at 50,020) is zeros, which would be a zero-length "packet" every 16 bytes if it were taken for data
        assertEquals(431, seen[0]);
        assertEquals(List.of(new ReadWarning(cut, ReadWarning.Kind.SHRANK, file + " shrank from 116,024 to 50,000"
                + " bytes while it was read (another program truncated it); reading stopped there and the packets"
                + " read before are kept; packet 431 reached past the new end and was read with zeros from byte"
                + " 50,000 on")), s.warnings());
    }

    @Test
    void indexedCaptureKeepsItsPacketsWhenTruncatedBetweenIndexAndDissection() throws Exception {
        Path file = capture();
        try (CaptureFile f = CaptureFile.open(file)) {
            assertEquals(PACKETS, f.packetCount());
            truncate(file, PAGE_CUT); // after indexing, before anything reads the packets' bytes
            int whole = wholeBefore(PAGE_CUT);
            for (int i = 0; i < whole; i++) {
                assertTrue(hasExpectedPayload(f.packet(i), i), "packet " + i + " is before the cut");
            }
            ByteBuffer straddling = f.packet(whole); // still handed out: the shrink has not been noticed yet
            InternalError fault = assertThrows(InternalError.class, () -> hasExpectedPayload(straddling, whole));
            CaptureShrankException gone = f.shrinkFault(fault);
            assertNotNull(gone, "the fault is recognised as the file having shrunk");
            assertEquals(file + " shrank from 116,024 to 49,152 bytes after it was opened (another program truncated"
                    + " it); packets past byte 49,152 can no longer be read, the others are kept", gone.getMessage());
            assertEquals(116_024, gone.mappedSize());
            assertEquals(PAGE_CUT, gone.currentSize());
            assertEquals(PAGE_CUT, f.readableEnd());
            // from now on the packets past the end are refused without touching the mapping
            CaptureShrankException next = assertThrows(CaptureShrankException.class, () -> f.packet(PACKETS - 1));
            assertEquals(file + ": packet 1000 is gone: the file shrank from 116,024 to 49,152 bytes after it was"
                    + " opened (another program truncated it)", next.getMessage());
            assertThrows(CaptureShrankException.class, () -> f.view(whole, new PacketView()));
            // the index keeps every packet: count, times and lengths
            assertEquals(PACKETS, f.packetCount());
            assertEquals(1999L * 1_000_000_000L + 999_000L, f.timestampNanos(PACKETS - 1));
            assertEquals(100, f.capturedLength(PACKETS - 1));
            assertTrue(hasExpectedPayload(f.packet(0), 0));
            assertEquals(1, f.warnings().stream().filter(w -> w.kind() == ReadWarning.Kind.SHRANK).count());
            // other errors are not taken for a shrink
            assertNull(f.shrinkFault(new InternalError("something else")));
            assertNull(f.shrinkFault(new IllegalStateException(
                    "a fault occurred in an unsafe memory access operation")));
        }
    }

    @Test
    void backgroundIndexStopsAtTheCutAndTellsTheListenerWithoutAFailure() throws Exception {
        Path file = capture();
        AtomicReference<List<ReadWarning>> finished = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        OpenOptions options = OpenOptions.defaults().withClassifier(v -> {
            if (v.index() == 100) {
                truncate(file, PAGE_CUT); // the GUI's index is being built when another program cuts the file
            }
            return 0;
        });
        try (CaptureFile f = CaptureFile.openInBackground(file, options, new IndexListener() {
            @Override
            public void finished(int packets, List<ReadWarning> warnings, Throwable t) {
                failure.set(t);
                finished.set(warnings);
            }
        })) {
            assertTrue(f.awaitIndexing(30, TimeUnit.SECONDS), "indexing ended");
            assertNull(failure.get());
            int whole = wholeBefore(PAGE_CUT);
            assertEquals(whole + 1, f.packetCount(), "the straddling record's header was read before the cut");
            List<ReadWarning> w = finished.get();
            assertEquals(1, w.size(), w.toString());
            assertEquals(ReadWarning.Kind.SHRANK, w.get(0).kind());
            assertEquals(PAGE_CUT, w.get(0).offset());
            assertEquals(PAGE_CUT, f.readableEnd());
            assertTrue(hasExpectedPayload(f.packet(whole - 1), whole - 1));
            assertThrows(CaptureShrankException.class, () -> f.packet(whole));
        }
    }

    @Test
    void fileCutJustAsTheIndexEndsIsStillNoticedAndReported() throws Exception {
        Path file = capture();
        OpenOptions options = OpenOptions.defaults().withClassifier(v -> {
            if (v.index() == PACKETS - 1) {
                truncate(file, PAGE_CUT); // after the last record's header was read: the scan itself meets no fault
            }
            return 0;
        });
        try (CaptureFile f = CaptureFile.open(file, options)) {
            assertEquals(PACKETS, f.packetCount());
            assertEquals(List.of(new ReadWarning(PAGE_CUT, ReadWarning.Kind.SHRANK, file + " shrank from 116,024 to"
                    + " 49,152 bytes while it was indexed (another program truncated it); packets past byte 49,152 can"
                    + " no longer be read, the others are kept")), f.warnings());
            assertThrows(CaptureShrankException.class, () -> f.packet(PACKETS - 1));
        }
    }

    @Test
    void followedFileThatShrinksEndsTheFollowWithAWarning() throws Exception {
        Path file = dir.resolve("live.pcapng");
        try (var w = org.multitunnel.capture.write.PcapngWriter.create(file, "test", false)) {
            int itf = w.addInterface(1, 65535, "lo");
            for (int i = 0; i < 200; i++) {
                w.write(itf, 1_700_000_000_000_000_000L + i, ByteBuffer.wrap(Crafted.countingBytes(100, i)), 100);
            }
        }
        long size = Files.size(file);
        AtomicReference<List<ReadWarning>> finished = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>(new AssertionError("finished was not called"));
        try (CaptureFile f = CaptureFile.follow(file, OpenOptions.defaults(), new IndexListener() {
            @Override
            public void caughtUp(int packets) {
                if (packets == 200 && finished.get() == null) {
                    truncate(file, 4096);
                }
            }

            @Override
            public void finished(int packets, List<ReadWarning> warnings, Throwable t) {
                failure.set(t);
                finished.set(warnings);
            }
        }, 10)) {
            assertTrue(f.awaitIndexing(30, TimeUnit.SECONDS), "following ended by itself once the file shrank");
            assertNull(failure.get());
            assertEquals(200, f.packetCount());
            assertEquals(List.of(new ReadWarning(4096, ReadWarning.Kind.SHRANK, String.format("%s shrank from %,d"
                    + " to 4,096 bytes while it was followed (another program truncated it); packets past byte 4,096"
                    + " can no longer be read, the others are kept", file, size))), finished.get());
            assertThrows(CaptureShrankException.class, () -> f.packet(199));
        } catch (AssertionError e) {
            fail(e.getMessage() + " (listener failure: " + failure.get() + ")", e);
        }
    }
}

package org.multitunnel.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.analysis.filter.DisplayFilter;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.capture.CaptureShrankException;
import org.multitunnel.capture.DecompressionLimitException;
import org.multitunnel.capture.NotARegularFileException;
import org.multitunnel.capture.ReadWarning;
import org.multitunnel.model.MultitunnelFactory;
import org.multitunnel.ui.packets.FilterJob;
import org.multitunnel.ui.packets.PacketRow;
import org.multitunnel.ui.packets.PacketRowFormatter;

/**
 * The views over a capture that another program truncates after it was opened (between indexing and showing the
 * packets). Before the fix, reading a vanished mapped page threw {@code InternalError} into the Packets table, the
 * Details pane and the filter job. Now the packets read stay listed, those past the new end say their bytes are
 * gone, the filter skips them, the status line says why, and the messages for hostile files name what happened.
 */
class ShrunkCaptureViewsTest {
    private static final long CUT = 12 * 4096; // a page boundary: 423 whole records before it

    @TempDir
    Path dir;

    /** pcap, little-endian µs, Ethernet: 1000 records of 100 bytes (record i at 24 + 116 i). */
    private Path capture() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(24 + 1000 * 116).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4) // magic, version 2.4
                .putInt(0).putInt(0).putInt(65535).putInt(1);        // zone, sigfigs, snaplen, Ethernet
        for (int i = 0; i < 1000; i++) {
            b.putInt(1000 + i).putInt(i).putInt(100).putInt(100);    // ts_sec, ts_usec, caplen, len
            b.put(new byte[] { 2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2 }); // destination, source MAC
            b.putShort((short) 0x88B5);                              // EtherType: local experimental
            b.put(new byte[86]);                                     // payload
        }
        return Files.write(dir.resolve("shrinking.pcap"), b.array());
    }

    private static void truncate(Path file) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(CUT);
        }
    }

    @Test
    void rowsPastTheCutSayTheirBytesAreGoneAndTheStatusLineSaysWhy() throws Exception {
        Path file = capture();
        try (CaptureFile f = CaptureFile.open(file)) {
            OpenCapture c = new OpenCapture(file, f, MultitunnelFactory.eINSTANCE.createCaptureSession());
            PacketRowFormatter rows = new PacketRowFormatter();
            PacketRow first = rows.format(f, 0);
            truncate(file);
            assertEquals(first, rows.format(f, 0), "a packet before the cut reads as before");
            assertEquals(first.protocol(), rows.format(f, 422).protocol());
            PacketRow straddling = rows.format(f, 423); // its bytes run past the cut: the read faults
            assertEquals(new PacketRow("", "", "Gone", "bytes no longer in the file: it shrank to 49,152 bytes after"
                    + " it was opened", org.multitunnel.wire.fast.PacketKind.MALFORMED, null), straddling);
            assertEquals("Gone", rows.format(f, 999).protocol());
            assertEquals(1000, c.packetCount(), "every packet stays listed");
            assertTrue(c.statusText().endsWith(" · the file shrank: packets past byte 49,152 are gone"),
                    c.statusText());
            assertEquals(1, f.warnings().stream().filter(w -> w.kind() == ReadWarning.Kind.SHRANK).count());
        }
    }

    @Test
    void filterSkipsThePacketsWhoseBytesAreGone() throws Exception {
        Path file = capture();
        try (CaptureFile f = CaptureFile.open(file)) {
            OpenCapture c = new OpenCapture(file, f, MultitunnelFactory.eINSTANCE.createCaptureSession());
            truncate(file);
            AtomicReference<int[]> result = new AtomicReference<>();
            FilterJob job = new FilterJob(c, DisplayFilter.parse("eth"), Set.of(), Set.of(), new FilterJob.Sink() {
                @Override
                public void progress(FilterJob j, int done, int total) {
                }

                @Override
                public void done(FilterJob j, int[] matching) {
                    result.set(matching);
                }
            });
            job.schedule();
            job.join();
            assertTrue(job.getResult().isOK(), job.getResult().toString());
            int[] m = result.get();
            assertEquals(423, m.length, "exactly the packets wholly before the cut");
            assertEquals(422, m[m.length - 1]);
        }
    }

    @Test
    void warningAfterOpeningNamesTheShrinkAndWhatWasKept() {
        ReadWarning shrank = new ReadWarning(CUT, ReadWarning.Kind.SHRANK, "x.pcap shrank from 116,024 to 49,152"
                + " bytes while it was read (another program truncated it); reading stopped there and the packets"
                + " read before are kept");
        ReadWarning other = new ReadWarning(64, ReadWarning.Kind.TRUNCATED, "file ends inside a record");
        assertNull(OpenCaptureJob.shrinkWarning(List.of(other), List.of(), 3));
        String m = OpenCaptureJob.shrinkWarning(List.of(other), List.of(shrank), 424);
        assertEquals(shrank.message() + String.format("%n%n424 packets were read before; they stay open."), m);
        assertEquals(m, OpenCaptureJob.shrinkWarning(List.of(shrank), List.of(shrank), 424), "one warning, not two");
    }

    @Test
    void hostileFilesGetAnExplanationNotAStackTrace() {
        Path p = Path.of("/tmp/pipe");
        CaptureErrors.Problem fifo = CaptureErrors.describe(p, new NotARegularFileException(p, "a FIFO (named pipe)"));
        assertEquals("Not a capture file", fifo.title());
        assertEquals("/tmp/pipe: is a FIFO (named pipe), not a regular file; a capture must be a regular file\n\n"
                + "Only regular files can be opened: not folders, pipes or devices.", fifo.message());
        CaptureErrors.Problem bomb = CaptureErrors.describe(p, new DecompressionLimitException(
                DecompressionLimitException.Limit.RATIO, "x.gz: decompression stopped"));
        assertEquals("Capture not opened: decompression limit", bomb.title());
        assertEquals("x.gz: decompression stopped\n\nThe limits for gzip-compressed captures are in Window >"
                + " Preferences > Analysis > Capture files.", bomb.message());
        CaptureErrors.Problem fault = CaptureErrors.describe(p, new InternalError("a fault occurred in an unsafe"
                + " memory access operation"));
        assertEquals("Capture file shrank", fault.title());
        CaptureErrors.Problem gone = CaptureErrors.describe(p, new CaptureShrankException(p, 10, 5, "p: gone"));
        assertEquals("p: gone\n\nThe packets read before are kept.", gone.message());
    }
}

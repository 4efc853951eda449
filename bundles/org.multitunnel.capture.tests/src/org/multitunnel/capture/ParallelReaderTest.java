package org.multitunnel.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.write.PcapWriter;

/**
 * A parallel pass splits a pcap file only at proven record boundaries: the chunks, read in file order, hold exactly
 * the packets of a sequential pass; a damaged file, a pcapng file and a small file are read sequentially, so the
 * warnings are those of the ordinary reader.
 */
class ParallelReaderTest {
    private static final long SMALL_CHUNKS = 4096;

    @TempDir
    Path dir;

    /** Packets whose bytes are their own number, of varying length, 1 ms apart. */
    private Path capture(int packets) throws Exception {
        Path f = dir.resolve("p.pcap");
        try (PcapWriter w = PcapWriter.create(f, 1, 65_535, PcapWriter.Precision.MICROSECONDS, false)) {
            for (int i = 0; i < packets; i++) {
                int len = 60 + (i * 37) % 900;
                ByteBuffer b = ByteBuffer.allocate(len);
                for (int k = 0; k + 4 <= len; k += 4) {
                    b.putInt(k, i);
                }
                w.write(1_700_000_000_000_000_000L + i * 1_000_000L, b, len);
            }
        }
        return f;
    }

    private static List<Long> sequential(Path f) throws Exception {
        List<Long> out = new ArrayList<>();
        CaptureReader.read(f, p -> out.add(p.timestampNanos()) || true);
        return out;
    }

    @Test
    void chunksReadInFileOrderHoldExactlyTheSequentialPacketsWhateverTheThreadCount() throws Exception {
        Path f = capture(3000);
        List<Long> expected = sequential(f);
        for (int threads = 1; threads <= 5; threads++) {
            ParallelReader.Result<Recorder> r = read(f, threads);
            List<Long> got = new ArrayList<>();
            long frame = 0;
            for (ParallelReader.Chunk<Recorder> c : r.chunks()) {
                assertEquals(frame, c.firstFrameIndex(), "chunk numbering continues the previous chunk");
                frame += c.packets();
                got.addAll(c.visitor());
            }
            assertEquals(expected, got, threads + " threads");
            assertEquals(3000, r.summary().packets());
            assertEquals(threads, r.chunks().size());
            assertEquals(threads > 1, r.parallel());
            assertTrue(r.summary().warnings().isEmpty());
        }
    }

    @Test
    void aDamagedRecordMakesThePassSequentialWithTheOrdinaryWarnings() throws Exception {
        Path f = capture(3000);
        byte[] bytes = Files.readAllBytes(f);
        // the caplen field of a record in the second half: 16-byte records after the 24-byte header
        long pos = 24;
        for (int i = 0; i < 2000; i++) {
            pos += 16 + ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt((int) pos + 8);
        }
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt((int) pos + 8, 0x7fff_0000); // caplen
        Files.write(f, bytes);
        ReadSummary seq = CaptureReader.read(f, p -> true);
        assertFalse(seq.warnings().isEmpty(), "the damage is seen");

        ParallelReader.Result<Recorder> r = read(f, 3);
        assertFalse(r.parallel());
        assertEquals(seq.warnings(), r.summary().warnings());
        assertEquals(seq.packets(), r.summary().packets());
    }

    @Test
    void aFileTooSmallForTwoChunksIsReadByOneThread() throws Exception {
        Path f = capture(10);
        ParallelReader.Result<Recorder> r = ParallelReader.read(f, 4, ParallelReader.DEFAULT_MIN_CHUNK_BYTES,
                OpenOptions.defaults(), c -> new Recorder());
        assertFalse(r.parallel());
        assertEquals(1, r.chunks().size());
        assertEquals(10, r.summary().packets());
    }

    private ParallelReader.Result<Recorder> read(Path f, int threads) throws Exception {
        return ParallelReader.read(f, threads, SMALL_CHUNKS, OpenOptions.defaults(), c -> new Recorder());
    }

    /** Remembers the timestamps it was given. */
    private static final class Recorder extends ArrayList<Long> implements PacketVisitor {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean visit(PacketView p) {
            add(p.timestampNanos());
            return true;
        }
    }
}

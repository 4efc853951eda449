package org.multitunnel.agent.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.CaptureFile;

/** {@code --record} under a flood: files are capped in size and number, rotated, and each stays a valid pcapng. */
class RecordRotationTest {
    private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.2", 40000);
    private static final InetSocketAddress TO = new InetSocketAddress("127.0.0.1", 4434);

    @Test
    void aFloodFillsAtMostTheConfiguredFilesOfTheConfiguredSize(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ha.pcapng");
        RecordLimits limits = new RecordLimits(RecordLimits.MIN_FILE_BYTES, 3);
        byte[] payload = new byte[1000];
        int datagrams = 2000; // about 2 MB offered, 3 × 128 KiB kept
        try (PacketRecorder r = PacketRecorder.create(file, "home agent", InstantSource.fixed(Instant.EPOCH),
                List.of(4434)).limit(limits)) {
            for (int i = 0; i < datagrams; i++) {
                payload[0] = (byte) i;
                payload[1] = (byte) (i >> 8);
                r.record(FROM, TO, payload, payload.length);
            }
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        assertEquals(List.of(dir.resolve("ha.1.pcapng"), dir.resolve("ha.2.pcapng"), file), files);
        int last = -1;
        for (Path f : List.of(dir.resolve("ha.2.pcapng"), dir.resolve("ha.1.pcapng"), file)) { // oldest first
            assertTrue(Files.size(f) <= limits.maxFileBytes(), f + " is " + Files.size(f) + " bytes");
            try (CaptureFile cf = CaptureFile.open(f)) {
                assertEquals(List.of(4434), cf.interfaces().get(0).mipPorts(), "every file names the agent's port");
                // a full file holds about 128 KiB / (1028 + 32) bytes per packet; the current one what is left
                assertTrue(f.equals(file) ? cf.packetCount() > 0 : cf.packetCount() > 100, f + ": " + cf.packetCount());
                for (int p = 0; p < cf.packetCount(); p++) {
                    ByteBuffer b = cf.packet(p);
                    int at = b.position() + 28; // 20 bytes IPv4, 8 bytes UDP, then the payload
                    int seq = (b.get(at) & 0xff) | (b.get(at + 1) & 0xff) << 8;
                    if (last >= 0) {
                        assertEquals(last + 1, seq, "datagrams continue across files without a gap");
                    } else {
                        assertTrue(seq > 0, "the oldest datagrams were rotated away");
                    }
                    last = seq;
                }
            }
        }
        assertEquals(datagrams - 1, last, "the newest datagram is in the current file");
    }

    @Test
    void oneFileMeansTheRecordingStartsOverWhenFull(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fa");
        try (PacketRecorder r = PacketRecorder.create(file, "foreign agent", InstantSource.fixed(Instant.EPOCH))
                .limit(new RecordLimits(RecordLimits.MIN_FILE_BYTES, 1))) {
            for (int i = 0; i < 500; i++) {
                r.record(FROM, TO, new byte[1000], 1000);
            }
        }
        assertTrue(Files.size(file) <= RecordLimits.MIN_FILE_BYTES);
        assertFalse(Files.exists(dir.resolve("fa.1")));
    }

    @Test
    void sizesAndNamesAreParsedAndChecked() {
        assertEquals(64L << 20, RecordLimits.parseSize("64M"));
        assertEquals(512L << 10, RecordLimits.parseSize("512k"));
        assertEquals(1L << 30, RecordLimits.parseSize("1G"));
        assertEquals(200_000, RecordLimits.parseSize("200000"));
        assertThrows(NumberFormatException.class, () -> RecordLimits.parseSize("lots"));
        assertThrows(IllegalArgumentException.class, () -> new RecordLimits(1000, 3));
        assertThrows(IllegalArgumentException.class, () -> new RecordLimits(1 << 20, 0));
        assertEquals(Path.of("d/ha.3.pcapng"), RecordLimits.rotated(Path.of("d/ha.pcapng"), 3));
        assertEquals(64L << 20, RecordLimits.DEFAULT.maxFileBytes());
        assertEquals(4, RecordLimits.DEFAULT.maxFiles());
    }
}

package org.multitunnel.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.write.PcapWriter;
import org.multitunnel.capture.write.PcapngWriter;

/**
 * Captures the product writes — agent recordings, send/replay/conformance exports, the GUI's exports, live
 * captures, all through these writers — hold Mobile IP authenticators over known plaintext, enough to guess an
 * MN-HA key offline. Before the fix they were created with the umask's mode (0644: readable by every user); now
 * they are private to their owner, including a file that existed with a wider mode.
 */
class PrivateCaptureFilesTest {
    @TempDir
    Path dir;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void newCaptureFilesAreOwnerReadWriteOnly() throws Exception {
        Path ng = dir.resolve("rec.pcapng");
        try (PcapngWriter w = PcapngWriter.create(ng, "recording", false)) {
            w.write(w.addInterface(228, 65535, "raw"), 0, ByteBuffer.wrap(new byte[20]), 20);
        }
        assertEquals("rw-------", mode(ng));
        Path gz = dir.resolve("rec.pcap.gz");
        try (PcapWriter w = PcapWriter.create(gz, 228, 65535, PcapWriter.Precision.MICROSECONDS, true)) {
            w.write(0, ByteBuffer.wrap(new byte[20]), 20);
        }
        assertEquals("rw-------", mode(gz));
        try (CaptureFile f = CaptureFile.open(gz)) {
            assertEquals(1, f.packetCount());
        }
    }

    @Test
    void anExistingFileIsMadePrivateBeforeItIsOverwritten() throws Exception {
        Path old = Files.writeString(dir.resolve("export.pcapng"), "an older, world-readable file");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-rw-r--"));
        try (PcapngWriter w = PcapngWriter.create(old, "export", false)) {
            assertEquals("rw-------", mode(old), "private before the first packet is written");
            w.write(w.addInterface(228, 65535, "raw"), 0, ByteBuffer.wrap(new byte[20]), 20);
        }
        assertEquals("rw-------", mode(old));
        try (CaptureFile f = CaptureFile.open(old)) {
            assertEquals(1, f.packetCount());
        }
    }
}

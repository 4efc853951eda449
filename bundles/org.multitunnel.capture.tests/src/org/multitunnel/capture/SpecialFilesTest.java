package org.multitunnel.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

/**
 * Paths that are not regular files. Before the fix a FIFO with no writer hung every reader in {@code open}, a
 * character device such as {@code /dev/urandom} was reported as "it is empty" (its size is 0), and a directory
 * escaped as a raw Java exception. Now each is refused up front, without opening it, by a
 * {@link NotARegularFileException} saying what the path is; a FIFO can still be read on purpose as a stream.
 */
class SpecialFilesTest {
    /** A hang would be the bug: every refusal must come at once (the bound only turns a hang into a failure). */
    private static final Duration NO_HANG = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Path fifo() throws Exception {
        Path p = dir.resolve("pipe");
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo (coreutils) must work here");
        return p;
    }

    /** Every way to open a capture refuses {@code path} as {@code what}. */
    private static void allReadersRefuse(Path path, String what) {
        IndexListener quiet = new IndexListener() {
        };
        List<Executable> opens = List.of(
                () -> CaptureFile.open(path).close(),
                () -> CaptureReader.read(path, p -> true),
                () -> CaptureFile.openInBackground(path, OpenOptions.defaults(), quiet).close(),
                () -> CaptureFile.follow(path, OpenOptions.defaults(), quiet, 10).close());
        for (Executable open : opens) {
            NotARegularFileException e = assertTimeoutPreemptively(NO_HANG,
                    () -> assertThrows(NotARegularFileException.class, open));
            assertEquals(what, e.what());
            assertEquals(path, e.path());
            assertEquals(path + ": is " + what + ", not a regular file; a capture must be a regular file",
                    e.getMessage());
        }
    }

    @Test
    void fifoWithoutWriterIsRefusedInsteadOfHanging() throws Exception {
        Path fifo = fifo();
        allReadersRefuse(fifo, "a FIFO (named pipe)");
        assertTrue(new NotARegularFileException(fifo, "a FIFO (named pipe)").isStream());
    }

    @Test
    void characterDevicesAreRefusedNotReportedEmpty() {
        allReadersRefuse(Path.of("/dev/urandom"), "a character device");
        allReadersRefuse(Path.of("/dev/null"), "a character device");
        assertFalse(new NotARegularFileException(Path.of("/dev/null"), "a character device").isStream());
    }

    @Test
    void directoryIsRefusedWithWhatItIs() {
        allReadersRefuse(dir, "a directory");
    }

    @Test
    void missingFileIsTheJdksTypedException() {
        Path missing = dir.resolve("missing.pcap");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> CaptureFile.open(missing));
        assertEquals(missing.toString(), e.getFile());
        assertThrows(NoSuchFileException.class, () -> CaptureReader.read(missing, p -> true));
    }

    @Test
    void fifoCanBeReadOnPurposeAsAStream() throws Exception {
        Path fifo = fifo();
        byte[] pcap = Crafted.littleEndian()
                .u32(0xA1B2C3D4L).u16(2).u16(4).u32(0).u32(0).u32(65535).u32(1) // file header, 24 bytes
                .u32(1000).u32(1).u32(4).u32(4).bytes(1, 2, 3, 4)                // record: ts, caplen 4, len 4, data
                .u32(1001).u32(2).u32(2).u32(2).bytes(5, 6)                      // record: caplen 2, len 2, data
                .toArray();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) { // blocks until the reader opens the FIFO
                out.write(pcap);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        ReadSummary s = assertTimeoutPreemptively(NO_HANG, () -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return CaptureReader.read(in, "pipe", p -> true, OpenOptions.defaults());
            }
        });
        writer.get(10, TimeUnit.SECONDS);
        assertEquals(2, s.packets());
        assertEquals(6, s.capturedBytes());
        assertEquals(pcap.length, s.fileBytes());
        assertTrue(s.warnings().isEmpty(), s.warnings().toString());
    }
}

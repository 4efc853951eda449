package org.multitunnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code decode} and {@code analyze} on hostile files, through the launcher's entry point. Before the fix a FIFO
 * without writer hung both, {@code /dev/urandom} was "empty", a directory gave exit 70 with a Java exception, a
 * gzip bomb was decompressed to the end, and a file truncated while read printed an InternalError stack trace with
 * exit 1. Each is now one line with its sysexits code, or — for the truncation — the packets read and one warning.
 */
class HostileCaptureFilesTest {
    /** A hang is the bug; the bound only turns one into a failure. */
    private static final Duration NO_HANG = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(OutputStream stdout, String... args) {
        err.reset();
        return assertTimeoutPreemptively(NO_HANG, () -> Main.run(List.of(args), new PrintStream(stdout, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    private int run(String... args) {
        return run(new ByteArrayOutputStream(), args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void fifosDevicesAndDirectoriesAreOneLineWithExit66() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo (coreutils) must work here");
        for (String command : List.of("decode", "analyze")) {
            assertEquals(66, run(command, fifo.toString()));
            assertEquals("multitunnel " + command + ": " + fifo + ": is a FIFO (named pipe), not a regular file; a"
                    + " capture must be a regular file\n", err());
            assertEquals(66, run(command, "/dev/urandom"));
            assertEquals("multitunnel " + command + ": /dev/urandom: is a character device, not a regular file; a"
                    + " capture must be a regular file\n", err());
            assertEquals(66, run(command, dir.toString()));
            assertEquals("multitunnel " + command + ": " + dir + ": is a directory, not a regular file; a capture"
                    + " must be a regular file\n", err());
        }
    }

    /** pcap file header (little-endian µs, 2.4, snaplen 65535, Ethernet) then 10 MiB of zeros, gzip-compressed. */
    private Path bomb() throws IOException {
        Path f = dir.resolve("bomb.pcap.gz");
        try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(f), 1 << 16)) {
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4) // magic, version 2.4
                    .putInt(0).putInt(0).putInt(65535).putInt(1);         // zone, sigfigs, snaplen, Ethernet
            gz.write(h.array());
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 10; i++) {
                gz.write(zeros);
            }
        }
        return f;
    }

    @Test
    void gzipBombStopsWithExit65NamingTheOptionThatRaisesTheLimit() throws Exception {
        Path bomb = bomb();
        Pattern ratio = Pattern.compile("multitunnel (decode|analyze): " + Pattern.quote(bomb.toString())
                + ": decompression stopped: [0-9.]+ MiB came out of [0-9.]+ KiB of gzip, more than the 100:1"
                + " compression-ratio limit \\(real captures compress a few times; this looks like a gzip bomb\\)"
                + " \\(--max-gzip-ratio N raises the limit, 0 removes it\\)\n");
        for (String command : List.of("decode", "analyze")) {
            assertEquals(65, run(command, bomb.toString()));
            assertTrue(ratio.matcher(err()).matches(), err());
            assertEquals(65, run(command, bomb.toString(), "--max-gzip-ratio", "0", "--max-spill", "2M"));
            assertEquals("multitunnel " + command + ": " + bomb + ": decompression stopped at 2.0 MiB, the size limit"
                    + " for the spilled capture (--max-spill SIZE raises the limit)\n", err());
            assertEquals(64, run(command, bomb.toString(), "--max-spill", "lots"));
            assertTrue(err().startsWith("multitunnel " + command + ": --max-spill wants a size such as 500M or 20G:"
                    + " lots\n"), err());
        }
        // raised far enough, the header is read (and the zeros are one damaged record: a warning, exit 0)
        assertEquals(0, run("decode", bomb.toString(), "--max-gzip-ratio", "0", "--max-spill", "20M"));
        assertFalse(err().contains("Exception"), err());
    }

    /** pcap, little-endian µs: 1000 records of 100 bytes (record i at 24 + 116 i); 116,024 bytes. */
    private Path capture() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(24 + 1000 * 116).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        for (int i = 0; i < 1000; i++) {
            b.putInt(1000 + i).putInt(i).putInt(100).putInt(100); // ts_sec, ts_usec, caplen, len
            for (int j = 0; j < 100; j++) {
                b.put((byte) (i + j));
            }
        }
        return Files.write(dir.resolve("cut.pcap"), b.array());
    }

    @Test
    void decodeOfAFileTruncatedWhileReadPrintsWhatWasReadAndOneWarning() throws Exception {
        Path file = capture();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        // decode's first flush to stdout (after 64 KiB of text) happens mid-read: the file is cut there, to 12 pages
        OutputStream cutting = new OutputStream() {
            private boolean cut;

            @Override
            public void write(int b) {
                write(new byte[] { (byte) b }, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (!cut) {
                    cut = true;
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        ch.truncate(12 * 4096);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                printed.write(b, off, len);
            }
        };
        assertEquals(0, run(cutting, "decode", file.toString(), "--all"));
        assertEquals("warning: SHRANK at offset 49152: " + file + " shrank from 116,024 to 49,152 bytes while it was"
                + " read (another program truncated it); reading stopped there and the packets read before are kept;"
                + " packet 424 reached past the new end and was read with zeros from byte 49,152 on\n", err());
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Frame 1: "), text.substring(0, Math.min(200, text.length())));
        assertTrue(text.contains("\nFrame 423: "), "the packets before the cut are all printed");
        assertFalse(text.contains("Frame 425: "), "nothing past the cut");
    }

    @Test
    void aMappingFaultNoReaderTranslatedIsOneLineWithExit74() {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = CaptureProblems.report("replay", new InternalError("a fault occurred in an unsafe memory access"
                + " operation"), new PrintStream(e, true, StandardCharsets.UTF_8));
        assertEquals(74, code);
        assertEquals("multitunnel replay: a capture file shrank while it was read (another program truncated it);"
                + " stopped\n", e.toString(StandardCharsets.UTF_8));
        assertEquals(-1, CaptureProblems.report("replay", new InternalError("other"), new PrintStream(e)));
    }
}

package org.multitunnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code decode -} and {@code analyze -}: a capture on standard input (pcapng, pcap or gzip) reads exactly like the
 * file, is named "standard input" in messages, and its temporary copy is gone afterwards — after success, after a
 * file that is not a capture, and after a read error.
 */
class StandardInputCaptureTest {
    @Test
    void pcapngOnStandardInputDecodesLikeTheFile(@TempDir Path spool) throws Exception {
        CliRun fromFile = CliRun.main("decode", TestCaptures.DEMO.toString(), "--json");
        CliRun fromStdin = CliRun.decode(CliRun.bytes(TestCaptures.read(TestCaptures.DEMO)), spool, "-", "--json");
        assertEquals(0, fromStdin.code(), fromStdin.toString());
        assertEquals(fromFile.out(), fromStdin.out());
        assertEquals(18, fromStdin.lines().size());
        assertEmpty(spool);
    }

    @Test
    void pcapAndGzipOnStandardInputDecodeLikeTheFile(@TempDir Path spool) throws Exception {
        String expected = CliRun.main("decode", TestCaptures.TWO_NODES_PCAP.toString(), "--summary").out();
        byte[] pcap = TestCaptures.read(TestCaptures.TWO_NODES_PCAP);
        assertEquals(expected, CliRun.decode(CliRun.bytes(pcap), spool, "-", "--summary").out());
        assertEquals(expected, CliRun.decode(CliRun.bytes(TestCaptures.gzip(pcap)), spool, "-r", "-", "--summary")
                .out());
        assertTrue(expected.lines().count() > 100, expected);
        assertEmpty(spool);
    }

    @Test
    void notACaptureOnStandardInputIsNamedStandardInputAndLeavesNoTemporaryFile(@TempDir Path spool) {
        CliRun r = CliRun.decode(CliRun.bytes("hello, this is text\n".getBytes(StandardCharsets.US_ASCII)), spool,
                "-");
        assertEquals(65, r.code(), r.toString());
        DecodeTsharkOptionsTest.assertOneLine(r, "multitunnel decode: standard input: not a capture file: unknown "
                + "magic number 0x68656c6c");
        CliRun empty = CliRun.decode(CliRun.bytes(new byte[0]), spool, "-");
        assertEquals(65, empty.code(), empty.toString());
        DecodeTsharkOptionsTest.assertOneLine(empty, "multitunnel decode: standard input: not a capture file: it is "
                + "empty");
        assertEmpty(spool);
    }

    @Test
    void aReadErrorOnStandardInputIsOneLineWithExit74AndLeavesNoTemporaryFile(@TempDir Path spool) throws Exception {
        byte[] demo = TestCaptures.read(TestCaptures.DEMO);
        InputStream broken = new InputStream() { // the demo's first 5000 bytes, then the pipe fails
            private int n;

            @Override
            public int read() throws IOException {
                if (n < 5000) {
                    return demo[n++] & 0xff;
                }
                throw new IOException("Input/output error");
            }
        };
        CliRun r = CliRun.decode(broken, spool, "-");
        assertEquals(74, r.code(), r.toString());
        DecodeTsharkOptionsTest.assertOneLine(r, "multitunnel decode: standard input: Input/output error");
        assertEmpty(spool);
    }

    @Test
    void analyzeReadsStandardInputAndNamesItDash(@TempDir Path spool) throws Exception {
        CliRun r = CliRun.analyze(CliRun.bytes(TestCaptures.read(TestCaptures.DEMO)), spool, "-", "--json", "-");
        assertEquals(0, r.code(), r.toString());
        String fromFile = CliRun.main("analyze", TestCaptures.DEMO.toString(), "--json", "-").out();
        assertEquals(fromFile.replace("\"file\": \"demo-multipath.pcapng\"", "\"file\": \"-\""), r.out());
        assertEmpty(spool);
    }

    @Test
    void theCopyOfStandardInputIsNeverVisibleInItsFolder(@TempDir Path spool) throws Exception {
        byte[] demo = TestCaptures.read(TestCaptures.DEMO);
        List<List<Path>> seen = new java.util.ArrayList<>();
        InputStream watched = new java.io.ByteArrayInputStream(demo) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                if (pos > demo.length / 2 && seen.isEmpty()) {
                    try {
                        seen.add(list(spool)); // half-way through the copy: the spill is already unlinked
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                return super.read(b, off, len);
            }
        };
        CliRun r = CliRun.decode(watched, spool, "-", "--json");
        assertEquals(0, r.code(), r.toString());
        assertEquals(List.of(List.of()), seen, "nothing visible in the spill folder while copying");
        assertEmpty(spool);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static void assertEmpty(Path dir) {
        try {
            assertEquals(List.of(), list(dir), "temporary files left in " + dir);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

package org.multitunnel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.ReadSummary;
import org.multitunnel.capture.ReadWarning;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.MultitunnelFactory;

/**
 * The engine of {@code analyze} and of the GUI's analysis on a capture that another program truncates while it is
 * analysed: before the fix the JVM's fault on the vanished mapped pages ({@code InternalError}) escaped and analyze
 * died with a stack trace. Now the analysis ends at the new end with the packets read and a SHRANK warning.
 */
class TruncatedWhileAnalysedTest {
    private static final int PACKETS = 20_000;
    private static final int RECORD = 16 + 60;
    /** 342 pages: inside record 18,431 (1,400,780..1,400,856), well after the progress callback at 16,384. */
    private static final long CUT = 342 * 4096;

    @TempDir
    Path dir;

    @Test
    void analysisEndsAtTheCutWithTheWarningAndThePacketsBeforeIt() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(24 + PACKETS * RECORD).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4) // pcap µs, version 2.4
                .putInt(0).putInt(0).putInt(65535).putInt(1);        // zone, sigfigs, snaplen, Ethernet
        for (int i = 0; i < PACKETS; i++) {
            b.putInt(1000 + i / 100).putInt(i % 100 * 10_000).putInt(60).putInt(60); // ts, caplen, len
            b.put(new byte[60]);                                                      // zero frame
        }
        Path file = Files.write(dir.resolve("cut.pcap"), b.array());
        CaptureSession session = MultitunnelFactory.eINSTANCE.createCaptureSession();
        ReadSummary s = CaptureAnalyzer.analyze(file, AnalysisOptions.defaults(), new ModelUpdater(session),
                new AnalysisProgress() {
                    @Override
                    public void packets(long seen) { // called at 16,384 packets, while the pass continues
                        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                            ch.truncate(CUT);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
        long whole = (CUT - 24) / RECORD; // 18,431 records end before the cut
        assertEquals(18_431, whole);
        assertTrue(s.packets() == whole || s.packets() == whole + 1, "packets " + s.packets());
        ReadWarning last = s.warnings().get(s.warnings().size() - 1);
        assertEquals(ReadWarning.Kind.SHRANK, last.kind());
        assertEquals(CUT, last.offset());
        assertTrue(last.message().startsWith(file + " shrank from 1,520,024 to 1,400,832 bytes while it was read"),
                last.message());
        assertEquals(s.packets(), session.getPackets(), "the analysis covers the packets read");
    }
}

package org.multitunnel.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.CaptureReader;
import org.multitunnel.capture.ReadSummary;
import org.multitunnel.capture.synth.ScenarioSpec;
import org.multitunnel.capture.synth.ScenarioSynthesizer;

/**
 * The per-chunk half of the parallel analysis allocates, per packet, only what it keeps for the replay: a 4-byte
 * code and, for tunnel and signalling packets, an 8-byte time, in pages of primitive arrays. Measured with HotSpot's
 * per-thread allocation counter after a warm-up; copies of the rare signalling messages fit in the margin.
 */
class ChunkRecorderAllocationTest {
    /** Bytes kept per packet (code + time), the only per-packet storage the recorder may allocate. */
    private static final double KEPT_PER_PACKET = 4 + 8;

    @TempDir
    Path dir;

    private static long allocatedByThisThread() throws Exception {
        Object mx = ManagementFactory.getThreadMXBean();
        Class<?> hotspot = ClassLoader.getSystemClassLoader().loadClass("com.sun.management.ThreadMXBean");
        Method m = hotspot.getMethod("getThreadAllocatedBytes", long.class);
        long bytes = (long) m.invoke(mx, Thread.currentThread().threadId());
        if (bytes < 0) {
            throw new IllegalStateException("thread allocation accounting is disabled in this JVM");
        }
        return bytes;
    }

    @Test
    void recordingAChunkAllocatesOnlyTheReplayRecordsAfterWarmUp() throws Exception {
        Path file = dir.resolve("mixed.pcap");
        ScenarioSynthesizer.writeCapture(ScenarioSpec.demo().withMobileNodes(8).withSeconds(20)
                .withPacketsPerSecond(1000).withTraffic(ScenarioSpec.Traffic.MIXED), file,
                ScenarioSynthesizer.Format.PCAP);
        AtomicLong seen = new AtomicLong();
        ChunkRecorder warm = new ChunkRecorder(AnalysisOptions.defaults(), AnalysisProgress.NONE, seen);
        for (int i = 0; i < 10; i++) { // JIT and every table key seen
            CaptureReader.read(file, warm);
        }
        ChunkRecorder r = warm;
        long packets = 0;
        long before = allocatedByThisThread();
        for (int i = 0; i < 10; i++) {
            ReadSummary s = CaptureReader.read(file, r);
            packets += s.packets();
        }
        long allocated = allocatedByThisThread() - before;
        double perPacket = (double) allocated / packets;
        assertTrue(packets > 150_000, "too few packets measured: " + packets);
        assertTrue(perPacket <= KEPT_PER_PACKET + 1.5, String.format(
                "%.2f bytes allocated per packet (%d bytes over %d packets); only the %.0f kept for the replay"
                        + " are expected", perPacket, allocated, packets, KEPT_PER_PACKET));
    }
}

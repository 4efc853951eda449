package org.multitunnel.capture.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.capture.synth.ScenarioSpec;
import org.multitunnel.capture.synth.ScenarioSynthesizer;

/**
 * Heap allocated by the per-packet accounting path (classification, tunnel, series bucket, inner flow and flow-use
 * lookups), measured with HotSpot's per-thread allocation counter: after a warm-up that has seen every tunnel,
 * bucket and flow once, 200 000 more packets must allocate essentially nothing.
 */
class TunnelAccountingAllocationTest {
    private static final int PACKETS = 200_000;

    @TempDir
    Path dir;

    private static long allocatedByThisThread() throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Class<?> hotspot = ClassLoader.getSystemClassLoader().loadClass("com.sun.management.ThreadMXBean");
        Method m = hotspot.getMethod("getThreadAllocatedBytes", long.class);
        long bytes = (long) m.invoke(mx, Thread.currentThread().threadId());
        if (bytes < 0) {
            throw new IllegalStateException("thread allocation accounting is disabled in this JVM");
        }
        return bytes;
    }

    @Test
    void perPacketAccountingAllocatesNothingAfterWarmUp() throws Exception {
        Path file = dir.resolve("alloc.pcapng");
        ScenarioSynthesizer.writeCapture(ScenarioSpec.demo().withSeconds(20).withPacketsPerSecond(200), file,
                ScenarioSynthesizer.Format.PCAPNG);
        // the capture's frames in one direct buffer, so the measured loop reads like the mapped reader does
        ByteBuffer frames;
        int[] offsets;
        int[] lengths;
        long[] times;
        int linkType;
        try (CaptureFile f = CaptureFile.open(file)) {
            int n = f.packetCount();
            offsets = new int[n];
            lengths = new int[n];
            times = new long[n];
            linkType = f.linkType(0);
            frames = ByteBuffer.allocateDirect((int) f.sizeBytes());
            for (int i = 0; i < n; i++) {
                offsets[i] = frames.position();
                lengths[i] = f.capturedLength(i);
                times[i] = f.timestampNanos(i);
                frames.put(f.packet(i));
            }
        }
        int n = offsets.length;
        assertTrue(n > 3000, "scenario has " + n + " packets");
        TunnelAccounting a = new TunnelAccounting();
        for (int round = 0; round < 20; round++) { // warm-up: every key seen, JIT compiled
            for (int i = 0; i < n; i++) {
                a.accept(linkType, frames, offsets[i], lengths[i], lengths[i], times[i]);
            }
        }
        long before = allocatedByThisThread();
        for (int k = 0; k < PACKETS; k++) {
            int i = k % n;
            a.accept(linkType, frames, offsets[i], lengths[i], lengths[i], times[i]);
        }
        long allocated = allocatedByThisThread() - before;
        TunnelReport r = a.finish();
        assertEquals(20L * n + PACKETS, r.packets());
        assertTrue(allocated < 64 * 1024, allocated + " bytes allocated for " + PACKETS + " packets");
    }
}

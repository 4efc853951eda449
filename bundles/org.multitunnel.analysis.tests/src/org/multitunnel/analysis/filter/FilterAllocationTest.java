package org.multitunnel.analysis.filter;

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
 * Filtering with header fields allocates nothing per frame: after a warm-up, 200 000 frames of a synthesized
 * scenario (IP-in-IP, GRE with keys, minimal encapsulation, RFC 3519 UDP tunnels, registrations) go through a filter
 * over addresses, ports, GRE keys, protocols and frame fields with HotSpot's per-thread allocation counter barely
 * moving — the frame is neither copied nor dissected.
 */
class FilterAllocationTest {
    private static final int FRAMES = 200_000;

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
    void headerFieldFiltersAllocateNothingPerFrame(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("alloc.pcapng");
        ScenarioSynthesizer.writeCapture(ScenarioSpec.demo().withSeconds(10).withPacketsPerSecond(300), file,
                ScenarioSynthesizer.Format.PCAPNG);
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
        FrameMatcher m = DisplayFilter.parse("(ip.addr == 10.1.0.0/16 && udp.port != 434) || gre.key > 0x10 && "
                + "!minenc || tcp.port in {443, 80} || frame.len > 1400 || ipv6 || ipip").matcher();
        FilterFrame frame = new FilterFrame();
        int matched = 0;
        for (int round = 0; round < 15; round++) { // warm-up: JIT compiled, every dispatch value looked up
            for (int i = 0; i < n; i++) {
                frame.set(i + 1, linkType, frames, offsets[i], lengths[i], lengths[i], times[i], times[0],
                        times[Math.max(0, i - 1)]);
                matched += m.matches(frame) ? 1 : 0;
            }
        }
        int dissected = 0;
        long before = allocatedByThisThread();
        for (int k = 0; k < FRAMES; k++) {
            int i = k % n;
            frame.set(i + 1, linkType, frames, offsets[i], lengths[i], lengths[i], times[i], times[0],
                    times[Math.max(0, i - 1)]);
            matched += m.matches(frame) ? 1 : 0;
            dissected += m.lastWithoutDissection() ? 0 : 1;
        }
        long allocated = allocatedByThisThread() - before;
        assertTrue(matched > 0, "the filter matches something");
        assertTrue(dissected == 0, dissected + " frames were dissected");
        assertTrue(allocated < 64 * 1024, allocated + " bytes allocated for " + FRAMES + " frames");
    }
}

package org.multitunnel.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.index.PacketIndex;
import org.multitunnel.capture.write.PcapWriter;
import org.multitunnel.capture.write.PcapngWriter;

/**
 * Measures heap allocated by the reading thread (bytes, not time): a streaming pass must allocate nothing per
 * packet, and indexing must allocate only the index itself ({@value PacketIndex#BYTES_PER_PACKET} bytes per packet).
 */
class NoPerPacketAllocationTest {
    private static final int PACKETS = 200_000;

    @TempDir
    Path dir;

    /** Bytes allocated so far by the current thread (HotSpot's com.sun.management.ThreadMXBean). */
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

    private Path pcapng() throws Exception {
        Path file = dir.resolve("alloc.pcapng");
        try (PcapngWriter w = PcapngWriter.create(file, null, false)) {
            int id = w.addInterface(1, 0, null);
            ByteBuffer data = ByteBuffer.allocate(100);
            for (int i = 0; i < PACKETS; i++) {
                w.write(id, i * 1000L, data.clear(), 100);
            }
        }
        return file;
    }

    private Path pcap() throws Exception {
        Path file = dir.resolve("alloc.pcap");
        try (PcapWriter w = PcapWriter.create(file, 1, 65535, PcapWriter.Precision.NANOSECONDS, false)) {
            ByteBuffer data = ByteBuffer.allocate(100);
            for (int i = 0; i < PACKETS; i++) {
                w.write(i * 1000L, data.clear(), 100);
            }
        }
        return file;
    }

    @Test
    void streamingPassAllocatesNothingPerPacket() throws Exception {
        for (Path file : new Path[] {pcap(), pcapng()}) {
            long[] sum = new long[1];
            PacketVisitor visitor = p -> {
                sum[0] += p.u8(0) + p.capturedLength();
                return true;
            };
            CaptureReader.read(file, visitor); // warm-up: class loading and first-use allocations
            long before = allocatedByThisThread();
            ReadSummary s = CaptureReader.read(file, visitor);
            long allocated = allocatedByThisThread() - before;
            assertEquals(PACKETS, s.packets());
            // fixed cost only (source, mapping, summary): far below one byte per packet
            assertTrue(allocated < 64 * 1024, file.getFileName() + ": " + allocated + " bytes for " + PACKETS);
        }
    }

    @Test
    void indexingAllocatesOnlyTheIndex() throws Exception {
        for (Path file : new Path[] {pcap(), pcapng()}) {
            CaptureFile.open(file).close(); // warm-up
            long before = allocatedByThisThread();
            try (CaptureFile f = CaptureFile.open(file)) {
                long allocated = allocatedByThisThread() - before;
                assertEquals(PACKETS, f.packetCount());
                double perPacket = (double) allocated / PACKETS;
                assertTrue(perPacket < PacketIndex.BYTES_PER_PACKET + 1.5,
                        file.getFileName() + ": " + perPacket + " bytes per packet");
            }
        }
    }
}

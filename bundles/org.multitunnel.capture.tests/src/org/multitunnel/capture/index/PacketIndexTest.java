package org.multitunnel.capture.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class PacketIndexTest {

    @Test
    void recordLayoutIsTwentyEightBytesPerPacket() {
        // offset (long) + timestamp (long) + captured length (int) + original length (int)
        // + interface id (char) + classification bits (short)
        assertEquals(8 + 8 + 4 + 4 + 2 + 2, PacketIndex.BYTES_PER_PACKET);
        assertEquals(28, PacketIndex.BYTES_PER_PACKET);
    }

    @Test
    void allocatedMemoryPerPacketStaysUnderThirtyTwoBytesForAMillionPackets() {
        PacketIndex index = new PacketIndex();
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            index.add(24L + 16L * i, 1_000L * i, 60, 60, 0, i & 0xFFFF);
        }
        long bytes = index.allocatedBytes();
        double perPacket = (double) bytes / n;
        // element storage is exact (28 bytes per slot); the rest is array headers, the page directory and the
        // unused tail of the last page: 1,000,000 packets fill 123 pages of 8192 slots (7,616 slots unused)
        int pages = (n + PacketIndex.PAGE_SIZE - 1) / PacketIndex.PAGE_SIZE;
        assertEquals(123, pages);
        long elements = (long) pages * PacketIndex.PAGE_SIZE * PacketIndex.BYTES_PER_PACKET;
        assertTrue(bytes >= elements && bytes < elements + 64 * 1024, "allocated " + bytes);
        assertTrue(perPacket < 28.3, "bytes per packet " + perPacket);
        assertTrue(perPacket <= 32, "target: at most 32 bytes per indexed packet, got " + perPacket);
    }

    @Test
    void storesEveryFieldIncludingLargeOffsetsAndSixteenBitFields() {
        PacketIndex index = new PacketIndex();
        index.add(5L << 32, Long.MAX_VALUE, Integer.MAX_VALUE, 0, 0xFFFF, 0xFFFF);
        index.add(0, -1L, 0, 1500, 7, 0x8001);
        assertEquals(2, index.size());
        assertEquals(5L << 32, index.fileOffset(0));
        assertEquals(Long.MAX_VALUE, index.timestampNanos(0));
        assertEquals(Integer.MAX_VALUE, index.capturedLength(0));
        assertEquals(0xFFFF, index.interfaceId(0));
        assertEquals(0xFFFF, index.bits(0));
        assertEquals(-1L, index.timestampNanos(1));
        assertEquals(1500, index.originalLength(1));
        assertEquals(7, index.interfaceId(1));
        assertEquals(0x8001, index.bits(1));
    }

    @Test
    void readingBeyondTheIndexedCountFails() {
        PacketIndex index = new PacketIndex();
        index.add(1, 2, 3, 4, 0, 0);
        assertThrows(IndexOutOfBoundsException.class, () -> index.fileOffset(1));
        assertThrows(IndexOutOfBoundsException.class, () -> index.timestampNanos(-1));
    }

    @Test
    void aReaderThreadSeesOnlyCompleteEntriesWhileTheWriterAppends() throws Exception {
        PacketIndex index = new PacketIndex();
        int n = 300_000;
        AtomicReference<String> problem = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            int seen = 0;
            while (seen < n && problem.get() == null) {
                int size = index.size();
                for (int i = seen; i < size; i++) {
                    // every field of entry i was derived from i by the writer
                    if (index.fileOffset(i) != i * 3L || index.timestampNanos(i) != i * 7L
                            || index.capturedLength(i) != (i & 1023) || index.originalLength(i) != i
                            || index.interfaceId(i) != (i & 0xFF) || index.bits(i) != (i & 0xFFFF)) {
                        problem.set("torn entry " + i);
                        return;
                    }
                }
                seen = size;
            }
        });
        reader.start();
        for (int i = 0; i < n; i++) {
            index.add(i * 3L, i * 7L, i & 1023, i, i & 0xFF, i & 0xFFFF);
        }
        reader.join(60_000);
        assertEquals(null, problem.get());
        assertEquals(n, index.size());
    }
}

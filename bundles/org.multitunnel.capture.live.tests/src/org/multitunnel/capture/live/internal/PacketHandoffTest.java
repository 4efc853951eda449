package org.multitunnel.capture.live.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.multitunnel.capture.live.LivePacket;

/** The listener hand-off stays within its packet and byte bounds and counts what it drops. */
class PacketHandoffTest {
    private static LivePacket packet(long n, int size) {
        return new LivePacket(n, 0, 1, size, new byte[size]);
    }

    @Test
    void dropsBeyondThePacketBoundAndCountsThem() throws Exception {
        PacketHandoff h = new PacketHandoff(3, 1 << 20);
        for (int i = 0; i < 5; i++) {
            assertEquals(i < 3, h.offer(packet(i, 10)), "offer " + i);
        }
        assertEquals(2, h.dropped());
        assertEquals(3, h.queuedPackets());
        assertEquals(30, h.queuedBytes());
        assertEquals(0, h.poll(1).number());
        assertEquals(20, h.queuedBytes());
        assertTrue(h.offer(packet(5, 10)));
    }

    @Test
    void dropsBeyondTheByteBoundButAlwaysTakesOnePacket() throws Exception {
        PacketHandoff h = new PacketHandoff(100, 100);
        LivePacket big = packet(0, 500);
        assertTrue(h.offer(big), "an empty queue takes any packet");
        assertFalse(h.offer(packet(1, 1)));
        assertSame(big, h.poll(1));
        assertEquals(0, h.queuedBytes());
        assertTrue(h.offer(packet(2, 60)));
        assertFalse(h.offer(packet(3, 41)));
        assertTrue(h.offer(packet(4, 40)));
        assertEquals(2, h.dropped());
    }

    @Test
    void pollTimesOutWithNull() throws Exception {
        assertNull(new PacketHandoff(1, 1).poll(5));
    }
}

package org.multitunnel.wire.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.dissect.LinkTypes;

/**
 * The classifier's promise to the capture engine: no allocation per packet. Measured with the JVM's per-thread
 * allocation counter over 100 000 calls (after warm-up so the JIT has compiled the path).
 */
class ClassifierAllocationTest {
    @Test
    void classifyingAHundredThousandPacketsAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot count allocations");
        threads.setThreadAllocatedMemoryEnabled(true);
        ByteBuffer[] frames = {Frames.registrationRequest(), Frames.registrationReply(), Frames.greWithKey(),
            Frames.ipInIp(), Frames.minimalEncapsulation(), Frames.udpTunnel()};
        PacketSummary s = new PacketSummary();
        long sink = 0;
        for (int i = 0; i < 200_000; i++) { // warm-up
            ByteBuffer f = frames[i % frames.length];
            sink += PacketClassifier.classify(LinkTypes.ETHERNET, f, 0, f.limit(), s).ordinal() + s.innerDstPort();
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++) {
            ByteBuffer f = frames[i % frames.length];
            sink += PacketClassifier.classify(LinkTypes.ETHERNET, f, 0, f.limit(), s).ordinal() + s.innerDstPort();
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 1024, "100k classify calls allocated " + allocated + " bytes");
        assertEquals(true, sink > 0);
    }
}

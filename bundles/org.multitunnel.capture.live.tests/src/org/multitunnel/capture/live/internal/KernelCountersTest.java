package org.multitunnel.capture.live.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** pcap_stat's 32-bit counters widened to 64 bits across a wrap. */
class KernelCountersTest {
    @Test
    void accumulatesAcrossThe32BitWrap() {
        KernelCounters k = new KernelCounters();
        k.update(0xFFFF_FFF0L, 3, 0);
        assertEquals(0xFFFF_FFF0L, k.received());
        k.update(0x10, 5, 1); // ps_recv wrapped: +0x20
        assertEquals(0x1_0000_0010L, k.received());
        assertEquals(5, k.dropped());
        assertEquals(1, k.interfaceDropped());
    }

    @Test
    void negativeIntsFromASignedReadingAreTakenUnsigned() {
        KernelCounters k = new KernelCounters();
        k.update(-1, 0, 0); // (int) 0xFFFFFFFF widened with sign
        assertEquals(0xFFFF_FFFFL, k.received());
        k.update(1, 0, 0);
        assertEquals(0x1_0000_0001L, k.received());
    }
}

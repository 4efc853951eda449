package org.multitunnel.capture.live.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** DLT values that differ from the LINKTYPE values files must carry. */
class LinkTypesTest {
    @Test
    void rawIpFromTunDevicesBecomesLinktypeRaw() {
        assertEquals(101, LinkTypes.fromDlt(12)); // DLT_RAW
        assertEquals(100, LinkTypes.fromDlt(11)); // DLT_ATM_RFC1483
        assertEquals(1, LinkTypes.fromDlt(1)); // Ethernet unchanged
        assertEquals(113, LinkTypes.fromDlt(113)); // Linux SLL unchanged
        assertEquals(276, LinkTypes.fromDlt(276)); // Linux SLL2 unchanged
    }
}

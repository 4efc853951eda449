package org.multitunnel.capture.live.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** DLT values that differ from the LINKTYPE values files must carry. */
class DltLinkTypesTest {
    @Test
    void rawIpFromTunDevicesBecomesLinktypeRaw() {
        assertEquals(101, DltLinkTypes.fromDlt(12)); // DLT_RAW
        assertEquals(100, DltLinkTypes.fromDlt(11)); // DLT_ATM_RFC1483
        assertEquals(1, DltLinkTypes.fromDlt(1)); // Ethernet unchanged
        assertEquals(113, DltLinkTypes.fromDlt(113)); // Linux SLL unchanged
        assertEquals(276, DltLinkTypes.fromDlt(276)); // Linux SLL2 unchanged
    }
}

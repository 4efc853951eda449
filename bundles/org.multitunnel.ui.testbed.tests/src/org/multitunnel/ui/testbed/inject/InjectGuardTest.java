package org.multitunnel.ui.testbed.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.capture.live.LiveInterface;

/** The guard's decisions and the frame selection and link-layer conversion the Inject part relies on. */
class InjectGuardTest {
    private static final LiveInterface LO = new LiveInterface("lo", "", List.of(InetAddress.getLoopbackAddress()),
            true, true, true);
    private static final LiveInterface ETH = new LiveInterface("eth7", "", List.of(), false, true, true);

    @Test
    void loopbackProceedsWithoutAskingAndKeepsTheGuard() {
        InjectGuard.Decision d = InjectGuard.decide(LO, 5, (n, c) -> {
            throw new AssertionError("asked for loopback");
        });
        assertEquals(new InjectGuard.Decision(true, false, false), d);
    }

    @Test
    void nonLoopbackLiftsTheGuardOnlyWhenConfirmed() {
        assertEquals(new InjectGuard.Decision(false, false, true), InjectGuard.decide(ETH, 5, (n, c) -> false));
        assertEquals(new InjectGuard.Decision(false, false, true), InjectGuard.decide(ETH, 5, null));
        assertEquals(new InjectGuard.Decision(true, true, true), InjectGuard.decide(ETH, 5, (n, c) -> true));
        String q = InjectGuard.question(ETH, 5);
        assertTrue(q.startsWith("Inject 5 packets on eth7?"), q);
    }

    @Test
    void frameRangesAreOneBasedInclusiveWithOpenEnds() {
        BitSet b = FrameRange.parse("2-3, 5, 9-", 10);
        assertEquals("{2, 3, 5, 9, 10}", b.toString());
        assertEquals("{1, 2, 3, 4}", FrameRange.parse("", 4).toString());
        assertEquals("{1, 2}", FrameRange.parse("-2", 4).toString());
        assertThrows(IllegalArgumentException.class, () -> FrameRange.parse("3-2", 4));
        assertThrows(IllegalArgumentException.class, () -> FrameRange.parse("5", 4));
        assertThrows(IllegalArgumentException.class, () -> FrameRange.parse("x", 4));
    }

    @Test
    void rawAndCookedFramesGetAnEthernetHeader() {
        byte[] ip = {0x45, 0, 0, 20}; // start of an IPv4 header
        byte[] eth = InjectFrames.toEthernet(101, ip, InjectFrames.ZERO_MAC, 1);
        assertEquals(18, eth.length);
        assertEquals(0x08, eth[12]); // ethertype 0x0800
        assertEquals(0x00, eth[13]);
        assertEquals(0x45, eth[14]);
        byte[] sll = new byte[16 + 4]; // Linux cooked: protocol at 14
        sll[14] = (byte) 0x86;
        sll[15] = (byte) 0xdd;
        sll[16] = 0x60;
        byte[] e6 = InjectFrames.toEthernet(113, sll, InjectFrames.BROADCAST_MAC, 2);
        assertEquals(18, e6.length);
        assertEquals((byte) 0xff, e6[0], "broadcast destination off loopback");
        assertEquals((byte) 0x86, e6[12]);
        assertEquals((byte) 0xdd, e6[13]);
        assertEquals(0x60, e6[14]);
        byte[] already = {1, 2, 3};
        assertTrue(already == InjectFrames.toEthernet(1, already, InjectFrames.ZERO_MAC, 3));
        assertFalse(assertThrows(IllegalArgumentException.class,
                () -> InjectFrames.toEthernet(147, already, InjectFrames.ZERO_MAC, 4)).getMessage().isEmpty());
    }
}

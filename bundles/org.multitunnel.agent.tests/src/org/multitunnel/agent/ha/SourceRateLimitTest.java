package org.multitunnel.agent.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;
import org.multitunnel.agent.testutil.UdpProbe;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ext.ExtensionTypes;

/** {@code --max-rate-per-source}: one flooding address is cut to its rate, the others are still answered. */
class SourceRateLimitTest extends HaFixture {
    private static final long MS = 1_000_000L;

    @Test
    void eachSourceGetsItsRateWithABurstOfOneSecond() {
        SourceRateLimiter l = new SourceRateLimiter(10);
        int a = 0x7f000001;
        int b = 0x7f000002;
        for (int i = 0; i < 10; i++) {
            assertTrue(l.allow(a, 0), "burst of one second's worth: " + i);
        }
        assertFalse(l.allow(a, 0), "the 11th in the same instant is over the limit");
        assertTrue(l.allow(b, 0), "another source has its own bucket");
        assertFalse(l.allow(a, 99 * MS), "a token every 100 ms");
        assertTrue(l.allow(a, 100 * MS));
        assertFalse(l.allow(a, 100 * MS));
        assertTrue(l.allow(a, 2_000 * MS) && l.allow(a, 2_000 * MS), "idle long enough: bucket full again");
    }

    @Test
    void anIdleSlotIsTakenOverByANewSource() {
        SourceRateLimiter l = new SourceRateLimiter(1);
        // find two sources that share a slot
        int a = 1;
        int b = -1;
        for (int x = 2; b < 0; x++) {
            if (slot(x) == slot(a)) {
                b = x;
            }
        }
        assertTrue(l.allow(a, 0));
        assertFalse(l.allow(b, 0), "colliding while a is busy: they share a's limit");
        assertTrue(l.allow(b, 1_000 * MS), "a idle again: b takes the slot over");
    }

    private static int slot(int source) {
        return (source * 0x9E3779B9) >>> 16;
    }

    @Test
    void aFloodingSourceCannotStarveAnother() throws Exception {
        start(config().maxRatePerSource(20));
        InetSocketAddress to = ha.localAddress();
        int flood = 400;
        long t0 = System.nanoTime();
        try (DatagramSocket flooder = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.3"),
                0)); UdpProbe other = new UdpProbe("127.0.0.4")) {
            for (int i = 0; i < flood; i++) {
                byte[] rq = request("198.51.100.1", 300).homeAddress("10.9." + (i / 250) + "." + (i % 250 + 1))
                        .extension(mp(1).build()).authenticate(ExtensionTypes.MN_HA_AUTH, SA).build().encode();
                flooder.send(new DatagramPacket(rq, rq.length, to));
            }
            for (int i = 1; i <= 5; i++) {
                RegistrationRequest rq = request("198.51.100." + i, 300).extension(mp(i).build())
                        .authenticate(ExtensionTypes.MN_HA_AUTH, SA).build();
                assertEquals(0, other.exchange(rq.encode(), to).code(), "the other source's request " + i);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            int replies = drain(flooder);
            long allowed = 20 + (long) Math.ceil(20 * seconds);
            assertTrue(replies <= allowed, replies + " replies to the flood in " + seconds + " s, at most " + allowed);
            assertTrue(replies >= 20, "the flooder still gets its own rate: " + replies);
            assertEquals(flood - replies, ha.rateLimitedCount(), "the rest was dropped unanswered");
        }
    }

    private static int drain(DatagramSocket s) throws Exception {
        s.setSoTimeout(300);
        int n = 0;
        try {
            while (true) {
                s.receive(new DatagramPacket(new byte[2048], 2048));
                n++;
            }
        } catch (SocketTimeoutException e) {
            return n;
        }
    }
}

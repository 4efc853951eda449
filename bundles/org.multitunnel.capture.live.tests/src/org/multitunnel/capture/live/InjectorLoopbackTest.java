package org.multitunnel.capture.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.CaptureFile;

/**
 * Raw injection on the loopback interface: crafted Ethernet/IPv4/UDP frames to 127.0.0.1 are seen, byte for byte,
 * by a concurrent live capture; the rate limit holds its lower bound; non-loopback interfaces are refused without
 * the explicit flag. Frames only ever go to 127.0.0.1. No socket receives them: frames injected below the stack
 * arrive without a route, and Linux counts 127/8 received that way as martian (in_martian_dst in
 * /proc/net/stat/rt_cache) unless lo has route_localnet=1, a sysctl tests must not change.
 */
class InjectorLoopbackTest {
    private static final InetAddress LOCALHOST = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;
    private DatagramSocket receiver; // reserves the port
    private int port;

    @BeforeEach
    void openPort() throws IOException {
        receiver = new DatagramSocket(new InetSocketAddress(LOCALHOST, 0));
        port = receiver.getLocalPort();
    }

    @AfterEach
    void closePort() {
        receiver.close();
    }

    private List<byte[]> frames(int n) {
        List<byte[]> f = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            f.add(Loopback.udpFrame(port, port, Loopback.ascii("mt-inject-" + i + "-port-" + port)));
        }
        return f;
    }

    @Test
    void injectedFramesAreSeenByAConcurrentCaptureAndReachTheSocket() throws Exception {
        int n = 30;
        List<byte[]> frames = frames(n);
        List<LivePacket> seen = new CopyOnWriteArrayList<>();
        LiveCaptureOptions o = LiveCaptureOptions.of(Loopback.LO, dir.resolve("inject.pcapng"))
                .withFilter("udp port " + port);
        LiveCapture capture = LiveCapture.start(o, seen::add);
        InjectionResult r;
        try (Injector inj = Injector.open(Loopback.LO, false)) {
            assertTrue(inj.isLoopback());
            r = inj.send(frames, n, 1000);
            assertEquals(n, inj.sent());
            assertEquals(0, inj.failed());
            Loopback.await(10_000, () -> seen.size() >= n, n + " injected frames captured");
            Thread.sleep(300); // an extra copy would show up here
        } finally {
            capture.stop();
        }
        assertEquals(n, r.sent());
        assertEquals(0, r.failed());
        assertNull(r.firstError());
        assertFalse(r.cancelled());
        assertEquals(n, seen.size(), "each injected frame captured exactly once");
        for (int i = 0; i < n; i++) {
            assertArrayEquals(frames.get(i), seen.get(i).data(), "captured frame " + i + " is the injected one");
        }
        try (CaptureFile f = CaptureFile.open(capture.file())) {
            assertEquals(n, f.packetCount());
        }
    }

    @Test
    void rateLimitMakesNPacketsAtRTakeAtLeastNMinusOneOverR() throws Exception {
        int n = 21;
        double rate = 100;
        try (Injector inj = Injector.open(Loopback.LO, false)) {
            long t0 = System.nanoTime();
            InjectionResult r = inj.send(frames(1), n, rate);
            long elapsed = System.nanoTime() - t0;
            assertEquals(n, r.sent());
            assertEquals(0, r.failed());
            long lowerBound = (long) ((n - 1) / rate * 1e9); // 200 ms
            assertTrue(elapsed >= lowerBound, "took " + elapsed + " ns, at least " + lowerBound + " expected");
            assertTrue(r.elapsedNanos() >= lowerBound, "reported " + r.elapsedNanos() + " ns");
            assertTrue(r.packetsPerSecond() <= rate * n / (n - 1) + 1e-9, "rate " + r.packetsPerSecond());
        }
    }

    @Test
    void refusesANonLoopbackInterfaceWithoutTheExplicitFlag() throws Exception {
        LiveInterface other = Interfaces.list().stream().filter(i -> !i.loopback()).findFirst()
                .orElseThrow(() -> new AssertionError("libpcap lists no non-loopback interface (Linux has 'any')"));
        LiveCaptureException e = assertThrows(LiveCaptureException.class, () -> Injector.open(other.name(), false));
        assertEquals(LiveCaptureException.Reason.NOT_LOOPBACK, e.reason());
        assertTrue(e.getMessage().contains(other.name()) && e.getMessage().contains("allowNonLoopback"),
                e.getMessage());
    }

    @Test
    void unknownInterfaceIsATypedError() {
        LiveCaptureException e = assertThrows(LiveCaptureException.class, () -> Injector.open("mtnosuch0", true));
        assertEquals(LiveCaptureException.Reason.NO_SUCH_INTERFACE, e.reason());
    }

    @Test
    void framesTheKernelRefusesAreCountedAsFailedWithLibpcapsMessage() throws Exception {
        byte[] tooLong = Loopback.udpFrame(port, port, new byte[70_000 - 42]); // over lo's 65536-byte MTU
        byte[] fine = frames(1).get(0);
        try (Injector inj = Injector.open(Loopback.LO, false)) {
            InjectionResult r = inj.send(List.of(tooLong, fine), 4, 0);
            assertEquals(2, r.sent());
            assertEquals(2, r.failed());
            assertTrue(r.firstError() != null && !r.firstError().isBlank(), String.valueOf(r.firstError()));
            assertEquals(2, inj.failed());
        }
    }

    @Test
    void zeroCountSendsNothingAndEmptyFramesAreRejected() throws Exception {
        try (Injector inj = Injector.open(Loopback.LO, false)) {
            InjectionResult r = inj.send(frames(1), 0, 10);
            assertEquals(0, r.sent());
            assertFalse(r.cancelled());
            assertThrows(IllegalArgumentException.class, () -> inj.send(List.of(), 1, 0));
            assertThrows(IllegalArgumentException.class, () -> inj.send(frames(1), -1, 0));
        }
    }
}

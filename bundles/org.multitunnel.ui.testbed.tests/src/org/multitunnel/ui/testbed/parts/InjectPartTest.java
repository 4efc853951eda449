package org.multitunnel.ui.testbed.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.agent.client.ExchangeLog;
import org.multitunnel.agent.client.ExchangedPacket;
import org.multitunnel.capture.live.LiveCapture;
import org.multitunnel.capture.live.LiveCaptureOptions;
import org.multitunnel.capture.live.LiveInterface;
import org.multitunnel.capture.live.LivePacket;
import org.multitunnel.ui.testbed.ComposedMessage;

/**
 * The Inject part on lo: N injected frames (the composer's message wrapped in IPv4/UDP, or frames picked from a
 * raw-IP capture) are seen exactly N times by the project's LiveCapture on lo. A non-loopback interface is never
 * opened without the confirmation, which names the interface and the count. Every frame here is addressed to
 * 127.0.0.1; the non-loopback case uses an interface that does not exist, so nothing can leave the host.
 */
class InjectPartTest {
    private static final InetAddress LOCALHOST = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    private record Asked(String name, long count) {
    }

    private static InjectPart part(PartHarness h) throws Exception {
        InjectPart part = h.make(InjectPart.class);
        part.loadInterfaces().join();
        h.drain();
        part.selectInterface("lo");
        return part;
    }

    /** Captures UDP to {@code port} on lo while {@code inject} runs; returns what was seen after it settled. */
    private List<LivePacket> captureWhile(PartHarness h, int port, int expected, Runnable inject) throws Exception {
        List<LivePacket> seen = new CopyOnWriteArrayList<>();
        LiveCapture capture = LiveCapture.start(LiveCaptureOptions.of("lo", dir.resolve("lo-" + port + ".pcapng"))
                .withFilter("udp and dst port " + port), seen::add);
        try {
            inject.run();
            h.await(15_000, () -> seen.size() >= expected, expected + " frames on lo");
            Thread.sleep(300); // an extra frame would show up here
        } finally {
            capture.stop();
        }
        return seen;
    }

    @Test
    void composerMessageInjectedOnLoopbackNTimesIsSeenNTimes() throws Exception {
        int n = 7;
        byte[] payload = "mt-inject-part-test".getBytes(StandardCharsets.US_ASCII);
        List<Asked> asked = new ArrayList<>();
        try (DatagramSocket reserved = new DatagramSocket(new InetSocketAddress(LOCALHOST, 0));
                PartHarness h = new PartHarness(dir, List.of())) {
            int port = reserved.getLocalPort();
            h.session.setMessageSource(() -> new ComposedMessage(payload, "test message", null));
            InjectPart part = part(h);
            part.setConfirmation((name, count) -> asked.add(new Asked(name, count)));
            part.setComposerMessage("127.0.0.1:" + port);
            part.setRateAndCount(200, n);
            List<LivePacket> seen = captureWhile(h, port, n, () -> assertNotNull(part.inject(), part.statusText()));
            h.await(10_000, () -> part.job() == null && part.lastResult() != null, "the inject job");
            assertEquals(n, seen.size(), "each injected frame captured once");
            assertEquals(n, part.lastResult().sent());
            assertEquals(0, part.lastResult().failed());
            assertTrue(asked.isEmpty(), "loopback needs no confirmation");
            assertTrue(part.statusText().startsWith(n + " sent on lo"), part.statusText());
            byte[] f = seen.get(0).data();
            String text = new String(f, f.length - payload.length, payload.length, StandardCharsets.US_ASCII);
            assertEquals("mt-inject-part-test", text, "the UDP payload is the composer's message");
        }
    }

    @Test
    void framesPickedFromARawIpCaptureAreSentWithAnEthernetHeader() throws Exception {
        try (DatagramSocket reserved = new DatagramSocket(new InetSocketAddress(LOCALHOST, 0));
                PartHarness h = new PartHarness(dir, List.of())) {
            int port = reserved.getLocalPort();
            Path capture = dir.resolve("raw.pcapng"); // link type 101, 5 datagrams 127.0.0.1 → port
            ExchangeLog log = new ExchangeLog();
            for (int i = 1; i <= 5; i++) {
                log.add(new ExchangedPacket(i * 1_000_000L, true, new InetSocketAddress(LOCALHOST, 40000 + i),
                        new InetSocketAddress(LOCALHOST, port), ("frame-" + i).getBytes(StandardCharsets.US_ASCII)),
                        null);
            }
            log.writePcapng(capture, "inject test");
            InjectPart part = part(h);
            part.setCapture(capture, "2-3, 5");
            part.setRateAndCount(0, 3);
            List<LivePacket> seen = captureWhile(h, port, 3, () -> assertNotNull(part.inject(), part.statusText()));
            h.await(10_000, () -> part.job() == null, "the inject job");
            assertEquals(3, seen.size());
            List<Integer> sourcePorts = new ArrayList<>();
            for (LivePacket p : seen) {
                byte[] f = p.data();
                assertEquals(0x0800, ((f[12] & 0xff) << 8) | (f[13] & 0xff), "Ethernet type IPv4");
                sourcePorts.add(((f[34] & 0xff) << 8) | (f[35] & 0xff));
            }
            assertEquals(List.of(40002, 40003, 40005), sourcePorts, "frames 2, 3 and 5 in capture order");
        }
    }

    @Test
    void nonLoopbackInterfaceIsOpenedOnlyAfterConfirmation() throws Exception {
        LiveInterface lo = new LiveInterface("lo", "", List.of(LOCALHOST), true, true, true);
        // a documentation address (RFC 5737) on an interface that does not exist: nothing can be sent
        LiveInterface real = new LiveInterface("mtnosuch0", "", List.of(InetAddress.getByName("192.0.2.77")), false,
                true, true);
        List<Asked> asked = new ArrayList<>();
        try (PartHarness h = new PartHarness(dir, List.of())) {
            h.session.setMessageSource(() -> new ComposedMessage(new byte[] {1, 2, 3}, "x", null));
            InjectPart part = h.make(InjectPart.class);
            part.loadInterfaces().join();
            h.drain();
            part.setInterfaces(List.of(lo, real));
            part.selectInterface("mtnosuch0");
            part.setComposerMessage("127.0.0.1:9");
            part.setRateAndCount(10, 4);

            part.setConfirmation((name, count) -> asked.add(new Asked(name, count)) && false);
            assertNull(part.inject(), "declined: no job");
            assertEquals(List.of(new Asked("mtnosuch0", 4)), asked, "the question names the interface and count");
            assertTrue(part.statusText().contains("not confirmed"), part.statusText());

            part.setConfirmation((name, count) -> asked.add(new Asked(name, count)));
            assertNotNull(part.inject(), "confirmed: the job runs");
            h.await(10_000, () -> part.job() == null, "the inject job");
            assertEquals(2, asked.size());
            // the guard was lifted, so the injector got as far as looking the interface up
            assertTrue(part.statusText().contains("No such network interface: mtnosuch0"), part.statusText());
            assertNull(part.lastResult(), "nothing was sent");
        }
    }
}

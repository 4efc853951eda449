package org.multitunnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.multitunnel.agent.load.LoadGenerator;
import org.multitunnel.agent.load.LoadSettings;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.mip.auth.SecurityAssociation;

/**
 * {@code agent ha --status} at shutdown with a big table in a small heap: the issue saw an OutOfMemoryError at
 * -Xmx24m with 30,000 bindings. The agent runs in a child JVM with that heap; a load registers 30,000 nodes;
 * SIGTERM must then print the whole table.
 */
class AgentStatusMemoryTest {
    private static final String KEY_HEX = "00112233445566778899aabbccddeeff";
    private static final int NODES = 30_000;

    @Test
    void theStatusOf30000BindingsIsPrintedOnShutdownIn24Megabytes() throws Exception {
        List<String> cmd = new ArrayList<>(LabAgentLauncher.command());
        cmd.add(1, "-Xmx24m");
        cmd.addAll(List.of("agent", "ha", "--listen", "127.0.0.1:0", "--key", "256:" + KEY_HEX, "--status",
                "--max-lifetime", "600"));
        Process p = new ProcessBuilder(cmd).start();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread o = pump(p.getInputStream(), stdout);
        Thread e = pump(p.getErrorStream(), stderr);
        try {
            InetSocketAddress ha = awaitListening(stderr);
            CountDownLatch registered = new CountDownLatch(1);
            LoadGenerator[] g = new LoadGenerator[1];
            g[0] = new LoadGenerator(LoadSettings.builder().target(ha).nodes(NODES).bids(1).rate(12_000).duration(30)
                    .lifetime(600).key(SecurityAssociation.hmacMd5(256, Hex.decode(KEY_HEX))).build(), s -> {
                        if (s.bindings() == NODES) {
                            registered.countDown();
                            g[0].stop();
                            g[0].stop(); // abandon: no de-registration, the table stays full
                        }
                    });
            Thread load = Thread.ofPlatform().start(() -> {
                try {
                    g[0].run();
                } catch (Exception x) {
                    throw new IllegalStateException(x);
                }
            });
            assertTrue(registered.await(60, TimeUnit.SECONDS), "30,000 bindings registered; agent said: " + stderr);
            load.join(10_000);
            // SIGTERM through the handle: Process.destroy() would also close our ends of its pipes
            p.toHandle().destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the agent stops");
            o.join(5_000);
            e.join(5_000);
        } finally {
            p.destroyForcibly();
        }
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertFalse(err.contains("OutOfMemoryError"), err);
        String json = stdout.toString(StandardCharsets.UTF_8).trim();
        assertTrue(json.startsWith("{\"agent\":\"ha\",") && json.endsWith("]}"), "one whole JSON object; stderr: "
                + err + " stdout ends " + json.substring(Math.max(0, json.length() - 200)));
        assertEquals(NODES, count(json, "\"homeAddress\":"), "every binding listed");
        assertEquals(1, json.lines().count(), "one line");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static InetSocketAddress awaitListening(ByteArrayOutputStream err) throws InterruptedException {
        Pattern pat = Pattern.compile("listening on (127\\.0\\.0\\.1):(\\d+)");
        for (int i = 0; i < 500; i++) {
            Matcher m;
            synchronized (err) {
                m = pat.matcher(err.toString(StandardCharsets.UTF_8));
            }
            if (m.find()) {
                return new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("agent did not start: " + err);
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream to) {
        return Thread.ofPlatform().daemon().start(() -> {
            byte[] b = new byte[65536];
            try {
                for (int n = in.read(b); n >= 0; n = in.read(b)) {
                    synchronized (to) {
                        to.write(b, 0, n);
                    }
                }
            } catch (java.io.IOException x) {
                // process gone
            }
        });
    }
}

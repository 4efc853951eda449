package org.multitunnel.ui.testbed.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.agent.ha.HomeAgent;
import org.multitunnel.agent.ha.HomeAgentConfig;
import org.multitunnel.agent.load.LoadReport;
import org.multitunnel.agent.load.LoadReportJson;
import org.multitunnel.agent.load.LoadSecond;
import org.multitunnel.ui.prefs.KeyEntry;
import org.multitunnel.ui.prefs.KeyStore;

/**
 * The Testbed's Load part, made the way the workbench makes it (injection on a plain shell): it opens a report of
 * {@code multitunnel load --report} and plots its seconds, refuses a file that is not one with a message, and runs
 * a short load against a reference home agent on loopback, live, to the same verdict as the command line.
 */
class LoadPartTest {
    private static final long SPI = 0x3000;

    @TempDir
    Path dir;

    private final Display display = Display.getDefault();
    private final Shell shell = new Shell(display);

    @AfterEach
    void close() {
        shell.dispose();
    }

    private LoadPart part(byte[] key) throws Exception {
        shell.setLayout(new FillLayout());
        shell.setSize(1100, 750);
        KeyStore store = KeyStore.open(dir.resolve("keys.secure_storage"), dir.resolve("keys.password"));
        store.save(List.of(new KeyEntry(SPI, null, "hmac-md5", HexFormat.of().formatHex(key))));
        IEclipseContext context = EclipseContextFactory.create("load part test");
        context.set(KeyStore.class, store);
        context.set(Composite.class, new Composite(shell, SWT.NONE));
        LoadPart p = ContextInjectionFactory.make(LoadPart.class, context);
        shell.layout(true, true);
        shell.open();
        return p;
    }

    private void await(long millis, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + millis + " ms waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                Thread.sleep(5);
            }
        }
        while (display.readAndDispatch()) {
            // let the last repaint run
        }
    }

    private static LoadReport report() {
        Map<Integer, Long> codes = new LinkedHashMap<>();
        codes.put(0, 2990L);
        codes.put(130, 10L);
        return new LoadReport(new LoadReport.Settings("127.0.0.1:4434", 250, 4, 1000, 2.0, 30, 0.8, false, false,
                "timestamps", List.of("127.0.1.1"), SPI, 1000, 3), 1_700_000_000.0, 3.2,
                new LoadReport.Totals(3000, 3000, 0, 3000, 2990, 10, 0, 0, 0, 0, 0, 0, 0, 990, 937.5, 937.5), codes,
                new LoadReport.Latency(0.2, 0.4, 1.5, 2.0, 2.5),
                List.of(new LoadReport.Phase("register", 0, 1.0), new LoadReport.Phase("sustain", 1.0, 2.0),
                        new LoadReport.Phase("deregister", 2.0, 3.2)),
                List.of(new LoadSecond(0, 1000, 1000, 995, 5, 0, 0, 0, 0, 995, 0.2, 0.3, 1.2, 2.0),
                        new LoadSecond(1, 1000, 1000, 995, 5, 0, 0, 0, 0, 990, 0.2, 0.4, 1.5, 2.5),
                        new LoadSecond(2, 1000, 1000, 1000, 0, 0, 0, 0, 0, 0, 0.1, 0.2, 0.9, 1.0)),
                List.of());
    }

    @Test
    void opensAReportAndPlotsEverySecond() throws Exception {
        LoadPart p = part(new byte[16]);
        Path file = dir.resolve("load.json");
        Files.writeString(file, LoadReportJson.write(report()));
        p.open(file);
        await(5_000, () -> p.charts().answeredPoints() == 3, "three seconds plotted");
        assertEquals(1000, p.charts().answeredAt(1), 0);
        assertEquals(3, p.charts().latencyPoints());
        assertTrue(p.statusText().contains("10 requests rejected"), p.statusText());
        assertTrue(p.statusText().contains("130 ×10"), p.statusText());
        assertEquals(3, p.charts().rate().getXYPlot().getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND).size(),
                "a marker per phase");
    }

    @Test
    void aFileThatIsNotAReportGetsAMessageAndTheChartsStay() throws Exception {
        LoadPart p = part(new byte[16]);
        Path file = dir.resolve("load.json");
        Files.writeString(file, LoadReportJson.write(report()));
        p.open(file);
        Path other = dir.resolve("status.json");
        Files.writeString(other, "{\"agent\":\"ha\",\"bindings\":[]}");
        p.open(other);
        await(2_000, () -> p.statusText().startsWith("Cannot open status.json: not a load report"), "the message");
        assertEquals(3, p.charts().answeredPoints());
    }

    @Test
    void runsALoadAgainstAReferenceAgentLive() throws Exception {
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        try (HomeAgent ha = HomeAgent.start(HomeAgentConfig.builder().listen(new InetSocketAddress("127.0.0.1", 0))
                .key((int) SPI, key).build())) {
            LoadPart p = part(key);
            p.setFields("127.0.0.1:" + ha.localAddress().getPort(), "40", "2", "400", "1.5");
            assertTrue(p.run(), p.statusText());
            await(20_000, () -> p.model().report() != null, "the load to finish");
            LoadReport r = p.model().report();
            assertNotNull(r);
            assertEquals(0, r.exitCode(), r.verdict());
            assertEquals(80, r.totals().peakBindings());
            await(2_000, () -> p.charts().answeredPoints() == r.series().size(), "every second plotted");
            assertTrue(p.statusText().contains("answered and accepted"), p.statusText());
            assertFalse(p.statusText().contains(HexFormat.of().formatHex(key)), "never the key");
            assertEquals(0, ha.bindingCount(), "de-registered at the end");
        }
    }

    @Test
    void badFieldsAreNamedAndNothingStarts() throws Exception {
        LoadPart p = part(new byte[16]);
        p.setFields("192.0.2.1:434", "10", "1", "100", "1");
        assertFalse(p.run());
        assertTrue(p.statusText().contains("I own this target") || p.statusText().contains("--i-own-this-target"),
                p.statusText());
        p.setFields("127.0.0.1:4434", "ten", "1", "100", "1");
        assertFalse(p.run());
        assertEquals("Nodes: a whole number, not 'ten'", p.statusText());
        assertFalse(p.model().running());
    }
}

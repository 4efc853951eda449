package org.multitunnel.ui.decodeas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.ui.internal.workbench.swt.E4Application;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.commands.MBindingTable;
import org.eclipse.e4.ui.model.application.commands.MKeyBinding;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.model.application.ui.menu.MHandledMenuItem;
import org.eclipse.e4.ui.model.application.ui.menu.MMenu;
import org.eclipse.e4.ui.model.application.ui.menu.MMenuElement;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.capture.synth.MipPortMover;
import org.multitunnel.capture.write.PcapngWriter;
import org.multitunnel.ui.ProductLaunch;
import org.multitunnel.ui.packets.PacketRowFormatter;
import org.multitunnel.ui.prefs.UiPreferences;
import org.multitunnel.ui.session.CaptureSessionService;
import org.multitunnel.ui.session.OpenCapture;
import org.osgi.service.prefs.Preferences;

/**
 * Analyze > Decode As... in the real workbench: the demo capture with its Mobile IP moved to UDP 4435 (a pcap, so
 * nothing in the file names the port) opens as plain UDP; the Decode As command shows the stored ports (434, 4434)
 * as rows, a row 4435 added and OK store the setting in the preferences (the same list Window > Preferences shows)
 * and re-analyse the open capture, which then has the demo's mobile nodes and Mobile IP rows; the dialog opened
 * again shows the stored rows. Then a pcapng that records its own port (5434) opens decoded with that setting.
 */
class DecodeAsDialogTest {
    private static final Path DEMO = Path.of("../../test-captures/demo-multipath.pcapng");

    @TempDir
    Path dir;

    private final Map<String, Object> seen = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private CaptureSessionService service;
    private OpenCapture first;

    @Test
    void decodeAsRowsArePersistedAndReanalyseTheOpenCapture() throws Exception {
        assertTrue(Files.isRegularFile(DEMO), "the demo capture is missing: " + DEMO.toAbsolutePath());
        Path moved = dir.resolve("demo-4435.pcap");
        MipPortMover.move(DEMO, moved, 4435);
        Path recorded = dir.resolve("demo-5434.pcapng");
        recordedCopy(DEMO, recorded, 5434);

        Preferences node = UiPreferences.instanceNode();
        String stored = node.get(UiPreferences.Keys.MIP_PORTS, null);
        UiPreferences.load().setMipPorts(List.of(434, 4434)).store();
        try {
            Display display = Display.getDefault();
            display.timerExec(240_000, () -> close(display, "watchdog: the test did not finish; " + state(display)));
            // opened by the service rather than as a launch argument: this may not be the JVM's first workbench
            await(display, () -> serviceUp(display), () -> service.open(moved));
            await(display, () -> opened(display, moved), () -> {
                seen.put("nodesBefore", first.session().getMobileNodes().size());
                seen.put("protocolBefore",
                        new PacketRowFormatter(first.mipConfig()).format(first.file(), 0).protocol());
                menuAndKey(display);
                driveDialogWhenShown(display, 0);
                MWindow window = window(display);
                ECommandService commands = window.getContext().get(ECommandService.class);
                EHandlerService handlers = window.getContext().get(EHandlerService.class);
                ParameterizedCommand decodeAs = commands.createCommand("org.multitunnel.ui.command.decodeas", null);
                seen.put("canExecute", handlers.canExecute(decodeAs));
                handlers.executeHandler(decodeAs); // returns once the dialog was closed with OK
                seen.put("storedPorts", UiPreferences.load().mipPorts());
                seen.put("preferencesField", UiPreferences.formatPorts(UiPreferences.load().mipPorts()));
                await(display, () -> reanalysed(moved), () -> {
                    OpenCapture c = service.current();
                    seen.put("nodesAfter", c.session().getMobileNodes().size());
                    seen.put("protocolAfter", new PacketRowFormatter(c.mipConfig()).format(c.file(), 0).protocol());
                    seen.put("portsAfter", c.mipConfig().ports().list());
                    DecodeAsDialog again = new DecodeAsDialog(mainShell(display), UiPreferences.load().mipPorts(),
                            DecodeAsApply.recordedBy(c));
                    again.setBlockOnOpen(false);
                    again.open();
                    seen.put("rowsReopened", again.rows());
                    again.close();
                    service.open(recorded);
                    await(display, () -> analysedFile(recorded), () -> {
                        OpenCapture r = service.current();
                        seen.put("recordedNodes", r.session().getMobileNodes().size());
                        seen.put("recordedProtocol",
                                new PacketRowFormatter(r.mipConfig()).format(r.file(), 0).protocol());
                        seen.put("recordedBy", DecodeAsApply.recordedBy(r));
                        seen.put("recordedSetting", r.mipConfig().ports().contains(5434));
                        close(display, null);
                    });
                });
            });
            new E4Application().start(new ProductLaunch("-clearPersistedState"));
        } finally {
            if (stored == null) {
                node.remove(UiPreferences.Keys.MIP_PORTS);
            } else {
                node.put(UiPreferences.Keys.MIP_PORTS, stored);
            }
            node.flush();
        }

        assertTrue(problems.isEmpty(), problems + " " + seen);
        int demoNodes = 3; // test-captures/demo-multipath.expected.json: mobile nodes 10.1.0.1-3
        assertEquals(0, seen.get("nodesBefore"), "UDP 4435 is not Mobile IP by default");
        assertEquals("UDP", seen.get("protocolBefore"));
        assertEquals("&Analyze", seen.get("menu"), seen.toString());
        assertEquals(List.of("&File", "&Capture", "&Analyze", "&Window", "&Help"), seen.get("mainMenu"));
        assertEquals("&Decode As...", seen.get("menuItem"));
        assertEquals("M1+M2+U", seen.get("keyBinding"));
        assertEquals(Boolean.TRUE, seen.get("canExecute"));
        assertEquals(List.of("434", "4434"), seen.get("rowsShown"), "the stored setting as rows");
        assertEquals(Boolean.TRUE, seen.get("okDisabledForBadRow"));
        assertTrue(String.valueOf(seen.get("badRowProblem")).startsWith("row 3: 'x4435' is not a UDP port"),
                String.valueOf(seen.get("badRowProblem")));
        assertEquals(List.of(434, 4434, 4435), seen.get("storedPorts"), "persisted in the preferences");
        assertEquals("434, 4434, 4435", seen.get("preferencesField"), "Window > Preferences shows the same list");
        assertEquals(demoNodes, seen.get("nodesAfter"), "re-analysed with 4435");
        assertEquals("MIPv4", seen.get("protocolAfter"));
        assertEquals(List.of(434, 4434, 4435), seen.get("portsAfter"));
        assertEquals(List.of("434", "4434", "4435"), seen.get("rowsReopened"));
        assertEquals(demoNodes, seen.get("recordedNodes"), "a file recording its port decodes without a row");
        assertEquals("MIPv4", seen.get("recordedProtocol"));
        assertEquals(List.of(5434), seen.get("recordedBy"));
        assertEquals(Boolean.FALSE, seen.get("recordedSetting"), "the setting itself stays as stored");
    }

    /** Once the dialog's shell is up: check its rows, try a bad row, fix it to 4435 and press OK. */
    private void driveDialogWhenShown(Display display, int attempt) {
        display.timerExec(100, () -> {
            DecodeAsDialog dialog = null;
            for (Shell s : display.getShells()) {
                if (!s.isDisposed() && s.getData() instanceof DecodeAsDialog d) {
                    dialog = d;
                }
            }
            if (dialog == null) {
                if (attempt < 100) {
                    driveDialogWhenShown(display, attempt + 1);
                } else {
                    problems.add("the Decode As dialog did not open");
                }
                return;
            }
            seen.put("rowsShown", dialog.rows());
            int row = dialog.addRow("x4435");
            seen.put("badRowProblem", dialog.problem());
            seen.put("okDisabledForBadRow", !dialog.okEnabled());
            dialog.setValue(row, "4435");
            dialog.pressOk();
        });
    }

    private void menuAndKey(Display display) {
        MWindow window = window(display);
        MApplication app = window.getContext().get(MApplication.class);
        MHandledMenuItem item = (MHandledMenuItem) find(window.getMainMenu(), "org.multitunnel.ui.menuitem.decodeas");
        seen.put("menuItem", item == null ? null : item.getLabel());
        Object parent = item == null ? null : item.getParent();
        seen.put("menu", parent instanceof MMenu m ? m.getLabel() : null);
        List<String> topLevel = new ArrayList<>();
        for (MMenuElement e : window.getMainMenu().getChildren()) {
            topLevel.add(e.getLabel());
        }
        seen.put("mainMenu", topLevel);
        for (MBindingTable table : app.getBindingTables()) {
            for (MKeyBinding b : table.getBindings()) {
                if ("org.multitunnel.ui.keybinding.decodeas".equals(b.getElementId())) {
                    seen.put("keyBinding", b.getKeySequence());
                }
            }
        }
    }

    private static MMenuElement find(MMenu menu, String id) {
        for (MMenuElement e : menu.getChildren()) {
            if (id.equals(e.getElementId())) {
                return e;
            }
            if (e instanceof MMenu sub) {
                MMenuElement found = find(sub, id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private boolean serviceUp(Display display) {
        MWindow w = window(display);
        service = w == null ? null : w.getContext().get(CaptureSessionService.class);
        return service != null;
    }

    private boolean opened(Display display, Path file) {
        MWindow w = window(display);
        if (w == null) {
            return false;
        }
        service = w.getContext().get(CaptureSessionService.class);
        OpenCapture c = service == null ? null : service.current();
        if (c != null && c.path().equals(file.toAbsolutePath()) && c.analysisDone() && c.indexingDone()) {
            first = c;
            return true;
        }
        return false;
    }

    private boolean reanalysed(Path file) {
        OpenCapture c = service.current();
        return c != null && c != first && c.path().equals(file.toAbsolutePath()) && c.analysisDone()
                && c.indexingDone();
    }

    private boolean analysedFile(Path file) {
        OpenCapture c = service.current();
        return c != null && c.path().equals(file) && c.analysisDone() && c.indexingDone();
    }

    /** Runs {@code then} on the UI thread once {@code condition} holds (polled every 100 ms). */
    private void await(Display display, BooleanSupplier condition, Runnable then) {
        display.timerExec(100, () -> {
            try {
                if (condition.getAsBoolean()) {
                    then.run();
                } else {
                    await(display, condition, then);
                }
            } catch (RuntimeException | AssertionError e) {
                problems.add("step failed: " + e);
                close(display, null);
            }
        });
    }

    /** What the workbench shows, for the watchdog's message. */
    private String state(Display display) {
        StringBuilder b = new StringBuilder("shells:");
        for (Shell s : display.getShells()) {
            b.append(" '").append(s.getText()).append("'").append(s.getData("modelElement") != null ? "(model)" : "");
        }
        OpenCapture c = service == null ? null : service.current();
        b.append("; service ").append(service != null).append("; current ")
                .append(c == null ? "none" : c.path() + " " + c.statusText());
        return b.toString();
    }

    private static Shell mainShell(Display display) {
        for (Shell s : display.getShells()) {
            if (s.getData("modelElement") instanceof MWindow) {
                return s;
            }
        }
        return null;
    }

    private static MWindow window(Display display) {
        for (Shell s : display.getShells()) {
            if (s.getData("modelElement") instanceof MWindow w && w.getContext() != null) {
                return w;
            }
        }
        return null;
    }

    private void close(Display display, String why) {
        if (why != null) {
            problems.add(why);
        }
        MWindow w = window(display);
        if (w != null) {
            IWorkbench wb = w.getContext().get(IWorkbench.class);
            if (wb != null) {
                wb.close();
            }
        }
    }

    /** The demo with Mobile IP moved to {@code port}, as a pcapng whose section header records that port. */
    private static void recordedCopy(Path demo, Path out, int port) throws Exception {
        Path moved = out.resolveSibling("moved-" + port + ".pcap");
        MipPortMover.move(demo, moved, port);
        try (CaptureFile in = CaptureFile.open(moved);
                PcapngWriter w = PcapngWriter.create(out, "demo on port " + port, List.of(port), false)) {
            int itf = w.addInterface(in.linkType(0), 0, null);
            for (int i = 0; i < in.packetCount(); i++) {
                w.write(itf, in.timestampNanos(i), in.packet(i), in.originalLength(i));
            }
        }
    }
}

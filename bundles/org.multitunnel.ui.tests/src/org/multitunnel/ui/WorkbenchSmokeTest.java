package org.multitunnel.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.e4.ui.internal.workbench.swt.E4Application;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspectiveStack;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;
import org.multitunnel.ui.parts.EmptyPartMessage;

/**
 * Starts the real e4 application (E4Application, our product's application model, lifecycle and CSS taken
 * from the product definition in plugin.xml) under Xvfb and checks what a user would see first: the window
 * title, the Analysis perspective and its six parts, each rendered and telling what it will show.
 */
class WorkbenchSmokeTest {
    private static final List<String> PARTS = List.of("packets", "details", "bytes", "bindings", "tunnels",
            "findings");

    @Test
    void workbenchOpensAnalysisPerspectiveWithItsSixParts() throws Exception {
        Display display = Display.getDefault();
        AtomicReference<String> title = new AtomicReference<>();
        AtomicReference<String> perspective = new AtomicReference<>();
        List<String> rendered = new ArrayList<>();
        List<String> problems = new ArrayList<>();

        // Inspect once the workbench has drawn, then close it; a watchdog guarantees the test cannot hang.
        display.timerExec(120_000, () -> closeAll(display, problems, "watchdog: workbench did not come up"));
        display.timerExec(1500, () -> {
            try {
                Shell shell = findShell(display, "MultiTunnel Workbench");
                if (shell == null) {
                    problems.add("no shell titled 'MultiTunnel Workbench'");
                    return;
                }
                title.set(shell.getText());
                MWindow window = (MWindow) shell.getData("modelElement");
                MApplication app = (MApplication) window.getContext().get(MApplication.class);
                EModelService models = window.getContext().get(EModelService.class);
                MPerspectiveStack stack = (MPerspectiveStack) models
                        .find("org.multitunnel.ui.perspectivestack", app);
                MPerspective selected = stack.getSelectedElement();
                perspective.set(selected.getElementId() + "|" + selected.getLabel());
                for (String id : PARTS) {
                    MPart part = (MPart) models.find("org.multitunnel.ui.part." + id, selected);
                    if (part == null) {
                        problems.add("part " + id + " missing from the perspective");
                    } else if (part.getObject() == null || !(part.getWidget() instanceof Composite c)) {
                        problems.add("part " + id + " not rendered");
                    } else if (findEmptyMessage(c) == null) {
                        problems.add("part " + id + " does not say what it shows");
                    } else {
                        rendered.add(id + ":" + part.getLabel());
                    }
                }
            } catch (RuntimeException e) {
                problems.add("inspection failed: " + e);
            } finally {
                closeAll(display, problems, null);
            }
        });

        Object exit = new E4Application().start(new ProductLaunch("-clearPersistedState"));
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals("MultiTunnel Workbench", title.get());
        assertEquals("org.multitunnel.ui.perspective.analysis|Analysis", perspective.get());
        assertEquals(List.of("packets:Packets", "details:Details", "bytes:Bytes", "bindings:Bindings",
                "tunnels:Tunnels", "findings:Findings"), rendered);
        assertNotNull(exit);
    }

    private static void closeAll(Display display, List<String> problems, String why) {
        if (why != null) {
            problems.add(why);
        }
        for (Shell s : display.getShells()) {
            Object model = s.getData("modelElement");
            if (model instanceof MWindow w && w.getContext() != null) {
                IWorkbench wb = w.getContext().get(IWorkbench.class);
                if (wb != null) {
                    wb.close();
                    return;
                }
            }
        }
    }

    private static Shell findShell(Display display, String title) {
        for (Shell s : display.getShells()) {
            if (title.equals(s.getText())) {
                return s;
            }
        }
        return null;
    }

    private static Label findEmptyMessage(Composite c) {
        for (Control child : c.getChildren()) {
            if (child instanceof Label l && Boolean.TRUE.equals(l.getData(EmptyPartMessage.DATA_KEY))) {
                return l;
            }
            if (child instanceof Composite cc) {
                Label l = findEmptyMessage(cc);
                if (l != null) {
                    return l;
                }
            }
        }
        return null;
    }
}

package org.multitunnel.ui.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

import org.eclipse.e4.ui.internal.workbench.swt.E4Application;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspectiveStack;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;

/**
 * {@code ./workbench --perspective testbed}: the real workbench starts in the Testbed perspective contributed by
 * this bundle's model fragment, with its six parts in the model and the visible ones rendered; Window >
 * Perspective switches to Analysis and back.
 */
class TestbedPerspectiveTest {
    private static final List<String> PARTS = List.of("composer", "send", "replay", "inject", "agents",
            "conformance");

    private final Map<String, Object> seen = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    @Test
    void perspectiveArgumentOpensTestbedWithItsParts() throws Exception {
        Display display = Display.getDefault();
        display.timerExec(120_000, () -> close(display, "watchdog: workbench did not come up"));
        display.timerExec(1500, () -> {
            try {
                inspect(display);
            } catch (RuntimeException | AssertionError e) {
                problems.add("inspection failed: " + e);
            } finally {
                close(display, null);
            }
        });
        new E4Application().start(new ProductLaunch("-clearPersistedState", "--perspective", "testbed"));

        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals("org.multitunnel.ui.perspective.testbed|Testbed", seen.get("selected"));
        assertEquals(List.of("composer:Composer", "send:Send", "replay:Replay", "inject:Inject", "agents:Agents",
                "conformance:Conformance"), seen.get("parts"));
        assertEquals(List.of("composer", "send", "agents"), seen.get("rendered"));
        assertEquals("org.multitunnel.ui.perspective.analysis", seen.get("afterSwitch"));
        assertEquals("org.multitunnel.ui.perspective.testbed", seen.get("afterSwitchBack"));
    }

    private void inspect(Display display) {
        Shell shell = null;
        for (Shell s : display.getShells()) {
            if ("MultiTunnel Workbench".equals(s.getText())) {
                shell = s;
            }
        }
        assertTrue(shell != null, "no workbench window");
        MWindow window = (MWindow) shell.getData("modelElement");
        MApplication app = window.getContext().get(MApplication.class);
        EModelService models = window.getContext().get(EModelService.class);
        MPerspectiveStack stack = (MPerspectiveStack) models.find("org.multitunnel.ui.perspectivestack", app);
        MPerspective selected = stack.getSelectedElement();
        seen.put("selected", selected.getElementId() + "|" + selected.getLabel());
        List<String> parts = new ArrayList<>();
        List<String> rendered = new ArrayList<>();
        for (String id : PARTS) {
            MPart part = (MPart) models.find("org.multitunnel.ui.testbed.part." + id, selected);
            if (part == null) {
                problems.add("part " + id + " missing");
                continue;
            }
            parts.add(id + ":" + part.getLabel());
            if (part.getObject() != null && part.getWidget() != null) {
                rendered.add(id);
            }
        }
        seen.put("parts", parts);
        seen.put("rendered", rendered);
        EPartService partService = window.getContext().get(EPartService.class);
        MPerspective analysis = (MPerspective) models.find("org.multitunnel.ui.perspective.analysis", app);
        partService.switchPerspective(analysis);
        seen.put("afterSwitch", stack.getSelectedElement().getElementId());
        partService.switchPerspective(selected);
        seen.put("afterSwitchBack", stack.getSelectedElement().getElementId());
    }

    private static void close(Display display, String why) {
        if (why != null) {
            System.err.println(why);
        }
        for (Shell s : display.getShells()) {
            if (s.getData("modelElement") instanceof MWindow w && w.getContext() != null) {
                IWorkbench wb = w.getContext().get(IWorkbench.class);
                if (wb != null) {
                    wb.close();
                    return;
                }
            }
        }
    }
}

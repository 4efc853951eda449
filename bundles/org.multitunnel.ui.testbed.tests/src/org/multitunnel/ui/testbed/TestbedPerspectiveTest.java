package org.multitunnel.ui.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.BindException;
import java.net.DatagramSocket;

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
import org.multitunnel.agent.ha.HomeAgent;
import org.multitunnel.ui.testbed.agents.BuiltInAgents;
import org.multitunnel.ui.testbed.agents.BuiltInAgentsService;
import org.multitunnel.ui.testbed.parts.AgentsPart;
import org.multitunnel.ui.session.CaptureSessionService;
import org.multitunnel.ui.testbed.parts.ComposeAndSendFlow;

/**
 * {@code ./workbench --perspective testbed}: the real workbench starts in the Testbed perspective contributed by
 * this bundle's model fragment, with its six parts in the model and the visible ones rendered; Window >
 * Perspective switches to Analysis and back; opening the perspective starts the built-in home agent on
 * 127.0.0.1:4434 by itself.
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
                display.timerExec(200, () -> awaitBuiltInHomeAgent(display, System.nanoTime() + 15_000_000_000L));
            } catch (RuntimeException | AssertionError | ReflectiveOperationException e) {
                problems.add("inspection failed: " + e);
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
        // The built-in home agent runs on 127.0.0.1:4434 once the perspective is open — unless another program
        // holds that port, which the Agents status line must then say, offering a free port.
        if (seen.get("homeAgent") == null) {
            try (DatagramSocket probe = new DatagramSocket(TestbedSession.BUILT_IN_HOME_AGENT)) {
                fail("the built-in home agent is not running although 4434 is free: " + seen.get("agentsStatus"));
            } catch (BindException taken) {
                assertTrue(String.valueOf(seen.get("agentsStatus")).startsWith(
                        "Home agent not running: UDP 127.0.0.1:4434 is already in use"), seen.toString());
            }
        } else {
            assertEquals("127.0.0.1:4434", seen.get("homeAgent"));
            assertTrue(String.valueOf(seen.get("agentsStatus")).startsWith("Home agent on 127.0.0.1:4434"),
                    seen.toString());
            // Composer's sample → Send → accepted, and the home agent holds the binding it asked for.
            assertTrue(String.valueOf(seen.get("flow.firstVerdict")).startsWith("#1 Accepted: 0 "), seen.toString());
            assertEquals(List.of("10.1.0.5 BID 1 via 127.0.0.1"), seen.get("flow.bindings"));
            // Wrong authenticator switched on in the Composer → the home agent answers 131.
            assertTrue(String.valueOf(seen.get("flow.secondVerdict")).startsWith("#2 Rejected: 131"), seen.toString());
            assertEquals(Boolean.FALSE, seen.get("flow.wrongAuthAfterUndo"));
            assertEquals(2, seen.get("flow.historyRows"));
            assertEquals("127.0.0.1:5555", seen.get("flow.sendTargetAfterComposerEdit"));
            // Agents > Capture live in Analysis: loopback, the agent's port and the tunnel protocols; the third
            // exchange (request and reply) arrives in the live capture, whose analysis knows the mobile node.
            assertEquals("lo", seen.get("live.interface"));
            assertEquals("udp port 4434 or ip proto 4 or ip proto 47 or ip proto 55", seen.get("live.filter"));
            assertTrue((Integer) seen.get("live.packetsWhileCapturing") >= 2, seen.toString());
            assertEquals(1, seen.get("live.bindingsInAnalysis"));
        }
    }

    /** Polls until the Agents part's service has started (or failed to start) the built-in home agent. */
    private void awaitBuiltInHomeAgent(Display display, long deadline) {
        try {
            BuiltInAgents agents = agentsService.agents();
            HomeAgent ha = agents.homeAgent();
            if (ha == null && agents.problem() == null && System.nanoTime() < deadline) {
                display.timerExec(200, () -> awaitBuiltInHomeAgent(display, deadline));
                return;
            }
            seen.put("agentsStatus", agents.status());
            if (ha != null) {
                seen.put("homeAgent", ha.localAddress().getAddress().getHostAddress() + ":"
                        + ha.localAddress().getPort());
                // The newcomer's first steps: send the sample, see it accepted; break its authenticator, see 131.
                new ComposeAndSendFlow(display, composerPart, sendPart, agentsPart, captures, ha, seen, problems).run(() -> {
                    agentsService.shutdown();
                    close(display, null);
                });
                return;
            }
            agentsService.shutdown();
        } catch (RuntimeException | AssertionError e) {
            problems.add("waiting for the home agent failed: " + e);
        }
        close(display, null);
    }

    private BuiltInAgentsService agentsService;
    private Object composerPart;
    private Object sendPart;
    private Object agentsPart;
    private CaptureSessionService captures;

    private void inspect(Display display) throws ReflectiveOperationException {
        Shell shell = null;
        for (Shell s : display.getShells()) {
            if ("MultiTunnel Workbench".equals(s.getText())) {
                shell = s;
            }
        }
        assertTrue(shell != null, "no workbench window");
        MWindow window = (MWindow) shell.getData("modelElement");
        MApplication app = window.getContext().get(MApplication.class);
        captures = window.getContext().get(CaptureSessionService.class);
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
            if (id.equals("composer")) {
                composerPart = part.getObject();
            } else if (id.equals("send")) {
                sendPart = part.getObject();
            } else if (id.equals("agents")) {
                agentsPart = part.getObject();
            }
            if (part.getObject() instanceof AgentsPart a) {
                java.lang.reflect.Field f = AgentsPart.class.getDeclaredField("service");
                f.setAccessible(true);
                agentsService = (BuiltInAgentsService) f.get(a);
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

package org.multitunnel.ui.testbed.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.agent.client.IdentificationSource;
import org.multitunnel.agent.client.Verdict;
import org.multitunnel.agent.ha.HaBinding;
import org.multitunnel.agent.ha.HomeAgent;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.ui.prefs.KeyStore;
import org.multitunnel.ui.testbed.ComposedMessage;
import org.multitunnel.ui.testbed.TestbedSession;
import org.multitunnel.ui.testbed.agents.BuiltInAgentsService;
import org.multitunnel.ui.testbed.agents.HaSettings;
import org.multitunnel.ui.testbed.send.SentExchange;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Dissection;
import org.multitunnel.wire.dissect.PacketDissector;
import org.multitunnel.wire.mip.MipDissectors;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.AuthOptions;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.MultipathExtension;

/**
 * Send and Agents on a plain shell against the in-process built-in home agent (on a free port, with a temporary
 * key table): the sample RFC 7629 registration is accepted and shows up in the HA's binding table and the Agents
 * part; a broken authenticator is answered 131; a closed port gives "no reply" within the timeout while the UI
 * keeps running; the history exports as a pcapng that re-opens with requests and replies.
 */
class SendAndAgentsPartTest {
    @TempDir
    Path dir;

    private Display display;
    private Shell shell;
    private IEclipseContext context;
    private BuiltInAgentsService service;
    private TestbedSession session;
    private SendPart send;
    private AgentsPart agents;
    private final List<String> errors = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1200, 900);
        service = new BuiltInAgentsService();
        service.configure(() -> KeyStore.open(dir.resolve("keys.secure_storage"), dir.resolve("keys.password")),
                HaSettings.defaults().withPort(0));
        session = new TestbedSession();
        context = EclipseContextFactory.create("send-agents-test");
        context.set(BuiltInAgentsService.class, service);
        context.set(TestbedSession.class, session);
        context.set(Composite.class, new Composite(shell, 0));
        send = ContextInjectionFactory.make(SendPart.class, context);
        send.setErrorReporter((t, m) -> errors.add(t + ": " + m));
        context.set(Composite.class, new Composite(shell, 0));
        agents = ContextInjectionFactory.make(AgentsPart.class, context);
        agents.setErrorReporter((t, m) -> errors.add(t + ": " + m));
        shell.open();
        spinUntil(() -> service.agents().homeAgent() != null && agents.statusText().startsWith("Home agent on"),
                10_000, "the built-in home agent starts by itself");
    }

    @AfterEach
    void close() {
        ContextInjectionFactory.uninject(send, context);
        ContextInjectionFactory.uninject(agents, context);
        context.dispose();
        shell.dispose();
        service.shutdown();
    }

    private HomeAgent ha() {
        return service.agents().homeAgent();
    }

    /** The sample registration as the composer would publish it: RFC 7629 Multipath (BID 1) + MN-HA auth. */
    private void compose(boolean brokenAuthenticator) throws Exception {
        SecurityAssociation key = service.agents().builtInKey().toAssociation();
        AuthOptions auth = brokenAuthenticator ? AuthOptions.defaults().withCorruptAuthenticator()
                : AuthOptions.defaults();
        session.setMessageSource(() -> {
            RegistrationRequest rq = RegistrationRequest.builder().lifetime(300).homeAddress("10.1.0.5")
                    .homeAgent("127.0.0.1").careOfAddress("127.0.0.11")
                    .identification(IdentificationSource.timestamps().next())
                    .extension(MultipathExtension.builder().ifAtt(4).ifLabel(1).bid(1).build())
                    .authenticate(ExtensionTypes.MN_HA_AUTH, key, auth).build();
            return new ComposedMessage(rq.encode(), rq.summary(), null);
        });
    }

    private SentExchange sendAndWait(int expectedRows) {
        Job job = send.send();
        assertNotNull(job, "send started: " + send.verdictText());
        spinUntil(() -> send.history().rows().size() == expectedRows, 15_000, "exchange finished");
        return send.history().rows().get(expectedRows - 1);
    }

    @Test
    void sampleRegistrationIsAcceptedThenABrokenAuthenticatorGets131() throws Exception {
        InetSocketAddress haAddress = ha().localAddress();
        spinUntil(() -> send.targetText().equals("127.0.0.1:" + haAddress.getPort()), 2_000,
                "Send aims at the built-in HA, now " + send.targetText());
        assertTrue(agents.statusText().startsWith("Home agent on 127.0.0.1:" + haAddress.getPort()),
                agents.statusText());

        compose(false);
        SentExchange ok = sendAndWait(1);
        assertEquals(Verdict.ACCEPTED, ok.verdict());
        assertEquals(0, ok.result().code());
        assertTrue(send.verdictText().startsWith("#1 Accepted: 0 "), send.verdictText());
        assertTrue(ok.result().replyAuth().valid(), "the reply verified with the key table");
        assertEquals(1L, number(send.exchange().requestLayers(), "mip.type"), "request decoded on the left");
        assertEquals(1L, number(send.exchange().requestLayers(), "mip.ext.mp.bid"));
        assertEquals(3L, number(send.exchange().replyLayers(), "mip.type"), "reply decoded on the right");
        assertEquals(0L, number(send.exchange().replyLayers(), "mip.code"));

        List<HaBinding> bindings = ha().bindings("10.1.0.5");
        assertEquals(1, bindings.size());
        assertEquals(1, bindings.get(0).bid());
        assertEquals("127.0.0.11", bindings.get(0).careOfAddress());
        spinUntil(() -> agents.bindingTable().viewer().getTable().getItemCount() == 1, 5_000,
                "Agents shows the binding");
        TableItem row = agents.bindingTable().viewer().getTable().getItem(0);
        assertEquals("10.1.0.5", row.getText(0));
        assertEquals("1", row.getText(1));
        assertEquals("127.0.0.11", row.getText(2));
        long remaining = Long.parseLong(row.getText(3).replace(" s", ""));
        assertTrue(remaining > 290 && remaining <= 300, "remaining " + remaining);
        assertEquals("300 s", row.getText(4));
        assertTrue(row.getText(5).startsWith("rfc7629, If-ATT 4"), row.getText(5));

        compose(true);
        SentExchange bad = sendAndWait(2);
        assertEquals(Verdict.REJECTED, bad.verdict());
        assertEquals(131, bad.result().code());
        assertTrue(send.verdictText().startsWith("#2 Rejected: 131 "), send.verdictText());
        assertEquals(131L, number(send.exchange().replyLayers(), "mip.code"));
        assertEquals(1, ha().bindings("10.1.0.5").size(), "the rejected request changed nothing");

        // re-opening the first row shows it again
        send.history().select(List.of(ok));
        assertTrue(send.verdictText().startsWith("#1 Accepted"), send.verdictText());
        assertEquals(0L, number(send.exchange().replyLayers(), "mip.code"));

        // export both rows and open the file as a capture
        Path file = dir.resolve("history.pcapng");
        assertTrue(send.export(send.history().rows(), file), errors.toString());
        DissectorRegistry r = PacketDissector.standardRegistry();
        MipDissectors.register(r, haAddress.getPort());
        PacketDissector dissector = new PacketDissector(r);
        List<String> seen = new ArrayList<>();
        try (CaptureFile f = CaptureFile.open(file)) {
            for (int i = 0; i < f.packetCount(); i++) {
                Dissection d = dissector.dissectFull(f.linkType(i), f.packet(i));
                Field code = d.find("mip.code");
                seen.add(d.find("mip.type").value() + (code == null ? "" : "/" + code.value()));
            }
        }
        assertEquals(List.of("1", "3/0", "1", "3/131"), seen);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void closedPortGivesNoReplyWithinTheTimeoutWhileTheUiKeepsRunning() throws Exception {
        int closed;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            closed = s.getLocalPort();
        }
        compose(false);
        send.setTarget("127.0.0.1", closed);
        send.setRetries(2, 150); // 150 ms + 300 ms
        int[] ticks = {0};
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            ticks[0]++;
            display.timerExec(50, tick[0]);
        };
        display.timerExec(50, tick[0]);
        long t0 = System.nanoTime();
        Event ctrlEnter = new Event(); // Ctrl+Enter in the part's target field sends
        ctrlEnter.character = SWT.CR;
        ctrlEnter.keyCode = SWT.CR;
        ctrlEnter.stateMask = SWT.MOD1;
        send.targetField().notifyListeners(SWT.KeyDown, ctrlEnter);
        Job job = send.running();
        long sendMs = (System.nanoTime() - t0) / 1_000_000;
        assertNotNull(job);
        assertTrue(sendMs < 300, "Send returned to the event loop after " + sendMs + " ms");
        assertFalse(send.sendButton().isEnabled(), "one exchange at a time");
        spinUntil(() -> send.history().rows().size() == 1, 5_000, "no-reply verdict");
        long totalMs = (System.nanoTime() - t0) / 1_000_000;
        display.timerExec(-1, tick[0]);
        SentExchange x = send.history().rows().get(0);
        assertEquals(Verdict.NO_REPLY, x.verdict());
        assertEquals(2, x.result().packets().size(), "two transmissions, nothing back");
        assertTrue(totalMs >= 440 && totalMs < 2_000, "took " + totalMs + " ms");
        assertTrue(ticks[0] >= 5, "the UI thread kept dispatching: " + ticks[0] + " ticks");
        assertEquals("#1 No reply from 127.0.0.1:" + closed + " after 2 transmission(s)", send.verdictText());
        assertTrue(send.exchange().replyLayers().isEmpty());
        assertEquals(1L, number(send.exchange().requestLayers(), "mip.type"));
        assertTrue(send.sendButton().isEnabled());
    }

    @Test
    void showTrafficWaitsForPacketsInTheHomeAgentsRecording() throws Exception {
        List<String> infos = new ArrayList<>();
        agents.setInfoReporter((t, m) -> infos.add(m));
        Path recording = dir.resolve("recordings/ha.pcapng");
        service.agents().startHomeAgent(service.agents().homeAgentSettings().withRecordTo(recording));
        agents.showTraffic();
        assertEquals(1, infos.size());
        assertTrue(infos.get(0).contains("has not received anything yet"), infos.toString());

        int port = ha().localAddress().getPort();
        spinUntil(() -> send.targetText().equals("127.0.0.1:" + port), 2_000, "Send follows the restarted agent");
        compose(false);
        assertEquals(Verdict.ACCEPTED, sendAndWait(1).verdict());
        agents.showTraffic();
        // no workbench here: the part names the file it would open, with what it holds
        assertEquals(List.of("Show traffic: The Analysis perspective is not available here. The recording (2 "
                + "packets) is " + recording), errors);
    }

    @Test
    void withoutAComposedMessageSendSaysWhereToComposeOne() {
        assertNull(session.messageSource());
        assertEquals(SendPart.NO_MESSAGE, send.messageText());
        assertNull(send.send(), "nothing is invented");
        assertEquals(SendPart.NO_MESSAGE, send.verdictText());
        assertTrue(send.history().rows().isEmpty());
    }

    @Test
    void aTakenPortIsShownWithAFreePortToUse() throws Exception {
        service.agents().stopHomeAgent();
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            agents.homeAgentForm().setPort(taken.getLocalPort());
            agents.startHomeAgent();
            spinUntil(() -> !errors.isEmpty(), 5_000, "error reported");
            assertTrue(errors.get(0).contains("UDP 127.0.0.1:" + taken.getLocalPort() + " is already in use"),
                    errors.toString());
            assertNull(ha());
            spinUntil(agents::usePortOffered, 2_000, "a free port is offered");
            assertTrue(agents.statusText().startsWith("Home agent not running: UDP 127.0.0.1:"),
                    agents.statusText());
            int offered = Integer.parseInt(agents.usePortText().replace("Start on port ", ""));
            agents.usePortButton().notifyListeners(SWT.Selection, new Event());
            spinUntil(() -> ha() != null, 5_000, "started on the offered port");
            assertEquals(offered, ha().localAddress().getPort());
            spinUntil(() -> !agents.usePortOffered(), 2_000, "offer withdrawn");
            spinUntil(() -> send.targetText().equals("127.0.0.1:" + offered), 2_000, "Send follows the agent");
        }
    }

    private static long number(List<Field> layers, String name) {
        for (Field l : layers) {
            Field f = l.find(name);
            if (f != null) {
                return ((Number) f.value()).longValue();
            }
        }
        throw new AssertionError("no field " + name + " in " + layers);
    }

    private void spinUntil(BooleanSupplier done, long timeoutMs, String what) {
        long end = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting: " + what + " (errors " + errors + ")");
            }
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}

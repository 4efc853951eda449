package org.multitunnel.ui.testbed.parts;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;
import org.eclipse.swt.widgets.Text;

import org.multitunnel.agent.ha.BindingListener;
import org.multitunnel.agent.ha.HomeAgent;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.capture.live.Interfaces;
import org.multitunnel.capture.live.LiveCaptureException;
import org.multitunnel.capture.live.LiveInterface;
import org.multitunnel.ui.live.LiveCaptureSettings;
import org.multitunnel.ui.session.CaptureSessionService;
import org.multitunnel.ui.session.LiveCaptureJob;
import org.multitunnel.ui.testbed.agents.AgentStartException;
import org.multitunnel.ui.testbed.agents.BuiltInAgents;
import org.multitunnel.ui.testbed.agents.BuiltInAgentsService;
import org.multitunnel.ui.testbed.agents.AgentCaptureTarget;
import org.multitunnel.ui.testbed.agents.HaSettings;
import org.multitunnel.ui.testbed.parts.agents.BindingTableView;
import org.multitunnel.ui.testbed.parts.agents.ForeignAgentForm;
import org.multitunnel.ui.testbed.parts.agents.HomeAgentForm;
import org.multitunnel.ui.testbed.parts.agents.MobileNodeForm;

/**
 * Agents: start and stop the reference home agent, foreign agent and mobile node inside the workbench with a
 * policy form each, a status line, and the running home agent's binding table live (binding events coalesced onto
 * the UI thread, remaining lifetimes counting down each second). Starting and stopping run in jobs; failures are
 * shown in dialogs — a taken port offers a free one. "Show traffic in Analysis" opens the HA's recording.
 */
public class AgentsPart {
    static final String ANALYSIS = "org.multitunnel.ui.perspective.analysis";

    @Inject
    private BuiltInAgentsService service;
    @Inject
    @Optional
    private CaptureSessionService captures;
    @Inject
    @Optional
    private MApplication application;
    @Inject
    @Optional
    private EModelService models;
    @Inject
    @Optional
    private EPartService parts;

    private Display display;
    private Label status;
    private Button usePort;
    private int suggestedPort;
    private HomeAgentForm haForm;
    private ForeignAgentForm faForm;
    private MobileNodeForm mnForm;
    private Button haStop;
    private Button faStop;
    private Button mnStop;
    private BindingTableView bindings;
    private Text log;
    private int logLines = -1;
    private boolean formShowsRunning;
    private BiConsumer<String, String> errorReporter = this::errorDialog;
    private BiConsumer<String, String> infoReporter = (t, m) -> MessageDialog.openInformation(status.getShell(), t, m);
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final BindingListener bindingListener = (change, binding) -> queueRefresh();
    private final Runnable stateListener = this::queueRefresh;

    @PostConstruct
    void create(Composite parent) {
        display = parent.getDisplay();
        parent.setLayout(new GridLayout(1, false));
        Composite top = new Composite(parent, SWT.NONE);
        top.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        GridLayout tl = new GridLayout(2, false);
        tl.marginWidth = 0;
        tl.marginHeight = 0;
        top.setLayout(tl);
        status = new Label(top, SWT.WRAP);
        GridData sd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        sd.widthHint = 200; // wrap to the part's width instead of widening it
        status.setLayoutData(sd);
        status.setText("Starting the built-in home agent...");
        usePort = new Button(top, SWT.PUSH);
        usePort.addListener(SWT.Selection, e -> startOnSuggestedPort());
        showUsePort(false);

        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        TabFolder tabs = new TabFolder(sash, SWT.TOP);
        ScrolledComposite haScroll = scroller(tabs);
        haForm = new HomeAgentForm(haScroll, service.defaults());
        haStop = buttons(haForm.control(), "Start / apply", this::startHomeAgent, this::stopHomeAgent,
                "Show traffic in Analysis", this::showTraffic);
        Button live = new Button((Composite) haStop.getParent(), SWT.PUSH);
        live.setText("Capture live in Analysis");
        live.setToolTipText("Capture the home agent's interface (its UDP port and IP-in-IP/GRE/minimal "
                + "encapsulation) as a live capture in the Analysis perspective; needs capture permission");
        live.addListener(SWT.Selection, e -> captureLive());
        ((GridLayout) haStop.getParent().getLayout()).numColumns = 4;
        tab(tabs, "Home agent", haScroll, haForm.control());
        ScrolledComposite faScroll = scroller(tabs);
        faForm = new ForeignAgentForm(faScroll);
        faStop = buttons(faForm.control(), "Start", this::startForeignAgent, this::stopForeignAgent, null, null);
        tab(tabs, "Foreign agent", faScroll, faForm.control());
        ScrolledComposite mnScroll = scroller(tabs);
        mnForm = new MobileNodeForm(mnScroll);
        mnStop = buttons(mnForm.control(), "Start", this::startMobileNode, this::stopMobileNode, null, null);
        tab(tabs, "Mobile node", mnScroll, mnForm.control());
        log = new Text(tabs, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL);
        tab(tabs, "Log", log, null);

        Composite table = new Composite(sash, SWT.NONE);
        GridLayout gl = new GridLayout(1, false);
        gl.marginWidth = 0;
        table.setLayout(gl);
        new Label(table, SWT.NONE).setText("Bindings of the running home agent");
        bindings = new BindingTableView(table);
        sash.setWeights(60, 40);

        BuiltInAgents a = service.agents();
        a.addStateListener(stateListener);
        a.addBindingListener(bindingListener);
        service.ensureHomeAgent();
        refresh();
        display.timerExec(1000, this::tick);
    }

    // ---- actions: each runs in a job, results and errors come back to the UI thread ----

    void startHomeAgent() {
        HaSettings s;
        try {
            s = haForm.settings();
        } catch (RuntimeException e) {
            errorReporter.accept("Home agent", e.getMessage());
            return;
        }
        run("Starting the home agent", () -> service.agents().startHomeAgent(s));
    }

    void stopHomeAgent() {
        run("Stopping the home agent", () -> service.agents().stopHomeAgent());
    }

    void startForeignAgent() {
        var s = faForm.settings();
        run("Starting the foreign agent", () -> service.agents().startForeignAgent(s));
    }

    void stopForeignAgent() {
        run("Stopping the foreign agent", () -> service.agents().stopForeignAgent());
    }

    void startMobileNode() {
        try {
            var s = mnForm.settings();
            run("Starting the mobile node", () -> service.agents().startMobileNode(s));
        } catch (RuntimeException e) {
            errorReporter.accept("Mobile node", e.getMessage());
        }
    }

    void stopMobileNode() {
        run("Stopping the mobile node", () -> service.agents().stopMobileNode());
    }

    private void startOnSuggestedPort() {
        if (suggestedPort > 0) {
            haForm.setPort(suggestedPort);
            startHomeAgent();
        }
    }

    /** Opens the home agent's recording in the Analysis perspective, or offers to restart it recording. */
    void showTraffic() {
        HaSettings running = service.agents().homeAgentSettings();
        if (running == null) {
            errorReporter.accept("Show traffic", "The home agent is not running.");
            return;
        }
        if (running.recordTo() == null) {
            Path file = haForm.settings().recordTo();
            if (file == null) {
                file = recordingFor(running);
            }
            Path target = file;
            if (MessageDialog.openQuestion(status.getShell(), "Show traffic in Analysis",
                    "The home agent does not record its traffic. Restart it with the same policy, recording to\n"
                            + target + "\nand open that file in the Analysis perspective? (Its bindings are lost.)")) {
                haForm.setRecording(target);
                run("Restarting the home agent with recording", () -> {
                    service.agents().startHomeAgent(running.withRecordTo(target));
                    display.asyncExec(() -> openInAnalysis(target));
                });
            }
            return;
        }
        openInAnalysis(running.recordTo());
    }

    private static Path recordingFor(HaSettings s) {
        return Path.of(System.getProperty("user.home"), "multitunnel", "ha-" + s.port() + "-"
                + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern(
                        "yyyyMMdd-HHmmss")) + ".pcapng");
    }

    /** Opens {@code file} in the Analysis perspective once it holds packets; says why not otherwise. */
    void openInAnalysis(Path file) {
        int packets;
        try (CaptureFile f = CaptureFile.open(file)) {
            packets = f.packetCount();
        } catch (IOException | RuntimeException e) {
            errorReporter.accept("Show traffic", "The recording " + file + " cannot be read: " + e.getMessage());
            return;
        }
        if (packets == 0) {
            infoReporter.accept("Show traffic", "The home agent records to " + file + " but has not received "
                    + "anything yet. Send a registration (or start the mobile node), then choose Show traffic in "
                    + "Analysis again.");
            return;
        }
        if (captures == null || models == null || parts == null || application == null) {
            errorReporter.accept("Show traffic", "The Analysis perspective is not available here. The recording ("
                    + packets + " packets) is " + file);
            return;
        }
        captures.open(file);
        List<MPerspective> found = models.findElements(application, ANALYSIS, MPerspective.class, null);
        if (!found.isEmpty()) {
            parts.switchPerspective(found.get(0));
        }
    }

    /**
     * The running home agent's traffic as a live capture in Analysis (Capture > Stop ends it): on the interface
     * holding its listen address, filtered to its port and the tunnel protocols.
     */
    LiveCaptureJob captureLive() {
        HomeAgent ha = service.agents().homeAgent();
        if (ha == null) {
            errorReporter.accept("Capture live", "The home agent is not running.");
            return null;
        }
        if (captures == null || models == null || parts == null || application == null) {
            errorReporter.accept("Capture live", "The Analysis perspective is not available here.");
            return null;
        }
        if (captures.isCapturingLive()) {
            errorReporter.accept("Capture live", "A live capture is already running; stop it first (Capture > "
                    + "Stop Live Capture, Ctrl+Shift+E).");
            return null;
        }
        InetSocketAddress at = ha.localAddress();
        List<LiveInterface> interfaces;
        try {
            interfaces = Interfaces.list();
        } catch (LiveCaptureException e) {
            errorReporter.accept("Capture live", e.getMessage());
            return null;
        }
        java.util.Optional<String> itf = AgentCaptureTarget.forAddress(at.getAddress(), interfaces);
        if (itf.isEmpty()) {
            errorReporter.accept("Capture live", "No capture interface holds the home agent's address "
                    + at.getAddress().getHostAddress() + ".");
            return null;
        }
        LiveCaptureSettings settings = LiveCaptureSettings.defaults(interfaces).withInterface(itf.get())
                .withFilter(AgentCaptureTarget.filter(at.getPort()))
                .withOutput(LiveCaptureSettings.defaultOutput(LiveCaptureSettings.stateDirectory(System.getenv(),
                        System.getProperty("user.home")), itf.get(), java.time.ZonedDateTime.now()));
        // the capture file records the agent's port as Mobile IP, whatever port it is
        LiveCaptureJob job = captures.startLive(settings.toOptions().withMoreMipPorts(List.of(at.getPort())));
        List<MPerspective> found = models.findElements(application, ANALYSIS, MPerspective.class, null);
        if (!found.isEmpty()) {
            parts.switchPerspective(found.get(0));
        }
        return job;
    }

    @FunctionalInterface
    private interface AgentAction {
        void run() throws AgentStartException;
    }

    private void run(String name, AgentAction action) {
        Job job = Job.create(name, monitor -> {
            try {
                action.run();
            } catch (AgentStartException e) {
                asyncUi(() -> {
                    refresh();
                    errorReporter.accept(name, e.getMessage());
                });
            }
            return Status.OK_STATUS;
        });
        job.schedule();
    }

    // ---- live state ----

    private void queueRefresh() {
        if (refreshQueued.compareAndSet(false, true)) {
            asyncUi(() -> {
                refreshQueued.set(false);
                refresh();
            });
        }
    }

    /** Status line, buttons and binding table from the agents' state now. */
    void refresh() {
        if (status.isDisposed()) {
            return;
        }
        BuiltInAgents a = service.agents();
        String problem = a.problem();
        HomeAgent ha = a.homeAgent();
        boolean starting = ha == null && problem == null && service.starting();
        setStatus(starting ? "Starting the built-in home agent..." : a.status());
        boolean failed = problem != null && ha == null;
        status.setForeground(display.getSystemColor(failed ? SWT.COLOR_DARK_RED : SWT.COLOR_WIDGET_FOREGROUND));
        HaSettings running = a.homeAgentSettings();
        if (ha != null && running != null && !formShowsRunning) {
            haForm.show(running.withPort(ha.localAddress().getPort()));
            formShowsRunning = true;
        }
        if (failed) {
            suggestedPort = suggestedFrom(problem);
        }
        usePort.setText("Start on port " + suggestedPort);
        showUsePort(failed && suggestedPort > 0);
        haStop.setEnabled(ha != null);
        faStop.setEnabled(a.foreignAgent() != null);
        mnStop.setEnabled(a.mobileNode() != null);
        bindings.setBindings(a.bindings());
        showLog();
    }

    /** Sets the status line; a changed text may wrap differently, so the part is laid out again. */
    private void setStatus(String text) {
        if (!text.equals(status.getText())) {
            status.setText(text);
            status.getParent().getParent().layout(true, true);
        }
    }

    /** The free port named in a port-in-use message ("Port 4436 is free"), or 0. */
    private static int suggestedFrom(String problem) {
        var m = java.util.regex.Pattern.compile("Port (\\d+) is free").matcher(problem);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private void tick() {
        if (status.isDisposed()) {
            return;
        }
        bindings.setBindings(service.agents().bindings());
        if (service.agents().homeAgent() != null) {
            setStatus(service.agents().status());
        }
        showLog();
        display.timerExec(1000, this::tick);
    }

    /** The agents' log lines (requests and decisions, never keys), newest at the bottom. */
    private void showLog() {
        List<String> lines = service.agents().log();
        if (lines.size() != logLines || !lines.isEmpty() && !log.getText().endsWith(lines.get(lines.size() - 1))) {
            logLines = lines.size();
            log.setText(String.join("\n", lines));
            log.setTopIndex(Math.max(0, log.getLineCount() - 1));
        }
    }

    // ---- layout helpers ----

    private Button buttons(Composite form, String start, Runnable onStart, Runnable onStop, String extra,
            Runnable onExtra) {
        Composite row = new Composite(form, SWT.NONE);
        row.moveAbove(null); // first, so the buttons stay visible when the part is short
        row.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        row.setLayout(new GridLayout(3, false));
        Button s = new Button(row, SWT.PUSH);
        s.setText(start);
        s.addListener(SWT.Selection, e -> onStart.run());
        Button stop = new Button(row, SWT.PUSH);
        stop.setText("Stop");
        stop.addListener(SWT.Selection, e -> onStop.run());
        if (extra != null) {
            Button x = new Button(row, SWT.PUSH);
            x.setText(extra);
            x.addListener(SWT.Selection, e -> onExtra.run());
        }
        return stop;
    }

    /** A tab; a form inside a scroller scrolls when the part is smaller than the form. */
    private static void tab(TabFolder tabs, String title, Control content, Composite form) {
        TabItem t = new TabItem(tabs, SWT.NONE);
        t.setText(title);
        t.setControl(content);
        if (content instanceof ScrolledComposite sc) {
            sc.setContent(form);
            sc.setExpandHorizontal(true);
            sc.setExpandVertical(true);
            sc.setMinSize(form.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        }
    }

    private static ScrolledComposite scroller(Composite parent) {
        return new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
    }

    private void showUsePort(boolean show) {
        if (usePort.getLayoutData() instanceof GridData old && old.exclude == !show) {
            return;
        }
        GridData d = new GridData(SWT.RIGHT, SWT.CENTER, false, false);
        d.exclude = !show;
        usePort.setLayoutData(d);
        usePort.setVisible(show);
        usePort.getParent().getParent().layout(true, true);
    }

    private void asyncUi(Runnable r) {
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (!status.isDisposed()) {
                    r.run();
                }
            });
        }
    }

    private void errorDialog(String title, String message) {
        MessageDialog.openError(status.getShell(), title, message);
    }

    @PreDestroy
    void dispose() {
        BuiltInAgents a = service.agents();
        a.removeStateListener(stateListener);
        a.removeBindingListener(bindingListener);
    }

    // ---- for tests ----

    void setErrorReporter(BiConsumer<String, String> r) {
        errorReporter = r;
    }

    void setInfoReporter(BiConsumer<String, String> r) {
        infoReporter = r;
    }

    String statusText() {
        return status.getText();
    }

    BindingTableView bindingTable() {
        return bindings;
    }

    HomeAgentForm homeAgentForm() {
        return haForm;
    }

    boolean usePortOffered() {
        return usePort.getVisible();
    }

    String usePortText() {
        return usePort.getText();
    }

    Button usePortButton() {
        return usePort;
    }
}

package org.multitunnel.ui.testbed.parts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.multitunnel.agent.client.ExchangeLog;
import org.multitunnel.agent.replay.AddressMap;
import org.multitunnel.agent.replay.CaptureRegistrations;
import org.multitunnel.agent.replay.CapturedRegistration;
import org.multitunnel.agent.replay.ReplayEntry;
import org.multitunnel.agent.replay.ReplayOptions;
import org.multitunnel.agent.replay.ReplayText;
import org.multitunnel.agent.replay.ReplayTiming;
import org.multitunnel.agent.ha.HomeAgentConfig;
import org.multitunnel.ui.prefs.KeyStore;
import org.multitunnel.ui.prefs.UiPreferences;
import org.multitunnel.ui.session.CaptureSessionService;
import org.multitunnel.ui.session.OpenCapture;
import org.multitunnel.ui.testbed.StoredKeys;
import org.multitunnel.ui.testbed.TestbedSession;
import org.multitunnel.ui.testbed.replay.ReplayKeys;
import org.multitunnel.ui.testbed.replay.ReplayPreview;
import org.multitunnel.ui.testbed.replay.ReplaySession;
import org.multitunnel.wire.mip.auth.KeyTable;

/**
 * Replay (issue 8): the registration requests of a capture — the one open in Analysis or any file — picked by
 * checkbox, rewritten by an address map, re-signed with a stored key and sent to a home agent one Step at a time
 * or on the capture's clock scaled by a speed factor, in a cancellable job. Captured and new reply codes stand side
 * by side in the same row, coloured match/mismatch. The engine is the CLI's ({@link ReplaySession} over the core
 * Replayer); this class only presents it.
 */
public class ReplayPart {
    static final int COL_FRAME = 0, COL_CAPTURED = 1, COL_REPLAYED = 2, COL_RESULT = 3, COL_HOA = 4, COL_COA = 5,
            COL_BID = 6, COL_TIME = 7;

    @Inject
    @Optional
    CaptureSessionService captures;
    @Inject
    @Optional
    KeyStore keyStore;

    private Composite root;
    private Text captureText;
    private Spinner portSpinner;
    private Table requests;
    private Table mapTable;
    private Text oldText;
    private Text newText;
    private Text targetText;
    private Combo keyCombo;
    private Button stepRadio;
    private Button timedRadio;
    private Spinner speed;
    private Button runButton;
    private Button cancelButton;
    private Label preview;
    private Label status;

    private StoredKeys keys;
    private List<CapturedRegistration> captured = List.of();
    private final Map<Long, ReplayEntry> results = new HashMap<>();
    private ReplaySession session;
    private ExchangeLog log;
    private Job job;

    @PostConstruct
    void create(Composite parent) {
        root = parent;
        parent.setLayout(new GridLayout(1, false));
        keys = StoredKeys.load(keyStore);

        Composite src = row(parent, 6);
        new Label(src, SWT.NONE).setText("Capture:");
        captureText = new Text(src, SWT.BORDER | SWT.READ_ONLY);
        captureText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        captureText.setMessage("no capture loaded");
        Button fromAnalysis = button(src, "From Analysis", "Load the capture open in the Analysis perspective");
        fromAnalysis.setEnabled(captures != null);
        fromAnalysis.addListener(SWT.Selection, e -> loadFromAnalysis());
        Button browse = button(src, "Browse…", "Load a pcap, pcapng or gzip capture file");
        browse.addListener(SWT.Selection, e -> browse());
        new Label(src, SWT.NONE).setText("MIP port:");
        portSpinner = new Spinner(src, SWT.BORDER);
        portSpinner.setValues(HomeAgentConfig.DEFAULT_PORT, 1, 65535, 0, 1, 100);
        portSpinner.setToolTipText(
                "Besides the Decode As ports (434 and 4434 by default), decode this UDP port as Mobile IP");

        requests = new Table(parent, SWT.CHECK | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        requests.setHeaderVisible(true);
        requests.setLinesVisible(true);
        GridData tg = new GridData(SWT.FILL, SWT.FILL, true, true);
        tg.heightHint = 120;
        requests.setLayoutData(tg);
        // the comparison first, so it stays visible in a narrow part; addresses and timing after it
        column(requests, "Frame", 55, SWT.RIGHT);
        column(requests, "Captured", 82, SWT.RIGHT).setToolTipText("Reply code in the capture (— = unanswered)");
        column(requests, "Replayed", 82, SWT.RIGHT).setToolTipText("Reply code of the agent now");
        column(requests, "Result", 85, SWT.LEFT);
        column(requests, "Home address", 125, SWT.LEFT);
        column(requests, "Care-of address", 125, SWT.LEFT);
        column(requests, "BID", 40, SWT.RIGHT);
        column(requests, "Time", 60, SWT.RIGHT);
        requests.addListener(SWT.Selection, e -> {
            if (e.detail == SWT.CHECK) {
                invalidate();
                summarize();
            }
            updatePreview();
        });
        Composite pick = row(parent, 3);
        button(pick, "All", "Pick every request").addListener(SWT.Selection, e -> pickAll(true));
        button(pick, "None", "Pick no request").addListener(SWT.Selection, e -> pickAll(false));
        preview = new Label(pick, SWT.NONE);
        preview.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        preview.setText("Select a row to preview it as it will be sent.");

        createTargetControls(parent);
        createMapEditor(parent);
        createRunButtons(parent);
        setStatus(keys.problem() != null ? keys.problem() : "Load a capture to list its registration requests.");
        if (captures != null && captures.current() != null) {
            loadFromAnalysis();
        }
        updateButtons();
    }

    private void createMapEditor(Composite parent) {
        Composite box = new Composite(parent, SWT.NONE);
        box.setLayout(noMargins(6));
        box.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(box, SWT.NONE).setText("Rewrite:");
        oldText = new Text(box, SWT.BORDER);
        oldText.setMessage("old address");
        oldText.setToolTipText("Address as it is in the capture (Home Address, Home Agent, Care-of Address, source)");
        GridData og = new GridData(SWT.FILL, SWT.CENTER, true, false);
        og.widthHint = 85;
        oldText.setLayoutData(og);
        new Label(box, SWT.NONE).setText("→");
        newText = new Text(box, SWT.BORDER);
        newText.setMessage("new address");
        newText.setToolTipText("Address sent instead");
        GridData ng = new GridData(SWT.FILL, SWT.CENTER, true, false);
        ng.widthHint = 85;
        newText.setLayoutData(ng);
        button(box, "Add", "Add or replace this mapping").addListener(SWT.Selection,
                e -> addMapping(oldText.getText(), newText.getText()));
        button(box, "Remove", "Remove the selected mappings").addListener(SWT.Selection, e -> {
            mapTable.remove(mapTable.getSelectionIndices());
            mapChanged();
        });
        mapTable = new Table(box, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL);
        mapTable.setLinesVisible(true);
        mapTable.setToolTipText("Rewrite map: every address field equal to Old is sent as New");
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, false, 6, 1);
        gd.heightHint = mapTable.getItemHeight() * 2;
        mapTable.setLayoutData(gd);
        column(mapTable, "Old", 130, SWT.LEFT);
        column(mapTable, "New", 130, SWT.LEFT);
    }

    private void createTargetControls(Composite parent) {
        Composite box = new Composite(parent, SWT.NONE);
        box.setLayout(noMargins(4));
        box.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(box, SWT.NONE).setText("Target:");
        targetText = new Text(box, SWT.BORDER);
        targetText.setText(RunSupport.format(TestbedSession.BUILT_IN_HOME_AGENT));
        targetText.setToolTipText("Home agent to replay to (IPv4:PORT); default: the built-in agent");
        GridData tg = new GridData(SWT.FILL, SWT.CENTER, true, false);
        tg.widthHint = 120;
        targetText.setLayoutData(tg);
        targetText.addListener(SWT.Modify, e -> invalidate());
        new Label(box, SWT.NONE).setText("Key:");
        keyCombo = new Combo(box, SWT.READ_ONLY);
        keyCombo.add("stored key of each captured SPI");
        for (String l : keys.labels()) {
            keyCombo.add(l + " for every request");
        }
        int builtIn = keys.indexOf(TestbedSession.BUILT_IN_SPI);
        keyCombo.select(builtIn >= 0 ? builtIn + 1 : 0);
        keyCombo.setToolTipText("MN-HA association (from the key table in Preferences) the requests are re-signed "
                + "with; keys are never shown");
        GridData kg = new GridData(SWT.FILL, SWT.CENTER, true, false);
        kg.widthHint = 180;
        keyCombo.setLayoutData(kg);
        keyCombo.addListener(SWT.Selection, e -> mapChanged());
        new Label(box, SWT.NONE).setText("Timing:");
        Composite timing = new Composite(box, SWT.NONE);
        timing.setLayout(noMargins(3));
        timing.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        stepRadio = new Button(timing, SWT.RADIO);
        stepRadio.setText("Stepwise");
        stepRadio.setToolTipText("Step sends the next picked request and waits for its reply");
        stepRadio.setSelection(true);
        timedRadio = new Button(timing, SWT.RADIO);
        timedRadio.setText("Timed, speed ×");
        timedRadio.setToolTipText("Run sends every picked request at the capture's spacing divided by the speed");
        speed = new Spinner(timing, SWT.BORDER);
        speed.setValues(10, 0, 1000, 1, 5, 10); // 0.0 .. 100.0, default 1.0
        speed.setToolTipText("Speed factor: 1.0 = original timing, 0 = back to back");
        stepRadio.addListener(SWT.Selection, e -> {
            invalidate();
            updateButtons();
        });
    }

    private void createRunButtons(Composite parent) {
        Composite buttons = new Composite(parent, SWT.NONE);
        buttons.setLayout(noMargins(5));
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        runButton = button(buttons, "Step", "Send the next picked request (Stepwise) or all of them (Timed)");
        GridData rg = new GridData();
        rg.widthHint = 90;
        runButton.setLayoutData(rg);
        runButton.addListener(SWT.Selection, e -> run());
        cancelButton = button(buttons, "Cancel", "Stop the running replay after the current request");
        cancelButton.addListener(SWT.Selection, e -> cancel());
        button(buttons, "Reset", "Clear the replayed codes and start again from the first picked request")
                .addListener(SWT.Selection, e -> reset());
        button(buttons, "Export…", "Save the report (.txt table, .json) or the exchanged packets (.pcapng)")
                .addListener(SWT.Selection, e -> export());
        status = new Label(buttons, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
    }

    // ---- loading ----

    private void loadFromAnalysis() {
        OpenCapture c = captures == null ? null : captures.current();
        if (c == null) {
            setStatus("No capture is open in Analysis.");
            return;
        }
        load(c.path());
    }

    private void browse() {
        FileDialog d = new FileDialog(root.getShell(), SWT.OPEN);
        d.setFilterExtensions(new String[] {"*.pcap;*.pcapng;*.cap;*.gz", "*"});
        String f = d.open();
        if (f != null) {
            load(Path.of(f));
        }
    }

    /** Reads {@code file}'s registration requests in a job; the table fills when it ends. Returns the job. */
    Job load(Path file) {
        int port = portSpinner.getSelection();
        captureText.setText(file.toString());
        setStatus("Reading registration requests of " + file.getFileName() + "…");
        Job j = Job.create("Reading registrations of " + file.getFileName(), monitor -> {
            try {
                // the Decode As setting (Analyze > Decode As), this MIP port, and the ports the file records
                List<CapturedRegistration> regs = CaptureRegistrations.read(file,
                        UiPreferences.load().mipConfig().withMorePorts(port > 0 ? List.of(port) : List.of()));
                RunSupport.ui(root, () -> show(file, regs));
                return Status.OK_STATUS;
            } catch (Exception e) {
                RunSupport.ui(root, () -> setStatus("Cannot read " + file.getFileName() + ": " + e.getMessage()));
                return Status.OK_STATUS;
            }
        });
        j.schedule();
        return j;
    }

    private void show(Path file, List<CapturedRegistration> regs) {
        captured = List.copyOf(regs);
        results.clear();
        session = null;
        requests.removeAll();
        long t0 = regs.isEmpty() ? 0 : regs.get(0).timestampNanos();
        for (CapturedRegistration c : regs) {
            TableItem it = new TableItem(requests, SWT.NONE);
            it.setData(c);
            it.setChecked(true);
            it.setText(COL_FRAME, Long.toString(c.frame()));
            it.setText(COL_TIME, String.format(Locale.ROOT, "+%.3f", (c.timestampNanos() - t0) / 1e9));
            int bid = ReplayPreview.bid(c.request());
            it.setText(COL_BID, bid < 0 ? "" : Integer.toString(bid));
            it.setText(COL_CAPTURED, c.answered() ? Integer.toString(c.capturedCode()) : "—");
        }
        refreshRows();
        setStatus(regs.isEmpty() ? "No registration request in " + file.getFileName()
                + " (an agent on another port: set the MIP port, or Analyze > Decode As)"
                : regs.size() + " registration requests in "
                        + file.getFileName());
        updateButtons();
    }

    // ---- map and keys ----

    /** Adds (or replaces) one mapping row; shows the problem and returns false when an address is bad. */
    boolean addMapping(String from, String to) {
        try {
            new AddressMap().add(from.trim(), to.trim());
        } catch (IllegalArgumentException e) {
            setStatus("Rewrite map: " + e.getMessage());
            return false;
        }
        for (TableItem it : mapTable.getItems()) {
            if (it.getText(0).equals(from.trim())) {
                it.dispose();
            }
        }
        new TableItem(mapTable, SWT.NONE).setText(new String[] {from.trim(), to.trim()});
        oldText.setText("");
        newText.setText("");
        mapChanged();
        return true;
    }

    AddressMap addressMap() {
        AddressMap m = new AddressMap();
        for (TableItem it : mapTable.getItems()) {
            m.add(it.getText(0), it.getText(1));
        }
        return m;
    }

    /** The key choice: index 0 = by captured SPI, i = stored entry i-1 for every request. */
    void selectKey(int index) {
        keyCombo.select(index);
        mapChanged();
    }

    KeyTable keyTable() {
        int i = keyCombo.getSelectionIndex();
        return i <= 0 ? keys.table() : ReplayKeys.everyRequestWith(keys.entries().get(i - 1).toAssociation());
    }

    private void mapChanged() {
        invalidate();
        refreshRows();
        updatePreview();
    }

    // ---- running ----

    void setStepwise(boolean stepwise, double speedFactor) {
        stepRadio.setSelection(stepwise);
        timedRadio.setSelection(!stepwise);
        speed.setSelection((int) Math.round(speedFactor * 10));
        invalidate();
        updateButtons();
    }

    void setTarget(String target) {
        targetText.setText(target);
    }

    /** The main button: Step (stepwise) or Run (timed). Returns the job, or null when nothing could start. */
    Job run() {
        if (job != null) {
            return null;
        }
        ReplayOptions options;
        try {
            options = new ReplayOptions(RunSupport.parseTarget(targetText.getText()), addressMap(), keyTable(),
                    ReplayTiming.STEP, Duration.ofMillis(1000), 2, null);
        } catch (IllegalArgumentException e) {
            setStatus(e.getMessage());
            return null;
        }
        boolean stepwise = stepRadio.getSelection();
        if (session == null || !session.hasNext() || !stepwise) {
            List<CapturedRegistration> picked = picked();
            if (picked.isEmpty()) {
                setStatus("Pick at least one request.");
                return null;
            }
            log = new ExchangeLog();
            session = new ReplaySession(picked, new ReplayOptions(options.target(), options.map(), options.keys(),
                    ReplayTiming.STEP, options.replyTimeout(), options.transmissions(), log));
            results.clear();
            refreshRows();
        }
        ReplaySession s = session;
        double factor = speed.getSelection() / 10.0;
        String[] problem = {null}; // a failure message must not be replaced by the summary
        Job j = Job.create(stepwise ? "Replay: step" : "Replay", monitor -> {
            try {
                if (stepwise) {
                    monitor.beginTask("Replaying frame " + s.peek().frame(), 1);
                    ReplayEntry e = s.step();
                    RunSupport.ui(root, () -> showEntry(e));
                } else {
                    monitor.beginTask("Replaying " + s.requests().size() + " requests", s.requests().size());
                    s.runTimed(factor, monitor::isCanceled, e -> {
                        monitor.worked(1);
                        monitor.subTask("frame " + e.captured().frame() + " → " + code(e));
                        RunSupport.ui(root, () -> showEntry(e));
                    });
                }
                return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Status.CANCEL_STATUS;
            } catch (Exception e) {
                problem[0] = "Replay failed: " + e.getMessage();
                return Status.OK_STATUS;
            } finally {
                RunSupport.ui(root, () -> {
                    job = null;
                    summarize();
                    if (problem[0] != null) {
                        setStatus(problem[0]);
                    }
                    updateButtons();
                });
            }
        });
        job = j;
        j.setUser(false);
        j.schedule();
        updateButtons();
        return j;
    }

    void cancel() {
        Job j = job;
        if (j != null) {
            j.cancel();
        }
    }

    void reset() {
        if (job != null) {
            return;
        }
        session = null;
        results.clear();
        refreshRows();
        summarize();
        updateButtons();
    }

    /** Forgets the step session so the next Step/Run uses the current picks, map, key and target. */
    private void invalidate() {
        if (job == null) {
            session = null;
        }
    }

    private List<CapturedRegistration> picked() {
        List<CapturedRegistration> out = new ArrayList<>();
        for (TableItem it : requests.getItems()) {
            if (it.getChecked()) {
                out.add((CapturedRegistration) it.getData());
            }
        }
        return out;
    }

    private void pickAll(boolean on) {
        for (TableItem it : requests.getItems()) {
            it.setChecked(on);
        }
        invalidate();
        updateButtons();
    }

    // ---- presentation ----

    private void showEntry(ReplayEntry e) {
        results.put(e.captured().frame(), e);
        refreshRows();
        summarize();
        updateButtons();
    }

    private void refreshRows() {
        AddressMap map;
        try {
            map = addressMap();
        } catch (IllegalArgumentException e) {
            map = new AddressMap();
        }
        for (TableItem it : requests.getItems()) {
            CapturedRegistration c = (CapturedRegistration) it.getData();
            it.setText(COL_HOA, ReplayPreview.mapped(c.request().homeAddress(), map));
            it.setText(COL_COA, ReplayPreview.mapped(c.request().careOfAddress(), map));
            ReplayEntry e = results.get(c.frame());
            it.setText(COL_REPLAYED, e == null ? "" : code(e));
            it.setText(COL_RESULT, e == null ? "" : !e.compared() ? "not compared" : e.matches() ? "match"
                    : "MISMATCH");
            it.setBackground(e == null || !e.compared() ? null : e.matches() ? RunSupport.PASS : RunSupport.FAIL);
        }
    }

    private void updatePreview() {
        int i = requests.getSelectionIndex();
        if (i < 0) {
            preview.setText("");
            return;
        }
        CapturedRegistration c = (CapturedRegistration) requests.getItem(i).getData();
        String text;
        try {
            text = ReplayPreview.describe(c, addressMap(), keyTable());
        } catch (IllegalArgumentException e) {
            text = e.getMessage();
        }
        ReplayEntry e = results.get(c.frame());
        if (e != null && !e.notes().isEmpty()) {
            text += " — " + String.join("; ", e.notes());
        }
        preview.setText(text);
        preview.setToolTipText(text);
        preview.getParent().layout();
    }

    private void summarize() {
        if (session == null) {
            setStatus(captured.size() + " registration requests, " + picked().size() + " picked");
            return;
        }
        var r = session.report();
        setStatus(String.format(Locale.ROOT, "%d of %d replayed, %d compared, %d mismatches%s",
                r.entries().size(), session.requests().size(), r.compared(), r.mismatches(),
                session.hasNext() ? "" : " — done"));
    }

    private void updateButtons() {
        if (runButton == null || runButton.isDisposed()) {
            return;
        }
        boolean stepwise = stepRadio.getSelection();
        boolean running = job != null;
        String label = stepwise ? (session != null && session.hasNext()
                ? "Step " + (session.position() + 1) + "/" + session.requests().size() : "Step") : "Run";
        runButton.setText(label);
        runButton.setEnabled(!running && !captured.isEmpty());
        cancelButton.setEnabled(running);
        runButton.getParent().layout();
    }

    private static String code(ReplayEntry e) {
        return e.result().reply() == null ? e.result().verdict().label() : Integer.toString(e.actualCode());
    }

    private void export() {
        if (session == null || session.report().entries().isEmpty()) {
            setStatus("Nothing replayed yet.");
            return;
        }
        FileDialog d = new FileDialog(root.getShell(), SWT.SAVE);
        d.setFilterExtensions(new String[] {"*.txt", "*.json", "*.pcapng"});
        d.setFileName("replay-report.txt");
        d.setOverwrite(true);
        String f = d.open();
        if (f != null) {
            try {
                setStatus("Saved " + exportTo(Path.of(f)));
            } catch (Exception e) {
                setStatus("Export failed: " + e.getMessage());
            }
        }
    }

    /** Writes the report (.json: the CLI's JSON; .pcapng: the exchanged packets; else the text table). */
    Path exportTo(Path file) throws Exception {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pcapng")) {
            log.writePcapng(file, "multitunnel replay of " + captureText.getText());
        } else {
            String text = name.endsWith(".json") ? ReplayText.json(session.report()) + "\n"
                    : ReplayText.table(session.report());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        return file;
    }

    /** The status line sits beside the buttons: long texts are cut, so the tooltip repeats them. */
    private void setStatus(String text) {
        status.setText(text);
        status.setToolTipText(text);
    }

    Table requestTable() {
        return requests;
    }

    Job job() {
        return job;
    }

    String statusText() {
        return status.getText();
    }

    // ---- widgets ----

    private static Composite row(Composite parent, int columns) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(noMargins(columns));
        c.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return c;
    }

    static GridLayout noMargins(int columns) {
        GridLayout l = new GridLayout(columns, false);
        l.marginWidth = 0;
        l.marginHeight = 0;
        return l;
    }

    static Button button(Composite parent, String text, String tip) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tip);
        return b;
    }

    static TableColumn column(Table t, String text, int width, int align) {
        TableColumn c = new TableColumn(t, align);
        c.setText(text);
        c.setWidth(width);
        return c;
    }

    @PreDestroy
    void dispose() {
        cancel();
    }
}

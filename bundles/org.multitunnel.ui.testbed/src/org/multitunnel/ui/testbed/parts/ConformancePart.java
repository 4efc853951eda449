package org.multitunnel.ui.testbed.parts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.multitunnel.agent.conformance.ConformanceConfig;
import org.multitunnel.agent.conformance.ConformanceReport;
import org.multitunnel.agent.conformance.ConformanceRunner;
import org.multitunnel.agent.conformance.HtmlReport;
import org.multitunnel.agent.conformance.JUnitReport;
import org.multitunnel.agent.conformance.Scenario;
import org.multitunnel.agent.conformance.ScenarioResult;
import org.multitunnel.agent.conformance.Scenarios;
import org.multitunnel.ui.prefs.KeyStore;
import org.multitunnel.ui.session.CaptureSessionService;
import org.multitunnel.ui.testbed.StoredKeys;
import org.multitunnel.ui.testbed.TestbedSession;
import org.multitunnel.ui.testbed.conformance.ScenarioPackets;
import org.multitunnel.wire.mip.auth.SecurityAssociation;

/**
 * Conformance (issue 8): the scenario checklist (rule id, title, source; the statement tested as tooltip; all, none
 * or one specification), a target and key (default: the built-in home agent and SPI 4096), a cancellable run with
 * per-scenario progress, verdicts coloured in the same rows, a double-click opening that scenario's exchanged
 * packets in the Analysis perspective, and JUnit XML / HTML export. The engine is the CLI's ConformanceRunner.
 */
public class ConformancePart {
    static final int COL_RULE = 0, COL_VERDICT = 1, COL_MESSAGE = 2, COL_TIME = 3, COL_TITLE = 4, COL_SOURCE = 5;
    static final String ANALYSIS_PERSPECTIVE = "org.multitunnel.ui.perspective.analysis";

    @Inject
    @Optional
    KeyStore keyStore;
    @Inject
    @Optional
    CaptureSessionService captures;
    @Inject
    @Optional
    MApplication application;
    @Inject
    @Optional
    EModelService models;
    @Inject
    @Optional
    EPartService partService;

    private Composite root;
    private Text targetText;
    private Combo keyCombo;
    private Text denyText;
    private Combo specCombo;
    private Table table;
    private Button runButton;
    private Button cancelButton;
    private ProgressBar progress;
    private Label status;

    private StoredKeys keys;
    private final List<Scenario> scenarios = Scenarios.all();
    private Job job;
    private ConformanceReport report;
    private ScenarioPackets packets;
    private Path packetDir;
    private Consumer<Path> captureOpener = this::openInAnalysis;

    @PostConstruct
    void create(Composite parent) {
        root = parent;
        parent.setLayout(new GridLayout(1, false));
        keys = StoredKeys.load(keyStore);

        Composite top = new Composite(parent, SWT.NONE);
        top.setLayout(ReplayPart.noMargins(4));
        top.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(top, SWT.NONE).setText("Target:");
        targetText = new Text(top, SWT.BORDER);
        targetText.setText(RunSupport.format(TestbedSession.BUILT_IN_HOME_AGENT));
        targetText.setToolTipText("Home agent under test (IPv4:PORT); default: the built-in agent");
        targetText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(top, SWT.NONE).setText("Key:");
        keyCombo = new Combo(top, SWT.READ_ONLY);
        keyCombo.add("no key (scenarios needing it are skipped)");
        keys.labels().forEach(keyCombo::add);
        int builtIn = keys.indexOf(TestbedSession.BUILT_IN_SPI);
        keyCombo.select(builtIn >= 0 ? builtIn + 1 : keys.entries().isEmpty() ? 0 : 1);
        keyCombo.setToolTipText("The MN-HA association shared with the agent (key table in Preferences)");

        Composite pick = new Composite(parent, SWT.NONE);
        pick.setLayout(ReplayPart.noMargins(6));
        pick.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(pick, SWT.NONE).setText("Deny-multipath HoA:");
        denyText = new Text(pick, SWT.BORDER);
        denyText.setMessage("optional");
        denyText.setToolTipText("A home address the agent is configured to refuse multipath to (152, MTS02/MIR "
                + "denials); those scenarios are skipped when empty");
        GridData dg = new GridData(SWT.FILL, SWT.CENTER, false, false);
        dg.widthHint = 100;
        denyText.setLayoutData(dg);
        ReplayPart.button(pick, "All", "Check every scenario").addListener(SWT.Selection, e -> check(s -> true));
        ReplayPart.button(pick, "None", "Check no scenario").addListener(SWT.Selection, e -> check(s -> false));
        new Label(pick, SWT.NONE).setText("Only:");
        specCombo = new Combo(pick, SWT.READ_ONLY);
        specCombo.add("(choose a document)");
        documents().forEach(specCombo::add);
        specCombo.select(0);
        specCombo.addListener(SWT.Selection, e -> {
            if (specCombo.getSelectionIndex() > 0) {
                checkDocument(specCombo.getText());
            }
        });

        table = new Table(parent, SWT.CHECK | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        // verdict next to the rule id so it stays visible in a narrow part; the hover shows the statement
        ReplayPart.column(table, "Rule", 235, SWT.LEFT);
        ReplayPart.column(table, "Verdict", 65, SWT.LEFT);
        ReplayPart.column(table, "Message", 260, SWT.LEFT);
        ReplayPart.column(table, "ms", 50, SWT.RIGHT);
        ReplayPart.column(table, "Title", 300, SWT.LEFT);
        ReplayPart.column(table, "Source", 130, SWT.LEFT);
        for (Scenario s : scenarios) {
            TableItem it = new TableItem(table, SWT.NONE);
            it.setData(s);
            it.setChecked(true);
            it.setText(new String[] {s.ruleId(), "", "", "", s.title(), s.source()});
        }
        table.addListener(SWT.MouseHover, e -> {
            TableItem it = table.getItem(new org.eclipse.swt.graphics.Point(e.x, e.y));
            table.setToolTipText(it == null ? null : tooltip(it));
        });
        table.addListener(SWT.DefaultSelection, e -> {
            if (e.item instanceof TableItem it) {
                openPackets(((Scenario) it.getData()).ruleId());
            }
        });

        Composite run = new Composite(parent, SWT.NONE);
        run.setLayout(ReplayPart.noMargins(5));
        run.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        runButton = ReplayPart.button(run, "Run", "Run the checked scenarios against the target");
        runButton.addListener(SWT.Selection, e -> run());
        cancelButton = ReplayPart.button(run, "Cancel", "Stop at the next exchange");
        cancelButton.addListener(SWT.Selection, e -> cancel());
        ReplayPart.button(run, "JUnit XML…", "Save the verdicts as a JUnit XML testsuite")
                .addListener(SWT.Selection, e -> export(".xml"));
        ReplayPart.button(run, "HTML…", "Save the verdicts as an HTML report")
                .addListener(SWT.Selection, e -> export(".html"));
        progress = new ProgressBar(run, SWT.HORIZONTAL | SWT.SMOOTH);
        progress.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        status = new Label(parent, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        status.setText(keys.problem() != null ? keys.problem() : keys.entries().isEmpty()
                ? "No MN-HA key in the key table (Window > Preferences): scenarios needing one will be skipped."
                : scenarios.size() + " scenarios. Double-click a verdict to open its packets in Analysis.");
        updateButtons();
    }

    private static String tooltip(TableItem it) {
        Scenario s = (Scenario) it.getData();
        String verdict = it.getText(COL_MESSAGE).isEmpty() ? "" : "\n\n" + it.getText(COL_VERDICT) + ": "
                + it.getText(COL_MESSAGE);
        return s.source() + ": " + s.statement() + verdict;
    }

    /** The document prefixes of the rule ids (RFC7629, RFC5944, MTS02, MIR, …) in suite order. */
    private List<String> documents() {
        Set<String> out = new LinkedHashSet<>();
        for (Scenario s : scenarios) {
            int dash = s.ruleId().indexOf('-');
            out.add(dash < 0 ? s.ruleId() : s.ruleId().substring(0, dash));
        }
        return new ArrayList<>(out);
    }

    private void check(java.util.function.Predicate<Scenario> p) {
        for (TableItem it : table.getItems()) {
            it.setChecked(p.test((Scenario) it.getData()));
        }
        updateButtons();
    }

    void checkDocument(String document) {
        check(s -> s.ruleId().startsWith(document + "-"));
    }

    /** Checks exactly the scenarios with these rule ids (tests, and "run again" of a subset). */
    void checkOnly(Set<String> ruleIds) {
        check(s -> ruleIds.contains(s.ruleId()));
    }

    void setTarget(String target) {
        targetText.setText(target);
    }

    /** 0 = no key, i = stored entry i-1. */
    void selectKey(int index) {
        keyCombo.select(index);
    }

    void setDenyMultipathHoa(String hoa) {
        denyText.setText(hoa);
    }

    void setCaptureOpener(Consumer<Path> opener) {
        captureOpener = opener;
    }

    private List<Scenario> checked() {
        List<Scenario> out = new ArrayList<>();
        for (TableItem it : table.getItems()) {
            if (it.getChecked()) {
                out.add((Scenario) it.getData());
            }
        }
        return out;
    }

    /** Starts a run of the checked scenarios; returns its job, or null when the input is incomplete. */
    Job run() {
        if (job != null) {
            return null;
        }
        List<Scenario> picked = checked();
        ConformanceConfig config;
        try {
            if (picked.isEmpty()) {
                throw new IllegalArgumentException("Check at least one scenario.");
            }
            int k = keyCombo.getSelectionIndex();
            SecurityAssociation sa = k <= 0 ? null : keys.entries().get(k - 1).toAssociation();
            config = ConformanceConfig.defaults(RunSupport.parseTarget(targetText.getText()), sa);
            if (!denyText.getText().isBlank()) {
                config = config.withDenyMultipathHoa(ConformanceConfig.list(denyText.getText().trim()).get(0));
            }
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            return null;
        }
        for (TableItem it : table.getItems()) {
            for (int c = COL_VERDICT; c <= COL_TIME; c++) {
                it.setText(c, "");
            }
            it.setBackground(null);
        }
        report = null;
        ConformanceRunner runner = new ConformanceRunner(config);
        ScenarioPackets tracker = new ScenarioPackets(runner.log());
        packets = tracker;
        packetDir = null;
        progress.setMaximum(picked.size());
        progress.setSelection(0);
        Job j = new Job("Conformance: " + picked.size() + " scenarios against " + targetText.getText().trim()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask("Conformance", picked.size());
                try {
                    ConformanceReport r = runner.run(picked, new ConformanceRunner.ProgressListener() {
                        @Override
                        public void started(Scenario s, int index, int total) {
                            tracker.started(s);
                            monitor.subTask((index + 1) + "/" + total + " " + s.ruleId());
                            RunSupport.ui(root, () -> showRunning(s, index, total));
                        }

                        @Override
                        public void finished(ScenarioResult result, int index, int total) {
                            tracker.finished(result.scenario());
                            monitor.worked(1);
                            RunSupport.ui(root, () -> showResult(result, index + 1));
                        }
                    });
                    RunSupport.ui(root, () -> finished(r));
                    return r.cancelled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
                } finally {
                    RunSupport.ui(root, () -> {
                        job = null;
                        updateButtons();
                    });
                }
            }

            @Override
            protected void canceling() {
                runner.cancel();
            }
        };
        job = j;
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

    private TableItem item(Scenario s) {
        for (TableItem it : table.getItems()) {
            if (it.getData() == s) {
                return it;
            }
        }
        return null;
    }

    private void showRunning(Scenario s, int index, int total) {
        TableItem it = item(s);
        if (it != null) {
            it.setText(COL_VERDICT, "running…");
            table.showItem(it);
        }
        status.setText("Running " + (index + 1) + "/" + total + ": " + s.ruleId());
    }

    private void showResult(ScenarioResult r, int done) {
        TableItem it = item(r.scenario());
        if (it != null) {
            it.setText(COL_VERDICT, r.status().name().toLowerCase(Locale.ROOT));
            it.setText(COL_MESSAGE, r.message());
            it.setText(COL_TIME, Long.toString(r.duration().toMillis()));
            it.setBackground(colour(r.status()));
        }
        progress.setSelection(done);
    }

    private static Color colour(ScenarioResult.Status s) {
        return switch (s) {
            case PASSED -> RunSupport.PASS;
            case FAILED -> RunSupport.FAIL;
            case ERROR -> RunSupport.ERROR;
            case SKIPPED -> RunSupport.SKIP;
        };
    }

    private void finished(ConformanceReport r) {
        report = r;
        status.setText(String.format(Locale.ROOT, "%d passed, %d failed, %d errors, %d skipped in %.1f s%s",
                r.count(ScenarioResult.Status.PASSED), r.count(ScenarioResult.Status.FAILED),
                r.count(ScenarioResult.Status.ERROR), r.count(ScenarioResult.Status.SKIPPED),
                r.duration().toMillis() / 1000.0, r.cancelled() ? " (cancelled)" : ""));
    }

    /** Writes scenario {@code ruleId}'s exchanged packets as pcapng and opens them; returns the file or null. */
    Path openPackets(String ruleId) {
        if (packets == null || packets.packets(ruleId).isEmpty()) {
            status.setText(ruleId + ": no packets exchanged (not run yet, or skipped).");
            return null;
        }
        try {
            if (packetDir == null) {
                packetDir = Files.createTempDirectory("multitunnel-conformance-");
                packetDir.toFile().deleteOnExit(); // removed at exit after its files (deleted in reverse order)
            }
            Path file = packetDir.resolve(ruleId + ".pcapng");
            int n = packets.write(ruleId, file);
            file.toFile().deleteOnExit();
            status.setText(ruleId + ": " + n + " packets → " + file);
            captureOpener.accept(file);
            return file;
        } catch (Exception e) {
            status.setText("Cannot write the packets of " + ruleId + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * Switches to Analysis first and opens the file once the double-click has been handled, so the Analysis views
     * exist (and show the previous capture) when the new one is published — the order of File > Open there.
     */
    private void openInAnalysis(Path file) {
        if (captures == null) {
            return;
        }
        if (application != null && models != null && partService != null
                && models.find(ANALYSIS_PERSPECTIVE, application) instanceof MPerspective p) {
            partService.switchPerspective(p);
        }
        root.getDisplay().asyncExec(() -> captures.open(file));
    }

    private void export(String extension) {
        if (report == null) {
            status.setText("Run the scenarios first.");
            return;
        }
        FileDialog d = new FileDialog(root.getShell(), SWT.SAVE);
        d.setFilterExtensions(new String[] {"*" + extension});
        d.setFileName("conformance" + extension);
        d.setOverwrite(true);
        String f = d.open();
        if (f != null) {
            try {
                exportTo(Path.of(f));
                status.setText("Saved " + f);
            } catch (Exception e) {
                status.setText("Export failed: " + e.getMessage());
            }
        }
    }

    /** Writes the last run as JUnit XML (.xml) or HTML (anything else). */
    void exportTo(Path file) throws Exception {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml")) {
            JUnitReport.write(report, file);
        } else {
            HtmlReport.write(report, file);
        }
    }

    private void updateButtons() {
        if (runButton.isDisposed()) {
            return;
        }
        runButton.setEnabled(job == null);
        cancelButton.setEnabled(job != null);
    }

    Table table() {
        return table;
    }

    ConformanceReport report() {
        return report;
    }

    Job job() {
        return job;
    }

    String statusText() {
        return status.getText();
    }

    @PreDestroy
    void dispose() {
        cancel();
    }
}

package org.multitunnel.ui.testbed.load;

import java.io.IOException;
import java.nio.file.Path;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.jfree.chart.swt.ChartComposite;
import org.multitunnel.agent.load.LoadSettings;
import org.multitunnel.ui.prefs.KeyStore;
import org.multitunnel.ui.testbed.StoredKeys;
import org.multitunnel.ui.testbed.TestbedSession;
import org.multitunnel.wire.mip.auth.SecurityAssociation;

/**
 * Testbed &gt; Load: node emulation against a home agent from the GUI — the controls of {@code multitunnel load}
 * (target, nodes, BIDs, rate, duration, key, refresh, lifetime, sources, flow bindings, the owner's word for a
 * target off loopback), Run and Stop (Stop de-registers, a second Stop abandons), and the charts of requests per
 * second and latency over time, live while it runs. Open shows a JSON report written by the command line; Save
 * writes the finished run's report. The state lives in {@link LoadModel}; this class binds widgets to it.
 */
public class LoadPart {
    @Inject
    @Optional
    KeyStore keyStore;

    private final LoadModel model = new LoadModel();
    private final LoadCharts charts = new LoadCharts();
    private Composite root;
    private Text target;
    private Text nodes;
    private Text bids;
    private Text rate;
    private Text duration;
    private Text refresh;
    private Text lifetime;
    private Text sources;
    private Combo key;
    private Button flows;
    private Button own;
    private Button run;
    private Button stop;
    private Button save;
    private Label status;
    private StoredKeys keys;
    private boolean refreshPending;

    @PostConstruct
    void create(Composite parent) {
        root = parent;
        parent.setLayout(new GridLayout(1, false));
        keys = StoredKeys.load(keyStore);

        Composite form = new Composite(parent, SWT.NONE);
        form.setLayout(new GridLayout(10, false));
        form.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        target = field(form, "Target:", org.multitunnel.agent.net.Ipv4.text(TestbedSession.BUILT_IN_HOME_AGENT), 130,
                "Home agent under load (IPv4:PORT); off loopback only with 'I own this target'");
        nodes = field(form, "Nodes:", "1000", 60, "Emulated mobile nodes");
        bids = field(form, "BIDs:", "4", 30, "Care-of addresses per node (RFC 7629 BIDs 1..K)");
        rate = field(form, "Rate/s:", "2000", 60, "Requests per second on the wire, retransmissions included");
        duration = field(form, "Duration s:", "20", 40, "Seconds of registering and refreshing, then de-registration");
        new Label(form, SWT.NONE).setText("Key:");
        key = new Combo(form, SWT.READ_ONLY);
        keys.labels().forEach(key::add);
        int builtIn = keys.indexOf(TestbedSession.BUILT_IN_SPI);
        if (!keys.entries().isEmpty()) {
            key.select(Math.max(0, builtIn));
        }
        key.setToolTipText("The MN-HA association shared with the agent (key table in Preferences); never shown");
        key.setLayoutData(span(new GridData(SWT.FILL, SWT.CENTER, false, false), 3));
        refresh = field(form, "Refresh:", Double.toString(LoadSettings.DEFAULT_REFRESH), 40,
                "Re-register at the latest when this fraction of the granted lifetime has passed");
        lifetime = field(form, "Lifetime s:", "", 50, "Requested lifetime; empty: long enough for the refresh round");
        sources = field(form, "Sources:", "", 130, "Source addresses, BID k from the ((k-1) mod n)-th; empty: "
                + "127.0.1.k on loopback, else the routed address");
        flows = new Button(form, SWT.CHECK);
        flows.setText("Flow bindings");
        flows.setToolTipText("Each registration carries an RFC 7629 Flow Binding Extension for its BID");
        own = new Button(form, SWT.CHECK);
        own.setText("I own this target");
        own.setToolTipText("Loading a home agent that is not yours is an attack: a target off loopback needs this");
        own.setLayoutData(span(new GridData(), 2));

        Composite buttons = new Composite(parent, SWT.NONE);
        buttons.setLayout(new GridLayout(5, false));
        run = button(buttons, "Run", "Start the load (same engine as multitunnel load)");
        run.addListener(SWT.Selection, e -> run());
        stop = button(buttons, "Stop", "Stop registering and de-register; press again to abandon");
        stop.addListener(SWT.Selection, e -> model.stop());
        button(buttons, "Open Report…", "Show a JSON report of multitunnel load --report")
                .addListener(SWT.Selection, e -> openWithDialog());
        save = button(buttons, "Save Report…", "Save this run's report as JSON");
        save.addListener(SWT.Selection, e -> saveWithDialog());
        status = new Label(parent, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        new ChartComposite(sash, SWT.NONE, charts.rate(), true);
        new ChartComposite(sash, SWT.NONE, charts.latency(), true);
        model.addListener(this::changedSomewhere);
        show();
    }

    private static GridData span(GridData d, int columns) {
        d.horizontalSpan = columns;
        return d;
    }

    private static Text field(Composite form, String label, String value, int width, String tip) {
        new Label(form, SWT.NONE).setText(label);
        Text t = new Text(form, SWT.BORDER);
        t.setText(value);
        t.setToolTipText(tip);
        GridData d = new GridData(SWT.FILL, SWT.CENTER, false, false);
        d.widthHint = width;
        t.setLayoutData(d);
        return t;
    }

    private static Button button(Composite parent, String text, String tip) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tip);
        return b;
    }

    /** Called on the generator's thread: one repaint per burst of changes, on the display thread. */
    private void changedSomewhere() {
        if (root.isDisposed()) {
            return;
        }
        synchronized (this) {
            if (refreshPending) {
                return;
            }
            refreshPending = true;
        }
        root.getDisplay().asyncExec(() -> {
            synchronized (this) {
                refreshPending = false;
            }
            if (!root.isDisposed()) {
                show();
            }
        });
    }

    private void show() {
        charts.show(model.series(), model.report());
        status.setText(model.summary());
        boolean busy = model.running();
        run.setEnabled(!busy);
        stop.setEnabled(busy);
        save.setEnabled(!busy && model.report() != null);
        root.layout(true, true);
    }

    /** Starts a load from the fields; false (and the reason in the status line) when they do not make one. */
    boolean run() {
        if (model.running()) {
            return false;
        }
        int k = key.getSelectionIndex();
        SecurityAssociation sa = k < 0 || keys.entries().isEmpty() ? null : keys.entries().get(k).toAssociation();
        LoadSettings settings;
        try {
            settings = new LoadForm(target.getText(), nodes.getText(), bids.getText(), rate.getText(),
                    duration.getText(), refresh.getText(), lifetime.getText(), sources.getText(), flows.getSelection(),
                    own.getSelection(), sa).settings();
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            return false;
        }
        model.start(settings);
        return true;
    }

    private void openWithDialog() {
        FileDialog d = new FileDialog(root.getShell(), SWT.OPEN);
        d.setFilterExtensions(new String[] { "*.json", "*" });
        String f = d.open();
        if (f != null) {
            open(Path.of(f));
        }
    }

    /** Shows the report in {@code file}; a file that is not one gets a one-line message in the status line. */
    void open(Path file) {
        try {
            model.open(file);
        } catch (IOException | RuntimeException e) {
            status.setText("Cannot open " + file.getFileName() + ": " + e.getMessage());
        }
    }

    private void saveWithDialog() {
        FileDialog d = new FileDialog(root.getShell(), SWT.SAVE);
        d.setFilterExtensions(new String[] { "*.json" });
        d.setFileName("load.json");
        d.setOverwrite(true);
        String f = d.open();
        if (f != null) {
            try {
                model.save(Path.of(f));
            } catch (IOException | RuntimeException e) {
                status.setText("Cannot save " + f + ": " + e.getMessage());
            }
        }
    }

    // ---- for tests ----

    LoadModel model() {
        return model;
    }

    LoadCharts charts() {
        return charts;
    }

    String statusText() {
        return status.getText();
    }

    void setFields(String targetText, String nodesText, String bidsText, String rateText, String durationText) {
        target.setText(targetText);
        nodes.setText(nodesText);
        bids.setText(bidsText);
        rate.setText(rateText);
        duration.setText(durationText);
    }

    @PreDestroy
    void dispose() {
        model.stop(); // a load left running de-registers and ends on its own thread
    }
}

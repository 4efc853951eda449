package org.multitunnel.ui.live;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.multitunnel.capture.live.CaptureFilters;
import org.multitunnel.capture.live.LiveCaptureException;
import org.multitunnel.capture.live.LiveInterface;

/**
 * Capture > Start Live Capture...: interface (with its addresses; loopback included), BPF filter, snaplen,
 * promiscuous mode and the output pcapng. The filter is compiled by libpcap on a background thread as the user
 * types (a hostname in a filter makes libpcap resolve it, which must not freeze the dialog); its complaint is
 * shown under the field and Start stays disabled until the filter compiles. Nothing is started here: after OK
 * the caller passes {@link #result()} to the session service.
 */
public final class LiveCaptureDialog extends TitleAreaDialog {
    private static final int FILTER_CHECK_DELAY_MS = 250;

    private final List<LiveInterface> interfaces;
    private final LiveCaptureSettings initial;
    private final AtomicInteger filterGeneration = new AtomicInteger();
    private Combo interfaceCombo;
    private Text filterText;
    private Label filterError;
    private Spinner snapLength;
    private Button promiscuous;
    private Text outputText;
    /** libpcap's complaint about the current filter text, "" when it compiles, null while a check is pending. */
    private String filterProblem;
    private LiveCaptureSettings result;
    /** The output path as last proposed by the dialog; while the field still shows it, it follows the interface. */
    private String proposedOutput;
    private String initialOrPreviousInterface;

    public LiveCaptureDialog(Shell parent, List<LiveInterface> interfaces, LiveCaptureSettings initial) {
        super(parent);
        this.interfaces = List.copyOf(interfaces);
        this.initial = initial;
        this.initialOrPreviousInterface = initial.interfaceName();
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Start Live Capture");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Live capture");
        setMessage("Packets are written to the pcapng file as they arrive; the views follow it.");
        Composite c = new Composite(area, SWT.NONE);
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        c.setLayout(new GridLayout(3, false));

        label(c, "&Interface:");
        interfaceCombo = new Combo(c, SWT.READ_ONLY | SWT.DROP_DOWN);
        interfaceCombo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        int selected = -1;
        for (int i = 0; i < interfaces.size(); i++) {
            interfaceCombo.add(describe(interfaces.get(i)));
            if (interfaces.get(i).name().equals(initial.interfaceName())) {
                selected = i;
            }
        }
        if (selected >= 0) {
            interfaceCombo.select(selected);
        }
        interfaceCombo.addListener(SWT.Selection, e -> {
            followInterfaceInOutput();
            validate();
        });

        label(c, "Capture &filter (BPF):");
        filterText = new Text(c, SWT.BORDER | SWT.SINGLE);
        GridData fd = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
        fd.widthHint = 520;
        filterText.setLayoutData(fd);
        filterText.setText(initial.filter());
        filterText.addListener(SWT.Modify, e -> scheduleFilterCheck());
        new Label(c, SWT.NONE);
        filterError = new Label(c, SWT.WRAP);
        filterError.setForeground(c.getDisplay().getSystemColor(SWT.COLOR_RED));
        filterError.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));

        label(c, "&Snapshot length:");
        snapLength = new Spinner(c, SWT.BORDER);
        snapLength.setValues(initial.snapLength(), 64, 262_144, 0, 1, 1024);
        new Label(c, SWT.NONE).setText("bytes per packet");

        new Label(c, SWT.NONE);
        promiscuous = new Button(c, SWT.CHECK);
        promiscuous.setText("&Promiscuous mode");
        promiscuous.setSelection(initial.promiscuous());
        promiscuous.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 2, 1));

        label(c, "&Output file:");
        outputText = new Text(c, SWT.BORDER | SWT.SINGLE);
        outputText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        proposedOutput = initial.output().toString();
        outputText.setText(proposedOutput);
        outputText.addListener(SWT.Modify, e -> validate());
        Button browse = new Button(c, SWT.PUSH);
        browse.setText("&Browse...");
        browse.addListener(SWT.Selection, e -> browse());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "&Start", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        scheduleFilterCheck();
    }

    private static void label(Composite c, String text) {
        new Label(c, SWT.NONE).setText(text);
    }

    static String describe(LiveInterface i) {
        StringBuilder b = new StringBuilder(i.name());
        if (i.loopback()) {
            b.append(" (loopback)");
        }
        if (!i.addresses().isEmpty()) {
            b.append("  ");
            for (int k = 0; k < i.addresses().size() && k < 3; k++) {
                b.append(k == 0 ? "" : ", ").append(i.addresses().get(k).getHostAddress());
            }
        }
        if (!i.up()) {
            b.append("  [down]");
        }
        if (!i.description().isEmpty()) {
            b.append(" — ").append(i.description());
        }
        return b.toString();
    }

    /** "live-eth0-…" becomes "live-lo-…" when lo is chosen, unless the user typed or browsed to a name. */
    private void followInterfaceInOutput() {
        int i = interfaceCombo.getSelectionIndex();
        if (i < 0 || !outputText.getText().equals(proposedOutput)) {
            return;
        }
        Path current = Path.of(proposedOutput);
        String old = "live-" + LiveCaptureSettings.fileSafe(initialOrPreviousInterface) + "-";
        String name = current.getFileName().toString();
        if (name.startsWith(old)) {
            String now = interfaces.get(i).name();
            proposedOutput = current.resolveSibling("live-" + LiveCaptureSettings.fileSafe(now) + "-"
                    + name.substring(old.length())).toString();
            outputText.setText(proposedOutput);
            initialOrPreviousInterface = now;
        }
    }

    private void browse() {
        FileDialog fd = new FileDialog(getShell(), SWT.SAVE);
        fd.setFilterExtensions(new String[] { "*.pcapng" });
        fd.setOverwrite(true);
        Path current = Path.of(outputText.getText().strip());
        if (current.getParent() != null) {
            fd.setFilterPath(current.getParent().toString());
        }
        fd.setFileName(current.getFileName() == null ? "" : current.getFileName().toString());
        String chosen = fd.open();
        if (chosen != null) {
            outputText.setText(chosen);
        }
    }

    /** Checks the filter off the UI thread shortly after the last keystroke; stale answers are dropped. */
    private void scheduleFilterCheck() {
        int generation = filterGeneration.incrementAndGet();
        filterProblem = null;
        validate();
        Display display = getShell().getDisplay();
        display.timerExec(FILTER_CHECK_DELAY_MS, () -> {
            if (filterText.isDisposed() || generation != filterGeneration.get()) {
                return;
            }
            String filter = filterText.getText();
            int snap = snapLength.getSelection();
            Thread t = new Thread(() -> {
                String problem;
                try {
                    Optional<String> p = CaptureFilters.problem(filter, snap);
                    problem = p.orElse("");
                } catch (LiveCaptureException e) {
                    problem = e.getMessage();
                }
                String answer = problem;
                if (!display.isDisposed()) {
                    display.asyncExec(() -> filterChecked(generation, answer));
                }
            }, "capture-filter-check");
            t.setDaemon(true);
            t.start();
        });
    }

    private void filterChecked(int generation, String problem) {
        if (filterText.isDisposed() || generation != filterGeneration.get()) {
            return;
        }
        filterProblem = problem;
        validate();
    }

    private void validate() {
        if (filterError == null || filterError.isDisposed()) {
            return;
        }
        String error = null;
        if (interfaceCombo.getSelectionIndex() < 0) {
            error = interfaces.isEmpty() ? "libpcap lists no interfaces (are you allowed to capture?)"
                    : "Choose an interface.";
        } else if (outputText.getText().isBlank()) {
            error = "Choose the output pcapng file.";
        }
        String fp = filterProblem;
        filterError.setText(fp == null || fp.isEmpty() ? "" : fp);
        filterError.getParent().layout(true);
        boolean filterOk = fp != null && fp.isEmpty();
        setErrorMessage(error != null ? error : fp != null && !fp.isEmpty() ? "Invalid capture filter" : null);
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(error == null && filterOk);
        }
    }

    @Override
    protected void okPressed() {
        LiveInterface itf = interfaces.get(interfaceCombo.getSelectionIndex());
        result = new LiveCaptureSettings(itf.name(), filterText.getText().strip(), snapLength.getSelection(),
                promiscuous.getSelection(), Path.of(outputText.getText().strip()).toAbsolutePath());
        super.okPressed();
    }

    /** The settings chosen (after OK), else null. */
    public LiveCaptureSettings result() {
        return result;
    }

    // ---- for tests: set the fields as a user would, then press Start --------------------------------------

    /** Selects the interface called {@code name}; false if the list does not have it. */
    public boolean selectInterface(String name) {
        for (int i = 0; i < interfaces.size(); i++) {
            if (interfaces.get(i).name().equals(name)) {
                interfaceCombo.select(i);
                followInterfaceInOutput();
                validate();
                return true;
            }
        }
        return false;
    }

    public void setFilter(String filter) {
        filterText.setText(filter); // triggers the check
    }

    /** The output file as the field shows it now. */
    public String output() {
        return outputText.getText();
    }

    public void setOutput(Path file) {
        outputText.setText(file.toString());
    }

    /** libpcap's complaint shown under the filter, "" when the filter compiles, null while being checked. */
    public String filterProblem() {
        return filterProblem;
    }

    /** Whether Start is enabled now. */
    public boolean canStart() {
        Button ok = getButton(IDialogConstants.OK_ID);
        return ok != null && ok.isEnabled();
    }

    /** Presses Start if it is enabled; returns whether it was. */
    public boolean pressStart() {
        if (!canStart()) {
            return false;
        }
        okPressed();
        return true;
    }

    @Override
    protected boolean isResizable() {
        return true;
    }
}

package org.multitunnel.ui.testbed.parts;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.multitunnel.agent.client.Verdict;
import org.multitunnel.ui.testbed.MessageSource;
import org.multitunnel.ui.testbed.TestbedSession;
import org.multitunnel.ui.testbed.agents.BuiltInAgentsService;
import org.multitunnel.ui.testbed.agents.HaSettings;
import org.multitunnel.ui.testbed.parts.send.ExchangeView;
import org.multitunnel.ui.testbed.parts.send.HistoryTable;
import org.multitunnel.ui.testbed.send.ExchangeExport;
import org.multitunnel.ui.testbed.send.SendJob;
import org.multitunnel.ui.testbed.send.SendSettings;
import org.multitunnel.ui.testbed.send.SentExchange;

/**
 * Send: the composer's current registration to a target (the built-in home agent by default) from a chosen source
 * address, with retransmissions and a timeout, in a background job (Ctrl+Enter or the Send button; Cancel stops
 * it). The verdict, the request and reply decoded side by side, and a history of exchanges that can be re-opened
 * and exported as pcapng. Without a composed message it says so instead of inventing one.
 */
public class SendPart {
    static final String NO_MESSAGE = "Compose a registration in the Composer: Send transmits the Composer's "
            + "current message.";
    static final String ANY_SOURCE = "any (the system chooses)";

    @Inject
    private TestbedSession session;
    @Inject
    private BuiltInAgentsService agents;

    private Display display;
    private Text host;
    private Spinner port;
    private Combo source;
    private Spinner transmissions;
    private Spinner timeout;
    private Button send;
    private Button cancel;
    private Label message;
    private Label verdict;
    private ExchangeView exchange;
    private HistoryTable history;
    private Button export;
    private Job running;
    private int nextNumber = 1;
    private String builtInTarget;
    private BiConsumer<String, String> errorReporter = this::errorDialog;
    private final java.util.function.Consumer<MessageSource> sourceListener = s -> asyncUi(this::updateMessage);
    private final java.util.function.Consumer<InetSocketAddress> targetListener = t -> asyncUi(() -> followComposer(t));
    private final Runnable agentsListener = () -> asyncUi(this::followBuiltInHomeAgent);
    private final Listener ctrlEnter = this::ctrlEnter;

    @PostConstruct
    void create(Composite parent) {
        display = parent.getDisplay();
        parent.setLayout(new GridLayout(1, false));
        createForm(parent);
        message = new Label(parent, SWT.WRAP);
        message.setLayoutData(wrapping());
        verdict = new Label(parent, SWT.WRAP);
        verdict.setFont(JFaceResources.getBannerFont());
        verdict.setLayoutData(wrapping());
        verdict.setText("No exchange yet.");
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Composite top = new Composite(sash, SWT.NONE);
        top.setLayout(tight());
        exchange = new ExchangeView(top);
        Composite bottom = new Composite(sash, SWT.NONE);
        bottom.setLayout(tight());
        Composite bar = new Composite(bottom, SWT.NONE);
        bar.setLayout(new GridLayout(2, false));
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Label h = new Label(bar, SWT.NONE);
        h.setText("History (select to re-open; select several to export)");
        h.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        export = new Button(bar, SWT.PUSH);
        export.setText("Export as pcapng...");
        export.setEnabled(false);
        export.addListener(SWT.Selection, e -> exportSelected());
        history = new HistoryTable(bottom, this::show);
        history.viewer().addSelectionChangedListener(e -> export.setEnabled(!history.selected().isEmpty()));
        sash.setWeights(60, 40);

        session.addMessageSourceListener(sourceListener);
        session.addComposedTargetListener(targetListener);
        if (session.composedTarget() != null) {
            followComposer(session.composedTarget());
        }
        agents.agents().addStateListener(agentsListener);
        display.addFilter(SWT.KeyDown, ctrlEnter);
        updateMessage();
        agents.ensureHomeAgent();
        followBuiltInHomeAgent();
    }

    private void createForm(Composite parent) {
        Composite form = new Composite(parent, SWT.NONE);
        form.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        form.setLayout(new GridLayout(6, false));
        HaSettings d = agents.defaults();
        label(form, "Target");
        host = new Text(form, SWT.BORDER);
        host.setText(d.host());
        host.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        label(form, "port");
        port = spinner(form, 1, 65535, d.port() == 0 ? TestbedSession.BUILT_IN_HOME_AGENT.getPort() : d.port());
        builtInTarget = host.getText() + ":" + port.getSelection();
        label(form, "Source");
        source = new Combo(form, SWT.DROP_DOWN);
        source.setItems(sourceAddresses().toArray(String[]::new));
        source.select(0);
        source.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 5, 1));
        label(form, "Transmissions");
        transmissions = spinner(form, 1, 32, 4);
        label(form, "Timeout (ms)");
        timeout = spinner(form, 10, 60_000, 1000);
        timeout.setIncrement(100);
        timeout.setToolTipText("The first reply timeout; it doubles after each unanswered transmission.");
        new Label(form, SWT.NONE).setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        Composite buttons = new Composite(form, SWT.NONE);
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 6, 1));
        GridLayout bl = new GridLayout(2, false);
        bl.marginWidth = 0;
        bl.marginHeight = 0;
        buttons.setLayout(bl);
        send = new Button(buttons, SWT.PUSH);
        send.setText("Send (Ctrl+Enter)");
        send.addListener(SWT.Selection, e -> send());
        cancel = new Button(buttons, SWT.PUSH);
        cancel.setText("Cancel");
        cancel.setEnabled(false);
        cancel.addListener(SWT.Selection, e -> {
            if (running != null) {
                running.cancel();
            }
        });
    }

    /** Starts one exchange; returns its job, or null when there is nothing to send or one is running. */
    Job send() {
        MessageSource src = session.messageSource();
        if (src == null) {
            setVerdict(NO_MESSAGE, SWT.COLOR_WIDGET_FOREGROUND);
            return null;
        }
        if (running != null) {
            return null;
        }
        SendSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException | IOException e) {
            errorReporter.accept("Send", e.getMessage());
            return null;
        }
        int number = nextNumber++;
        setVerdict("Sending #" + number + " to " + settings.target().getAddress().getHostAddress() + ":"
                + settings.target().getPort() + " (at most " + settings.worstCase().toMillis() + " ms)...",
                SWT.COLOR_WIDGET_FOREGROUND);
        SendJob job = new SendJob(number, src, settings, () -> agents.agents().keyTable(), new SendJob.Callbacks() {
            @Override
            public void done(SentExchange x) {
                asyncUi(() -> finished(x));
            }

            @Override
            public void failed(String why) {
                asyncUi(() -> failedSend(why));
            }
        });
        running = job;
        send.setEnabled(false);
        cancel.setEnabled(true);
        job.schedule();
        return job;
    }

    private SendSettings settings() throws IOException {
        String h = host.getText().trim();
        if (h.isEmpty()) {
            throw new IllegalArgumentException("Enter the target host.");
        }
        InetAddress target = InetAddress.getByName(h);
        String s = source.getText().trim();
        InetAddress from = s.isEmpty() || s.equals(ANY_SOURCE) ? null : InetAddress.getByName(s);
        return new SendSettings(new InetSocketAddress(target, port.getSelection()), from,
                transmissions.getSelection(), Duration.ofMillis(timeout.getSelection()));
    }

    private void finished(SentExchange x) {
        running = null;
        send.setEnabled(true);
        cancel.setEnabled(false);
        history.add(x); // selects and shows it
    }

    private void failedSend(String why) {
        running = null;
        send.setEnabled(true);
        cancel.setEnabled(false);
        setVerdict(why, SWT.COLOR_DARK_RED);
    }

    private void show(SentExchange x) {
        setVerdict("#" + x.number() + " " + x.verdictText(),
                x.verdict() == Verdict.ACCEPTED ? SWT.COLOR_DARK_GREEN : SWT.COLOR_DARK_RED);
        exchange.show(x);
    }

    private void exportSelected() {
        List<SentExchange> rows = history.selected();
        if (rows.isEmpty()) {
            return;
        }
        FileDialog d = new FileDialog(export.getShell(), SWT.SAVE);
        d.setFilterExtensions(new String[] {"*.pcapng"});
        d.setFileName(rows.size() == 1 ? "send-" + rows.get(0).number() + ".pcapng" : "send-history.pcapng");
        d.setOverwrite(true);
        String file = d.open();
        if (file != null) {
            export(rows, Path.of(file));
        }
    }

    /** Writes {@code rows} to {@code file}; errors go to the error dialog. */
    boolean export(List<SentExchange> rows, Path file) {
        try {
            ExchangeExport.write(rows, file);
            return true;
        } catch (IOException | RuntimeException e) {
            errorReporter.accept("Export", "Could not write " + file + ": " + e.getMessage());
            return false;
        }
    }

    private void updateMessage() {
        if (message == null || message.isDisposed()) {
            return;
        }
        message.setText(session.messageSource() == null ? NO_MESSAGE
                : "Message: the Composer's current registration (built afresh for every transmission).");
        message.getParent().layout();
    }

    /** The composer's template names a (new) target: Send shows it, so the template and Send agree. */
    private void followComposer(InetSocketAddress t) {
        if (host == null || host.isDisposed() || t == null) {
            return;
        }
        host.setText(t.getHostString());
        port.setSelection(t.getPort());
    }

    /** Keeps the target on the built-in home agent when it (re)starts elsewhere, unless the user changed it. */
    private void followBuiltInHomeAgent() {
        if (host == null || host.isDisposed()) {
            return;
        }
        var ha = agents.agents().homeAgent();
        if (ha == null) {
            return;
        }
        String now = ha.localAddress().getAddress().getHostAddress() + ":" + ha.localAddress().getPort();
        String shown = host.getText().trim() + ":" + port.getSelection();
        if (shown.equals(builtInTarget) && !now.equals(builtInTarget)) {
            host.setText(ha.localAddress().getAddress().getHostAddress());
            port.setSelection(ha.localAddress().getPort());
        }
        builtInTarget = now;
    }

    private void ctrlEnter(Event e) {
        if ((e.character == SWT.CR || e.keyCode == SWT.KEYPAD_CR) && (e.stateMask & SWT.MOD1) != 0
                && e.widget instanceof Control c && inside(c) && send.isEnabled()) {
            send();
            e.doit = false;
        }
    }

    private boolean inside(Control c) {
        for (Control p = c; p != null; p = p.getParent()) {
            if (p == verdict.getParent()) {
                return true;
            }
        }
        return false;
    }

    private static List<String> sourceAddresses() {
        List<String> out = new ArrayList<>(List.of(ANY_SOURCE, "127.0.0.1"));
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(n.getInetAddresses())) {
                    if (a instanceof Inet4Address && !out.contains(a.getHostAddress())) {
                        out.add(a.getHostAddress());
                    }
                }
            }
        } catch (IOException e) {
            // only the defaults
        }
        return out;
    }

    /** The verdict line; re-lays out the part because a longer text wraps onto more lines. */
    private void setVerdict(String text, int swtColor) {
        verdict.setText(text);
        verdict.setForeground(display.getSystemColor(swtColor));
        verdict.getParent().layout(true, true);
    }

    private void asyncUi(Runnable r) {
        if (display != null && !display.isDisposed()) {
            display.asyncExec(() -> {
                if (verdict != null && !verdict.isDisposed()) {
                    r.run();
                }
            });
        }
    }

    private void errorDialog(String title, String text) {
        MessageDialog.openError(verdict.getShell(), title, text);
    }

    private static void label(Composite parent, String text) {
        new Label(parent, SWT.NONE).setText(text);
    }

    private static Spinner spinner(Composite parent, int min, int max, int value) {
        Spinner s = new Spinner(parent, SWT.BORDER);
        s.setValues(value, min, max, 0, 1, 10);
        return s;
    }

    /** Wraps to the part's width instead of widening the part. */
    private static GridData wrapping() {
        GridData d = new GridData(SWT.FILL, SWT.TOP, true, false);
        d.widthHint = 200;
        return d;
    }

    private static GridLayout tight() {
        GridLayout l = new GridLayout(1, false);
        l.marginWidth = 0;
        l.marginHeight = 0;
        return l;
    }

    @PreDestroy
    void dispose() {
        session.removeMessageSourceListener(sourceListener);
        session.removeComposedTargetListener(targetListener);
        agents.agents().removeStateListener(agentsListener);
        if (display != null && !display.isDisposed()) {
            display.removeFilter(SWT.KeyDown, ctrlEnter);
        }
        if (running != null) {
            running.cancel();
        }
    }

    // ---- for tests ----

    void setErrorReporter(BiConsumer<String, String> r) {
        errorReporter = r;
    }

    void setTarget(String h, int p) {
        host.setText(h);
        port.setSelection(p);
    }

    void setRetries(int count, int timeoutMillis) {
        transmissions.setSelection(count);
        timeout.setSelection(timeoutMillis);
    }

    String verdictText() {
        return verdict.getText();
    }

    String messageText() {
        return message.getText();
    }

    String targetText() {
        return host.getText() + ":" + port.getSelection();
    }

    Job running() {
        return running;
    }

    HistoryTable history() {
        return history;
    }

    ExchangeView exchange() {
        return exchange;
    }

    Button sendButton() {
        return send;
    }

    Text targetField() {
        return host;
    }
}

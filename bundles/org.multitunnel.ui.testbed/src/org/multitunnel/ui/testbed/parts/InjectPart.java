package org.multitunnel.ui.testbed.parts;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.multitunnel.capture.live.InjectionResult;
import org.multitunnel.capture.live.Interfaces;
import org.multitunnel.capture.live.LiveCaptureException;
import org.multitunnel.capture.live.LiveInterface;
import org.multitunnel.ui.session.CaptureSessionService;
import org.multitunnel.ui.session.OpenCapture;
import org.multitunnel.ui.testbed.ComposedMessage;
import org.multitunnel.ui.testbed.MessageSource;
import org.multitunnel.ui.testbed.TestbedSession;
import org.multitunnel.ui.testbed.inject.FrameRange;
import org.multitunnel.ui.testbed.inject.InjectFrames;
import org.multitunnel.ui.testbed.inject.InjectGuard;
import org.multitunnel.ui.testbed.inject.InjectRun;

/**
 * Inject (issue 8): raw frames — picked from a capture by frame range, or the composer's current message wrapped in
 * IPv4/UDP to a target — sent on an interface at a rate and count through the pcap4j injector, in a job with
 * progress and cancel. Loopback needs no confirmation; any other interface needs the user to confirm a dialog that
 * names the interface and the packet count, and only then is the injector's loopback-only guard lifted
 * ({@link InjectGuard}).
 */
public class InjectPart {
    /** UDP source port of wrapped composer messages. */
    static final int SOURCE_PORT = 49434;

    @Inject
    TestbedSession session;
    @Inject
    @Optional
    CaptureSessionService captures;

    private Composite root;
    private Button fromCapture;
    private Button fromComposer;
    private Text captureText;
    private Text framesText;
    private Text targetText;
    private Label composerState;
    private Combo interfaceCombo;
    private Spinner rate;
    private Spinner count;
    private Button injectButton;
    private Button cancelButton;
    private ProgressBar progress;
    private Label status;

    private List<LiveInterface> interfaces = List.of();
    private InjectGuard.Confirmation confirmation = this::confirmDialog;
    private final java.util.function.Consumer<MessageSource> sourceListener = s -> RunSupport.ui(root,
            this::updateComposerState);
    private Job job;
    private InjectionResult lastResult;

    @PostConstruct
    void create(Composite parent) {
        root = parent;
        parent.setLayout(new GridLayout(1, false));

        Group what = new Group(parent, SWT.NONE);
        what.setText("Packets");
        what.setLayout(new GridLayout(4, false));
        what.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        fromCapture = new Button(what, SWT.RADIO);
        fromCapture.setText("From capture:");
        fromCapture.setSelection(true);
        captureText = new Text(what, SWT.BORDER);
        captureText.setMessage("capture file");
        GridData cg = new GridData(SWT.FILL, SWT.CENTER, true, false);
        cg.widthHint = 150;
        captureText.setLayoutData(cg);
        Button fromAnalysis = ReplayPart.button(what, "From Analysis", "Use the capture open in Analysis");
        fromAnalysis.setEnabled(captures != null);
        fromAnalysis.addListener(SWT.Selection, e -> {
            OpenCapture c = captures.current();
            if (c != null) {
                setCapture(c.path(), "");
            } else {
                status.setText("No capture is open in Analysis.");
            }
        });
        ReplayPart.button(what, "Browse…", "Choose a capture file").addListener(SWT.Selection, e -> browse());
        Label framesLabel = new Label(what, SWT.NONE);
        framesLabel.setText("Frames:");
        framesLabel.setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));
        framesText = new Text(what, SWT.BORDER);
        framesText.setMessage("e.g. 1-10, 15, 20-   (empty: all)");
        framesText.setToolTipText("Packet numbers as the packet list shows them; ranges inclusive; 20- = to the end");
        framesText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        fromComposer = new Button(what, SWT.RADIO);
        fromComposer.setText("Composer message to:");
        targetText = new Text(what, SWT.BORDER);
        targetText.setText(RunSupport.format(TestbedSession.BUILT_IN_HOME_AGENT));
        targetText.setToolTipText("Destination IPv4:PORT of the wrapped message");
        targetText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        composerState = new Label(what, SWT.NONE);
        composerState.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        if (captures != null && captures.current() != null) {
            captureText.setText(captures.current().path().toString());
        }

        Group how = new Group(parent, SWT.NONE);
        how.setText("Interface, rate and count");
        how.setLayout(new GridLayout(4, false));
        how.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        new Label(how, SWT.NONE).setText("Interface:");
        interfaceCombo = new Combo(how, SWT.READ_ONLY);
        GridData ig = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
        ig.widthHint = 200;
        interfaceCombo.setLayoutData(ig);
        ReplayPart.button(how, "Refresh", "List the interfaces again").addListener(SWT.Selection,
                e -> loadInterfaces());
        new Label(how, SWT.NONE).setText("Rate (pkt/s):");
        rate = new Spinner(how, SWT.BORDER);
        rate.setValues(10, 0, 1_000_000, 0, 1, 100);
        rate.setToolTipText("Packets per second; 0 = as fast as possible");
        Label countLabel = new Label(how, SWT.NONE);
        countLabel.setText("Count:");
        countLabel.setLayoutData(new GridData(SWT.END, SWT.CENTER, true, false));
        count = new Spinner(how, SWT.BORDER);
        count.setValues(1, 1, 10_000_000, 0, 1, 100);
        count.setToolTipText("Packets to send; the picked packets are repeated in order");

        Composite run = new Composite(parent, SWT.NONE);
        run.setLayout(ReplayPart.noMargins(3));
        run.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        injectButton = ReplayPart.button(run, "Inject", "Send the packets (non-loopback interfaces ask first)");
        injectButton.addListener(SWT.Selection, e -> inject());
        cancelButton = ReplayPart.button(run, "Cancel", "Stop after the current packet");
        cancelButton.addListener(SWT.Selection, e -> cancel());
        progress = new ProgressBar(run, SWT.HORIZONTAL | SWT.SMOOTH);
        progress.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        status = new Label(parent, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, true));
        status.setText("Frames injected on lo stay on this host; other interfaces ask for confirmation.");

        session.addMessageSourceListener(sourceListener);
        updateComposerState();
        loadInterfaces();
        updateButtons();
    }

    private void updateComposerState() {
        if (composerState.isDisposed()) {
            return;
        }
        composerState.setText(session.messageSource() == null ? "(no message yet)" : "(built when sending)");
        composerState.setToolTipText("The composer's current message, wrapped in IPv4/UDP from the interface's "
                + "address, source port " + SOURCE_PORT);
    }

    private void browse() {
        FileDialog d = new FileDialog(root.getShell(), SWT.OPEN);
        d.setFilterExtensions(new String[] {"*.pcap;*.pcapng;*.cap;*.gz", "*"});
        String f = d.open();
        if (f != null) {
            setCapture(Path.of(f), framesText.getText());
        }
    }

    /** Lists libpcap's interfaces in a job; problems (no libpcap, no permission) go to the status line. */
    Job loadInterfaces() {
        Job j = Job.create("Listing network interfaces", monitor -> {
            try {
                List<LiveInterface> list = Interfaces.list();
                RunSupport.ui(root, () -> setInterfaces(list));
            } catch (LiveCaptureException e) {
                RunSupport.ui(root, () -> status.setText(InjectRun.explain(e)));
            } catch (LinkageError e) {
                RunSupport.ui(root, () -> status.setText("libpcap could not be loaded (install libpcap0.8): " + e));
            }
            return Status.OK_STATUS;
        });
        j.setSystem(true);
        j.schedule();
        return j;
    }

    /**
     * libpcap's pseudo devices (the "any" cooked capture, netfilter queues, D-Bus, Bluetooth and USB monitors) can
     * be captured on but not sent to, so the list leaves them out.
     */
    static boolean injectable(LiveInterface f) {
        String n = f.name();
        return !n.equals("any") && !n.equals("nflog") && !n.equals("nfqueue") && !n.startsWith("dbus-")
                && !n.startsWith("bluetooth") && !n.startsWith("usbmon");
    }

    /** Replaces the interface list (loopback first selected). */
    void setInterfaces(List<LiveInterface> list) {
        interfaces = list.stream().filter(InjectPart::injectable).toList();
        interfaceCombo.removeAll();
        int lo = -1;
        for (int i = 0; i < interfaces.size(); i++) {
            LiveInterface f = interfaces.get(i);
            interfaceCombo.add(f.name() + (f.loopback() ? " (loopback)" : "") + (f.addresses().isEmpty() ? ""
                    : " " + f.addresses().stream().filter(a -> a instanceof Inet4Address)
                            .map(InetAddress::getHostAddress).toList()));
            if (f.loopback() && lo < 0) {
                lo = i;
            }
        }
        if (!interfaces.isEmpty()) {
            interfaceCombo.select(Math.max(lo, 0));
        }
        updateButtons();
    }

    void selectInterface(String name) {
        for (int i = 0; i < interfaces.size(); i++) {
            if (interfaces.get(i).name().equals(name)) {
                interfaceCombo.select(i);
                return;
            }
        }
        throw new IllegalArgumentException("no interface " + name);
    }

    void setCapture(Path file, String frames) {
        fromCapture.setSelection(true);
        fromComposer.setSelection(false);
        captureText.setText(file.toString());
        framesText.setText(frames);
    }

    void setComposerMessage(String target) {
        fromCapture.setSelection(false);
        fromComposer.setSelection(true);
        targetText.setText(target);
    }

    void setRateAndCount(int packetsPerSecond, int n) {
        rate.setSelection(packetsPerSecond);
        count.setSelection(n);
    }

    /** Replaces the confirmation dialog (tests answer it directly). */
    void setConfirmation(InjectGuard.Confirmation c) {
        confirmation = c;
    }

    /** The Inject button: guard on the UI thread, then a job builds the frames and sends them. */
    Job inject() {
        if (job != null) {
            return null;
        }
        int i = interfaceCombo.getSelectionIndex();
        if (i < 0 || i >= interfaces.size()) {
            status.setText("No interface to inject on (see above: is libpcap installed?).");
            return null;
        }
        LiveInterface iface = interfaces.get(i);
        long n = count.getSelection();
        double pps = rate.getSelection();
        boolean capture = fromCapture.getSelection();
        Path file = captureText.getText().isBlank() ? null : Path.of(captureText.getText().trim());
        String frames = framesText.getText();
        MessageSource source = session.messageSource();
        InetSocketAddress target;
        try {
            if (capture && file == null) {
                throw new IllegalArgumentException("Choose a capture file, or inject the composer's message.");
            }
            if (!capture && source == null) {
                throw new IllegalArgumentException("The composer has no message yet.");
            }
            target = capture ? null : RunSupport.parseTarget(targetText.getText());
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            return null;
        }
        InjectGuard.Decision decision = InjectGuard.decide(iface, n, confirmation);
        if (!decision.proceed()) {
            status.setText("Not injected: sending on " + iface.name() + " was not confirmed.");
            return null;
        }
        progress.setMaximum((int) Math.min(Integer.MAX_VALUE, n));
        progress.setSelection(0);
        Job j = Job.create("Injecting " + n + " packets on " + iface.name(), monitor -> {
            monitor.beginTask("Injecting on " + iface.name(), (int) Math.min(Integer.MAX_VALUE, n));
            long[] reported = {0};
            try {
                List<byte[]> list;
                if (capture) {
                    BitSet picked = FrameRange.parse(frames, InjectFrames.packetCount(file));
                    list = InjectFrames.fromCapture(file, picked, iface.loopback());
                } else {
                    ComposedMessage m = source.build();
                    list = List.of(InjectFrames.fromMessage(m, new InetSocketAddress(sourceAddress(iface),
                            SOURCE_PORT), target, iface.loopback()));
                }
                InjectionResult r = InjectRun.run(iface, decision, list, n, pps, sent -> {
                    monitor.worked((int) (sent - reported[0]));
                    reported[0] = sent;
                    RunSupport.ui(root, () -> progress.setSelection((int) Math.min(Integer.MAX_VALUE, sent)));
                }, monitor::isCanceled);
                RunSupport.ui(root, () -> finished(iface, r));
                return r.cancelled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
            } catch (LiveCaptureException e) {
                RunSupport.ui(root, () -> status.setText(InjectRun.explain(e)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                RunSupport.ui(root, () -> status.setText("Inject failed: " + e.getMessage()));
            } finally {
                RunSupport.ui(root, () -> {
                    job = null;
                    updateButtons();
                });
            }
            return Status.OK_STATUS;
        });
        job = j;
        status.setText("Injecting " + n + " packets on " + iface.name() + "…");
        j.schedule();
        updateButtons();
        return j;
    }

    private void finished(LiveInterface iface, InjectionResult r) {
        lastResult = r;
        status.setText(String.format(Locale.ROOT, "%s%d sent on %s, %d refused, %.1f pkt/s%s",
                r.cancelled() ? "Cancelled: " : "", r.sent(), iface.name(), r.failed(), r.packetsPerSecond(),
                r.firstError() == null ? "" : " — libpcap: " + r.firstError()));
    }

    /** The wrapped message's source: 127.0.0.1 on loopback, else the interface's first IPv4 address. */
    private static InetAddress sourceAddress(LiveInterface iface) {
        if (iface.loopback()) {
            return InetAddress.getLoopbackAddress();
        }
        return iface.addresses().stream().filter(a -> a instanceof Inet4Address).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(iface.name() + " has no IPv4 address"));
    }

    private boolean confirmDialog(String interfaceName, long n) {
        LiveInterface iface = interfaces.stream().filter(f -> f.name().equals(interfaceName)).findFirst()
                .orElse(new LiveInterface(interfaceName, "", List.of(), false, false, false));
        // Cancel is the default button: Enter must not send frames onto a real network
        MessageDialog d = new MessageDialog(root.getShell(), "Inject on " + interfaceName + "?", null,
                InjectGuard.question(iface, n), MessageDialog.WARNING, 1, "Inject " + n + " on " + interfaceName,
                "Cancel");
        return d.open() == 0;
    }

    void cancel() {
        Job j = job;
        if (j != null) {
            j.cancel();
        }
    }

    private void updateButtons() {
        if (injectButton.isDisposed()) {
            return;
        }
        injectButton.setEnabled(job == null && !interfaces.isEmpty());
        cancelButton.setEnabled(job != null);
    }

    InjectionResult lastResult() {
        return lastResult;
    }

    Job job() {
        return job;
    }

    String statusText() {
        return status.getText();
    }

    @PreDestroy
    void dispose() {
        session.removeMessageSourceListener(sourceListener);
        cancel();
    }
}

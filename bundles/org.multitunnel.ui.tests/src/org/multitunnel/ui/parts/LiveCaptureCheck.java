package org.multitunnel.ui.parts;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TreeItem;
import org.jfree.data.xy.XYDataset;
import org.multitunnel.agent.client.ClientOptions;
import org.multitunnel.agent.client.RegistrationClient;
import org.multitunnel.agent.client.RegistrationSpec;
import org.multitunnel.agent.conformance.ScenarioSession;
import org.multitunnel.agent.ha.HomeAgent;
import org.multitunnel.agent.ha.HomeAgentConfig;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.capture.live.Interfaces;
import org.multitunnel.capture.live.LiveCaptureException;
import org.multitunnel.capture.live.LiveInterface;
import org.multitunnel.ui.handlers.StartLiveCaptureHandler;
import org.multitunnel.ui.handlers.StopLiveCaptureHandler;
import org.multitunnel.ui.live.LiveCaptureDialog;
import org.multitunnel.ui.live.LiveCaptureSettings;
import org.multitunnel.ui.session.CaptureSessionService;
import org.multitunnel.ui.session.LiveCaptureErrors;
import org.multitunnel.ui.session.LiveCaptureJob;
import org.multitunnel.ui.session.OpenCapture;
import org.multitunnel.wire.mip.auth.SecurityAssociation;

/**
 * The live-capture part of the workbench test, run inside {@link AnalysisViewsTest}'s workbench (a second
 * workbench in one JVM hangs): fills the Start Live Capture dialog as a user would (interface lo, a filter that
 * libpcap rejects, then one for this test's home agent), starts the capture through the handler's code path,
 * registers a mobile node with two care-of addresses at a reference home agent on 127.0.0.77:434, watches the
 * Packets rows grow and the binding appear in Bindings with a lifetime counting down, stops through the Stop
 * handler and re-opens the pcapng written. Everything seen goes into {@code seen} for the test's assertions;
 * nothing here is skipped: a capture that cannot start (no root, no libpcap) is a problem with the dialog's text.
 */
final class LiveCaptureCheck {
    static final String HOME_AGENT = "127.0.0.77";
    static final String HOME_ADDRESS = "10.77.0.1";
    static final String[] CARE_OF = { "127.0.77.1", "127.0.77.2" };
    static final String FILTER = "udp port 434 and host " + HOME_AGENT;
    private static final byte[] KEY = "live-capture-ui-test".getBytes(StandardCharsets.US_ASCII);
    private static final SecurityAssociation SA = SecurityAssociation.hmacMd5(0x3003, KEY);
    private static final int LIFETIME = 120;

    private final Display display;
    private final CaptureSessionService service;
    private final PacketsPart packets;
    private final BindingsPart bindings;
    private final TunnelsChartPart tunnels;
    private final Map<String, Object> seen;
    private final List<String> problems;
    private final Runnable done;
    private final List<String> sent = new ArrayList<>();
    private volatile boolean registered;
    private volatile HomeAgent homeAgent;
    private Path output;
    private LiveCaptureDialog dialog;
    private LiveCaptureJob job;
    private long registeredAt;
    private boolean finished;

    LiveCaptureCheck(Display display, CaptureSessionService service, PacketsPart packets, BindingsPart bindings,
            TunnelsChartPart tunnels, Map<String, Object> seen, List<String> problems, Runnable done) {
        this.display = display;
        this.service = service;
        this.packets = packets;
        this.bindings = bindings;
        this.tunnels = tunnels;
        this.seen = seen;
        this.problems = problems;
        this.done = done;
    }

    /** Starts the check; {@code done} runs on the UI thread when it has finished (or failed). */
    void run() {
        List<LiveInterface> interfaces;
        try {
            output = Files.createTempDirectory("mt-live-ui").resolve("live-lo.pcapng");
            interfaces = Interfaces.list();
        } catch (LiveCaptureException e) {
            fail("live capture unavailable: " + LiveCaptureErrors.describe("lo", e).message());
            return;
        } catch (Exception e) {
            fail("live capture check could not prepare: " + e);
            return;
        }
        seen.put("liveStartEnabledBefore", new StartLiveCaptureHandler().canExecute(service));
        seen.put("liveStopEnabledBefore", new StopLiveCaptureHandler().canExecute(service));
        Shell shell = packets.table().getShell();
        dialog = new LiveCaptureDialog(shell, interfaces, LiveCaptureSettings.defaults(interfaces));
        dialog.setBlockOnOpen(false);
        dialog.open();
        // the prefilled default filter is checked by libpcap and accepted
        when(() -> dialog.filterProblem() != null, 10_000, "the default filter was never checked", () -> {
            seen.put("liveDefaultFilterProblem", dialog.filterProblem());
            seen.put("liveLoListed", dialog.selectInterface("lo"));
            seen.put("liveProposedOutput", Path.of(dialog.output()).getFileName().toString());
            dialog.setFilter("udp port");
            when(() -> dialog.filterProblem() != null, 10_000, "the broken filter was never checked", () -> {
                seen.put("liveBadFilterProblem", dialog.filterProblem());
                seen.put("liveStartEnabledWithBadFilter", dialog.canStart());
                dialog.setFilter(FILTER);
                dialog.setOutput(output);
                when(() -> dialog.filterProblem() != null, 10_000, "the filter was never checked", this::start);
            });
        });
    }

    private void start() {
        seen.put("liveGoodFilterProblem", dialog.filterProblem());
        if (!dialog.pressStart()) {
            fail("Start stayed disabled in the live capture dialog: " + dialog.getErrorMessage());
            return;
        }
        LiveCaptureSettings settings = dialog.result();
        service.setErrorReporter((title, message) -> seen.put("liveError", title + ": " + message));
        job = StartLiveCaptureHandler.start(service, settings);
        when(() -> job.ended() || "capturing".equals(job.state()) && service.current() == job.capture(), 20_000,
                "the live capture did not start", () -> {
                    if (job.ended()) {
                        fail("the live capture did not start: " + seen.get("liveError"));
                        return;
                    }
                    seen.put("liveStartEnabledWhileCapturing", new StartLiveCaptureHandler().canExecute(service));
                    seen.put("liveStopEnabledWhileCapturing", new StopLiveCaptureHandler().canExecute(service));
                    seen.put("liveRowsAtStart", packets.table().getItemCount());
                    seen.put("liveStatusWhileCapturing", service.current().statusText());
                    // A filter applied during the capture keeps picking up the packets that arrive afterwards.
                    seen.put("liveFilterStarted", packets.applyFilter("mip.ext.mp.bid == 2") != null);
                    Thread t = new Thread(this::register, "live-ui-test registrations");
                    t.setDaemon(true);
                    t.start();
                    when(() -> registered, 20_000, "the registrations did not finish", this::watch);
                });
    }

    /** Off the UI thread: a reference home agent on 127.0.0.77:434 and two registrations, BID 1 and BID 2. */
    private void register() {
        try {
            homeAgent = HomeAgent.start(HomeAgentConfig.builder()
                    .listen(new InetSocketAddress(InetAddress.getByName(HOME_AGENT), 434)).key(0x3003, KEY).build());
            for (int bid = 1; bid <= CARE_OF.length; bid++) {
                String coa = CARE_OF[bid - 1];
                ClientOptions o = ClientOptions.to(homeAgent.localAddress())
                        .withSource(InetAddress.getByName(coa));
                RegistrationSpec rq = RegistrationSpec.builder().lifetime(LIFETIME).homeAddress(HOME_ADDRESS)
                        .homeAgent(HOME_AGENT).careOfAddress(coa).key(SA)
                        .extension(ScenarioSession.mp(bid, bid).build()).build();
                int code = new RegistrationClient(o).send(rq).code();
                synchronized (sent) {
                    sent.add("BID " + bid + " code " + code);
                }
            }
        } catch (Exception e) {
            synchronized (sent) {
                sent.add("failed: " + e);
            }
        } finally {
            registered = true;
        }
    }

    /** Follows the views until the binding is there, then reads the countdown twice a little over a second apart. */
    private void watch() {
        registeredAt = System.nanoTime();
        synchronized (sent) {
            seen.put("liveRegistrations", List.copyOf(sent));
        }
        when(() -> bindingRow(2) != null && packets.filterJob() == null && packets.table().getItemCount() >= 1,
                10_000, "the filter applied during the live capture did not show the BID 2 request", () -> {
                    seen.put("liveViewsUpdatedMillis", (System.nanoTime() - registeredAt) / 1_000_000);
                    seen.put("liveFilteredRows", packets.table().getItemCount());
                    seen.put("liveFilteredInfo", packets.table().getItem(0).getText(6));
                    packets.clearFilter();
                    watchUnfiltered();
                });
    }

    private void watchUnfiltered() {
        when(() -> bindingRow(2) != null && packets.table().getItemCount() >= 4, 10_000,
                "Packets/Bindings did not show the registrations during the live capture", () -> {
                    seen.put("liveRowsWhileCapturing", packets.table().getItemCount());
                    seen.put("liveNode", bindings.viewer().getTree().getItem(0).getText(0));
                    TreeItem b1 = bindingRow(1);
                    seen.put("liveBinding1", List.of(b1.getText(0), b1.getText(1), b1.getText(5)));
                    seen.put("liveLifetime1", b1.getText(6));
                    display.timerExec(1_600, () -> {
                        TreeItem again = bindingRow(1);
                        seen.put("liveLifetime2", again == null ? null : again.getText(6));
                        XYDataset data = tunnels.chart().getXYPlot().getDataset();
                        seen.put("liveChartSeries", data.getSeriesCount());
                        seen.put("liveRowsBeforeStop", packets.table().getItemCount());
                        stop();
                    });
                });
    }

    private TreeItem bindingRow(int bid) {
        for (TreeItem mn : bindings.viewer().getTree().getItems()) {
            if (mn.getText(0).startsWith(HOME_ADDRESS)) {
                for (TreeItem b : mn.getItems()) {
                    if (b.getText(0).equals("BID " + bid)) {
                        return b;
                    }
                }
            }
        }
        return null;
    }

    private void stop() {
        OpenCapture live = job.capture();
        long stopAsked = System.nanoTime();
        new StopLiveCaptureHandler().execute(service);
        seen.put("liveStopReturnedMillis", (System.nanoTime() - stopAsked) / 1_000_000);
        when(() -> job.ended() && live.analysisDone(), 20_000, "the live capture did not stop", () -> {
            seen.put("liveStoppedMillis", (System.nanoTime() - stopAsked) / 1_000_000);
            seen.put("liveStartEnabledAfter", new StartLiveCaptureHandler().canExecute(service));
            seen.put("liveStopEnabledAfter", new StopLiveCaptureHandler().canExecute(service));
            seen.put("liveRowsAfterStop", packets.table().getItemCount());
            seen.put("liveIndexed", live.packetCount());
            seen.put("liveCaptured", job.statistics().captured());
            seen.put("liveWritten", job.statistics().written());
            seen.put("liveStatusAfterStop", service.current().statusText());
            seen.put("liveStillCurrent", service.current() == live);
            seen.put("liveWarnings", live.file().warnings().size());
            try (CaptureFile reopened = CaptureFile.open(output)) {
                seen.put("liveReopened", reopened.packetCount());
                seen.put("liveReopenedWarnings", reopened.warnings().size());
            } catch (Exception e) {
                problems.add("the live capture's pcapng does not re-open: " + e);
            }
            finish();
        });
    }

    private void fail(String why) {
        problems.add(why);
        finish();
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        HomeAgent ha = homeAgent;
        if (ha != null) {
            ha.close();
        }
        if (job != null && !job.ended()) {
            service.stopLive();
        }
        if (dialog != null && dialog.getShell() != null && !dialog.getShell().isDisposed()) {
            dialog.close();
        }
        done.run();
    }

    /** Polls on the UI thread every 100 ms until {@code ready}, then runs {@code then}; gives up after a timeout. */
    private void when(BooleanSupplier ready, long timeoutMillis, String timeoutProblem, Runnable then) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        display.timerExec(100, new Runnable() {
            @Override
            public void run() {
                try {
                    if (ready.getAsBoolean()) {
                        then.run();
                    } else if (System.nanoTime() > deadline) {
                        fail(timeoutProblem);
                    } else {
                        display.timerExec(100, this);
                    }
                } catch (RuntimeException | AssertionError e) {
                    fail("live capture check failed: " + e);
                }
            }
        });
    }
}

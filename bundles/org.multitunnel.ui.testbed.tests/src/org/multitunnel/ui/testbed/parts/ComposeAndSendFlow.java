package org.multitunnel.ui.testbed.parts;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.widgets.Display;
import org.multitunnel.agent.ha.HomeAgent;
import org.multitunnel.ui.session.CaptureSessionService;
import org.multitunnel.ui.session.LiveCaptureJob;
import org.multitunnel.model.template.AuthSpec;
import org.multitunnel.model.template.ExtensionSpec;
import org.multitunnel.model.template.TemplatePackage;

/**
 * The "done when", driven through the real parts of a running workbench: the Composer's sample template
 * sent with Send to the built-in home agent is accepted and the agent lists the binding; the Composer's
 * "wrong authenticator" switch makes the next Send come back 131; undo restores the template; Agents > Capture
 * live in Analysis shows the next exchange as a live capture on loopback. Runs on the UI
 * thread with timer polling (the workbench's event loop must keep running while the exchanges happen).
 */
public final class ComposeAndSendFlow {
    private final Display display;
    private final ComposerPart composer;
    private final SendPart send;
    private final HomeAgent homeAgent;
    private final AgentsPart agents;
    private final CaptureSessionService captures;
    private final Map<String, Object> seen;
    private final List<String> problems;

    public ComposeAndSendFlow(Display display, Object composer, Object send, Object agents,
            CaptureSessionService captures, HomeAgent homeAgent, Map<String, Object> seen, List<String> problems) {
        this.agents = (AgentsPart) agents;
        this.captures = captures;
        this.display = display;
        this.composer = (ComposerPart) composer;
        this.send = (SendPart) send;
        this.homeAgent = homeAgent;
        this.seen = seen;
        this.problems = problems;
    }

    /** Runs the flow, then {@code done} (also after a failure, recorded in {@code problems}). */
    public void run(Runnable done) {
        send.setRetries(3, 1000);
        if (send.send() == null) {
            problems.add("Send did not start: " + send.verdictText());
            done.run();
            return;
        }
        await(() -> send.running() == null, 15_000, "first exchange", () -> {
            seen.put("flow.firstVerdict", send.verdictText());
            seen.put("flow.bindings", bindings());
            AuthSpec auth = null;
            for (ExtensionSpec e : composer.editor().template().getExtensions()) {
                if (e instanceof AuthSpec a) {
                    auth = a;
                }
            }
            if (auth == null) {
                problems.add("the sample template has no authentication extension");
                done.run();
                return;
            }
            composer.editor().set(auth, TemplatePackage.Literals.AUTH_SPEC__WRONG_AUTHENTICATOR, Boolean.TRUE);
            if (send.send() == null) {
                problems.add("second Send did not start: " + send.verdictText());
                done.run();
                return;
            }
            AuthSpec broken = auth;
            await(() -> send.running() == null, 15_000, "second exchange", () -> {
                seen.put("flow.secondVerdict", send.verdictText());
                composer.editor().undo();
                seen.put("flow.wrongAuthAfterUndo", broken.isWrongAuthenticator());
                seen.put("flow.historyRows", send.history().rows().size());
                // The template's target and Send's target are one: editing it in the composer moves Send's.
                composer.editor().set(composer.editor().template(),
                        TemplatePackage.Literals.REGISTRATION_TEMPLATE__TARGET_PORT, 5555);
                await(() -> send.targetText().equals("127.0.0.1:5555"), 5_000, "Send following the composer's target",
                        () -> {
                            seen.put("flow.sendTargetAfterComposerEdit", send.targetText());
                            composer.editor().undo();
                            await(() -> send.targetText().equals("127.0.0.1:4434"), 5_000,
                                    "Send following the composer's undo", () -> captureLive(done), done);
                        }, done);
            }, done);
        }, done);
    }

    /** Agents > Capture live in Analysis: the next exchange shows up in the live capture on loopback. */
    private void captureLive(Runnable done) {
        LiveCaptureJob job = agents.captureLive();
        if (job == null) {
            problems.add("Capture live did not start");
            done.run();
            return;
        }
        await(() -> job.ended() || "capturing".equals(job.state()), 20_000, "live capture start", () -> {
            if (job.ended()) {
                problems.add("the live capture of the home agent ended at once: " + job.state());
                done.run();
                return;
            }
            seen.put("live.interface", job.options().interfaceName());
            seen.put("live.filter", job.options().filter());
            send.send();
            await(() -> send.running() == null && captures.current() == job.capture()
                    && job.capture().packetCount() >= 2, 15_000, "live packets", () -> {
                        seen.put("live.packetsWhileCapturing", job.capture().packetCount());
                        job.stop();
                        await(job::ended, 20_000, "live capture stop", () -> {
                            seen.put("live.bindingsInAnalysis", job.capture().session().getMobileNodes().size());
                            done.run();
                        }, done);
                    }, done);
        }, done);
    }

    private List<String> bindings() {
        return homeAgent.bindings().stream().map(b -> b.homeAddress() + " BID " + b.bid() + " via " + b.careOfAddress()).toList();
    }

    private void await(BooleanSupplier condition, long timeoutMillis, String what, Runnable then, Runnable done) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            try {
                if (condition.getAsBoolean()) {
                    then.run();
                } else if (System.nanoTime() > deadline) {
                    problems.add("timed out waiting for the " + what + ": " + send.verdictText());
                    done.run();
                } else {
                    display.timerExec(100, poll[0]);
                }
            } catch (RuntimeException | AssertionError e) {
                problems.add(what + " failed: " + e);
                done.run();
            }
        };
        display.timerExec(100, poll[0]);
    }
}

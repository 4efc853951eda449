package org.multitunnel.ui.testbed.inject;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import org.multitunnel.capture.live.InjectionResult;
import org.multitunnel.capture.live.Injector;
import org.multitunnel.capture.live.LiveCaptureException;
import org.multitunnel.capture.live.LiveInterface;

/**
 * One injection as the Inject part's job runs it: guard first ({@link InjectGuard}), then the pcap4j
 * {@link Injector} sending on its own thread while this one reports progress every 100 ms and turns a cancel
 * request into {@link Injector#cancel()}. Plain Java so tests run it against lo without a display.
 */
public final class InjectRun {
    /** Declined by the user: nothing was opened or sent. */
    public static final InjectionResult DECLINED = new InjectionResult(0, 0, 0, "declined", true);

    private InjectRun() {
    }

    public static InjectionResult run(LiveInterface iface, List<byte[]> frames, long count, double rate,
            InjectGuard.Confirmation confirmation, LongConsumer progress, BooleanSupplier cancelled)
            throws LiveCaptureException, InterruptedException {
        return run(iface, InjectGuard.decide(iface, count, confirmation), frames, count, rate, progress, cancelled);
    }

    /** Injects as {@code decision} (taken earlier, e.g. by a dialog on the UI thread) allows. */
    public static InjectionResult run(LiveInterface iface, InjectGuard.Decision decision, List<byte[]> frames,
            long count, double rate, LongConsumer progress, BooleanSupplier cancelled)
            throws LiveCaptureException, InterruptedException {
        if (!decision.proceed()) {
            return DECLINED;
        }
        try (Injector inj = Injector.open(iface.name(), decision.allowNonLoopback())) {
            CompletableFuture<InjectionResult> result = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    result.complete(inj.send(frames, count, rate));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            }, "inject " + iface.name());
            t.setDaemon(true);
            t.start();
            while (true) {
                if (cancelled.getAsBoolean()) {
                    inj.cancel();
                }
                progress.accept(inj.sent() + inj.failed());
                try {
                    InjectionResult r = result.get(100, TimeUnit.MILLISECONDS);
                    progress.accept(inj.sent() + inj.failed());
                    return r;
                } catch (TimeoutException e) {
                    // still sending
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof InterruptedException ie) {
                        throw ie;
                    }
                    throw new IllegalStateException("injection failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    inj.cancel();
                    t.join(2000);
                    throw e;
                }
            }
        }
    }

    /** A user-facing sentence for {@code e}, with what to do about it. */
    public static String explain(LiveCaptureException e) {
        return switch (e.reason()) {
            case LIBPCAP_MISSING -> "libpcap is not installed (Debian/Ubuntu: apt-get install libpcap0.8). "
                    + e.getMessage();
            case PERMISSION_DENIED -> "No permission to send raw frames: run as root or give the JVM "
                    + "CAP_NET_RAW,CAP_NET_ADMIN (setcap cap_net_raw,cap_net_admin=eip …/bin/java). " + e.getMessage();
            default -> e.getMessage();
        };
    }
}

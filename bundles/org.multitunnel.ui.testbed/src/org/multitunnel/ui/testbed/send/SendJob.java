package org.multitunnel.ui.testbed.send;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.multitunnel.agent.client.ClientResult;
import org.multitunnel.agent.client.RegistrationClient;
import org.multitunnel.ui.testbed.ComposedMessage;
import org.multitunnel.ui.testbed.MessageSource;
import org.multitunnel.wire.mip.auth.KeyTable;

/**
 * One Send, off the UI thread: asks the composer's {@link MessageSource} for the message at every transmission
 * (fresh identification and authenticator each time), runs the {@link RegistrationClient} exchange with
 * retransmission, and hands the result — or the reason there is none — to the callbacks on this job's thread.
 * Cancel stops the waiting within a tenth of a second.
 */
public final class SendJob extends Job {
    /** What the part is told; both run on the job's thread. */
    public interface Callbacks {
        void done(SentExchange exchange);

        void failed(String message);
    }

    private final MessageSource source;
    private final SendSettings settings;
    private final KeyTableSupplier keys;
    private final int number;
    private final Callbacks callbacks;

    /** The key table for verifying replies, read on the job's thread (secure storage). */
    @FunctionalInterface
    public interface KeyTableSupplier {
        KeyTable get() throws Exception;
    }

    public SendJob(int number, MessageSource source, SendSettings settings, KeyTableSupplier keys,
            Callbacks callbacks) {
        super("Sending registration #" + number + " to " + settings.target().getAddress().getHostAddress() + ":"
                + settings.target().getPort());
        this.number = number;
        this.source = source;
        this.settings = settings;
        this.keys = keys;
        this.callbacks = callbacks;
        setUser(false);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
        String[] summary = {null};
        try {
            KeyTable table;
            try {
                table = keys.get();
            } catch (Exception e) {
                table = null; // replies then go unverified rather than the send failing
            }
            Consumer<ComposedMessage> seen = m -> {
                if (summary[0] == null) {
                    summary[0] = m.summary();
                }
            };
            ClientResult r = new RegistrationClient(settings.toOptions(table)).send(transmission -> {
                ComposedMessage m;
                try {
                    m = source.build();
                } catch (Exception e) {
                    throw new IOException("The composer could not build the message: " + e.getMessage(), e);
                }
                seen.accept(m);
                return m.payload();
            }, null, monitor::isCanceled);
            callbacks.done(new SentExchange(number, Instant.now(), summary[0], settings, r));
            return Status.OK_STATUS;
        } catch (InterruptedIOException e) {
            callbacks.failed("Send #" + number + " cancelled");
            return Status.CANCEL_STATUS;
        } catch (IOException | RuntimeException e) {
            callbacks.failed(e.getMessage() == null ? e.toString() : e.getMessage());
            return Status.OK_STATUS; // shown in the part, not as a second error dialog
        } finally {
            monitor.done();
        }
    }
}

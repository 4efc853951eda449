package org.multitunnel.agent.ha;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.multitunnel.agent.net.Ipv4;
import org.multitunnel.agent.net.PacketRecorder;
import org.multitunnel.agent.net.UdpEndpoint;
import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.mip.MipCodec;
import org.multitunnel.wire.mip.MessageTypes;
import org.multitunnel.wire.mip.MipMessage;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ext.ExtensionRegistry;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;

/**
 * The reference home agent: answers Registration Requests on one UDP socket exactly as RFC 5944 §3.8 and RFC 7629
 * §5.2 say (see {@link RegistrationProcessor}), keeps the binding table observable (snapshot, listeners, JSON) and
 * can record its signalling. It is the default target of {@code send}, {@code replay} and {@code conformance}.
 */
public final class HomeAgent implements AutoCloseable {
    private static final long PURGE_MILLIS = 250;

    private final HomeAgentConfig config;
    private final MipCodec codec;
    private final BindingTable table;
    private final RegistrationProcessor processor;
    private final SourceRateLimiter limiter;
    private final PacketRecorder recorder;
    private final ScheduledExecutorService purger;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private volatile Consumer<String> log;
    private UdpEndpoint endpoint;

    private HomeAgent(HomeAgentConfig config, PacketRecorder recorder) {
        this.config = config;
        ExtensionRegistry registry = config.extensions();
        this.codec = new MipCodec(registry);
        this.table = new BindingTable(config.replayWindowSeconds(), config.maxTotalBindings());
        this.processor = new RegistrationProcessor(config, registry, table);
        this.limiter = config.maxRatePerSource() > 0 ? new SourceRateLimiter(config.maxRatePerSource()) : null;
        this.recorder = recorder;
        this.purger = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("ha-expiry").unstarted(r));
    }

    /** Binds {@code config.listen()} and starts answering. */
    public static HomeAgent start(HomeAgentConfig config) throws IOException {
        PacketRecorder rec = config.recordTo() == null ? null
                : PacketRecorder.forAgent(config.recordTo(), "home agent", config.clock(), List.of())
                        .limit(config.recordLimits());
        HomeAgent ha = new HomeAgent(config, rec);
        try {
            ha.endpoint = UdpEndpoint.open(config.listen(), ha::onDatagram, rec, "ha");
        } catch (IOException | RuntimeException e) {
            ha.purger.shutdownNow();
            if (rec != null) {
                rec.close();
            }
            throw e;
        }
        ha.purger.scheduleWithFixedDelay(() -> ha.table.purge(config.clock().instant()), PURGE_MILLIS, PURGE_MILLIS,
                TimeUnit.MILLISECONDS);
        return ha;
    }

    public HomeAgentConfig config() {
        return config;
    }

    public InetSocketAddress localAddress() {
        return endpoint.localAddress();
    }

    /** The live bindings now (expired ones purged first), ordered by home address and registration order. */
    public List<HaBinding> bindings() {
        return table.snapshot(config.clock().instant());
    }

    /** The live bindings of one home address. */
    public List<HaBinding> bindings(String homeAddress) {
        return bindings().stream().filter(b -> b.homeAddress().equals(homeAddress)).toList();
    }

    public void addListener(BindingListener l) {
        table.addListener(l);
    }

    public void removeListener(BindingListener l) {
        table.removeListener(l);
    }

    /** One line per request and decision (never key material); default (null): none, and none built. */
    public void setLog(Consumer<String> log) {
        this.log = log;
    }

    public long requestCount() {
        return requests.get();
    }

    public long acceptedCount() {
        return accepted.get();
    }

    public long rejectedCount() {
        return rejected.get();
    }

    /** Datagrams dropped by the per-source rate limit ({@link HomeAgentConfig#maxRatePerSource()}). */
    public long rateLimitedCount() {
        return rateLimited.get();
    }

    /** How many bindings the agent holds now, over all mobile nodes (without building a snapshot). */
    public int bindingCount() {
        table.purge(config.clock().instant());
        return table.total();
    }

    /** The table itself, for the tests in this package. */
    BindingTable table() {
        return table;
    }

    /** The binding table as JSON (see {@link StatusJson}); for big tables prefer {@link #writeStatus}. */
    public String statusJson() {
        StringBuilder b = new StringBuilder(256);
        writeStatus(b);
        return b.toString();
    }

    /**
     * Writes the binding table as JSON to {@code out} a few hundred nodes at a time, so even a table of a million
     * bindings is printed in little memory (what {@code agent ha --status} does on shutdown).
     */
    public void writeStatus(Appendable out) {
        StatusJson.write(this, table, config.clock().instant(), out);
    }

    private void onDatagram(byte[] data, InetSocketAddress from) throws IOException {
        if (limiter != null && !limiter.allow(Ipv4.toInt(from.getAddress()), System.nanoTime())) {
            rateLimited.incrementAndGet();
            return;
        }
        Consumer<String> log = this.log;
        if (data.length == 0 || data[0] != MessageTypes.REGISTRATION_REQUEST) {
            if (log != null) {
                log.accept(ignored(data, from));
            }
            return;
        }
        if (data.length < RegistrationRequest.FIXED_LENGTH) {
            if (log != null) {
                log.accept("discarded " + data.length + " bytes from " + Ipv4.text(from)
                        + ": Registration Request shorter than its 24-byte fixed part");
            }
            return;
        }
        requests.incrementAndGet();
        Outcome o = processor.process(data);
        if (o == null) {
            rejected.incrementAndGet();
            if (log != null) {
                log.accept("discarded request from " + Ipv4.text(from) + ": unrecognised non-skippable extension");
            }
            return;
        }
        RegistrationRequest rq = o.request();
        (o.accepted() ? accepted : rejected).incrementAndGet();
        RegistrationReply.Builder b = RegistrationReply.replyTo(rq).code(o.code()).lifetime(o.lifetime())
                .identification(o.identification());
        if (o.accepted()) {
            for (FlowBindingExtension fb : o.echo()) {
                b.extension(fb);
            }
        }
        if (o.sa() != null) {
            b.authenticate(ExtensionTypes.MN_HA_AUTH, o.sa());
        }
        // RFC 5944 §3.8.3.1: the reply goes to the source address and port of the request.
        endpoint.send(b.build().encode(), from);
        if (log != null) {
            log.accept("HoA=" + rq.homeAddress() + " CoA=" + rq.careOfAddress() + " from " + Ipv4.text(from)
                    + " -> " + o.code() + " " + config.replyCodes().name(o.code()) + " lifetime " + o.lifetime()
                    + " (" + o.reason() + ")");
        }
    }

    /** The log line for a datagram that is not a Registration Request (decoded only when someone logs). */
    private String ignored(byte[] data, InetSocketAddress from) {
        try {
            MipMessage m = codec.decode(data);
            return "ignored " + m.summary() + " from " + Ipv4.text(from);
        } catch (DecodeException e) {
            return "discarded " + data.length + " bytes from " + Ipv4.text(from) + ": " + e.getMessage();
        }
    }

    /** Stops answering; bindings are kept in memory but no longer served. */
    @Override
    public void close() {
        purger.shutdownNow();
        if (endpoint != null) {
            endpoint.close();
        }
        if (recorder != null) {
            try {
                recorder.close();
            } catch (IOException e) {
                System.err.println("closing recording: " + e.getMessage());
            }
        }
    }
}

package org.multitunnel.agent.mn;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.multitunnel.agent.mn.MnBinding.State;
import org.multitunnel.agent.net.Ipv4;
import org.multitunnel.agent.net.NtpIdentification;
import org.multitunnel.agent.net.PacketRecorder;
import org.multitunnel.agent.net.UdpEndpoint;
import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.mip.MipCodec;
import org.multitunnel.wire.mip.MipMessage;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ReplyCodes;
import org.multitunnel.wire.mip.auth.AuthResult;
import org.multitunnel.wire.mip.auth.MapKeyTable;
import org.multitunnel.wire.mip.auth.MipAuthenticator;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;

/**
 * The reference mobile node: registers one care-of address per interface with an RFC 7629 Multipath Extension
 * (BID = interface number, If-Label likewise), each request sent from a socket bound to that interface's address
 * (RFC 7629 §5.1), refreshes each binding at a fraction of its granted lifetime, and reacts to the reply codes as
 * the specifications say: 152 → multipath disabled, one plain RFC 5944 registration (RFC 7629 §5.1); 153 → that
 * binding re-registered without the flow binding (§5.1); 133 → clock offset taken from the reply (RFC 5944
 * §5.7.1) and the request resent. With nonces (§5.7.2) each request carries a nonce of an earlier authenticated
 * reply in its high-order 32 bits (none yet: zero, which the HA answers with 133 and a nonce) and a random value
 * in its low-order bits; retransmissions repeat the request unchanged. Stopping de-registers every binding.
 * With {@link MobileNodeConfig.Extension#MTS02} the requests carry seed 001's Multiple Tunnel Request extension
 * instead, and MULTIPLE_TUNNEL_REQUEST_DENIED_BY_HA/FA lead to the same fallback as 152 (seed 001 §5.1 "MAY choose
 * to register without"). When told that the home link is reachable through any interface
 * ({@link #homeLinkDetected(int)}; detecting it is the caller's job, per RFC 5944 §2.4), the node considers itself
 * at home and de-registers all its care-of addresses (seed 001 §5.1, seed 000 §6.1, RFC 5944 §3.6.1.2).
 */
public final class ReferenceMobileNode implements AutoCloseable {
    private static final int MAX_RESYNC = 3;
    private static final long RETRY_MILLIS = 2_000;

    private final MobileNodeConfig config;
    private final MipCodec codec = new MipCodec();
    private final MapKeyTable keys = new MapKeyTable();
    private final List<PathState> paths = new ArrayList<>();
    private final ScheduledExecutorService timer;
    private final PacketRecorder recorder;
    private volatile Consumer<String> log = s -> {
    };
    private boolean multipath;
    private boolean stopping;
    private boolean atHome;
    private long lastId;
    private long offsetNanos;
    /** Nonces from authenticated replies not used yet (RFC 5944 §5.7.2), oldest first; one per path at most. */
    private final java.util.ArrayDeque<Integer> haNonces = new java.util.ArrayDeque<>();
    private final java.security.SecureRandom random = new java.security.SecureRandom();

    /** Per-interface registration state; guarded by the ReferenceMobileNode's lock. */
    private final class PathState {
        final int index;
        final MobileNodeConfig.Interface ifc;
        final int bid;
        UdpEndpoint endpoint;
        State state = State.REGISTERING;
        long pendingId;
        int pendingLifetime;
        int transmissions;
        int resyncs;
        boolean skipFlowsOnce;
        /** Its flow bindings were refused with 153 and are to be sent again once their BIDs are registered. */
        boolean flowsRefused;
        /** Its pending request is the at-home de-registration (care-of address = home address, lifetime 0). */
        boolean homeDereg;
        int flowRetries;
        ScheduledFuture<?> task;
        int granted;
        int lastCode = -1;
        int accepted;
        Instant expiresAt = Instant.MIN;

        PathState(int index, MobileNodeConfig.Interface ifc) {
            this.index = index;
            this.ifc = ifc;
            this.bid = index + 1;
        }
    }

    private ReferenceMobileNode(MobileNodeConfig config, PacketRecorder recorder) {
        this.config = config;
        this.recorder = recorder;
        this.multipath = config.multipath();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("mn-timer")
                .unstarted(r));
        keys.add(config.securityAssociation());
    }

    /** Opens one socket per interface and sends the first registrations. */
    public static ReferenceMobileNode start(MobileNodeConfig config) throws IOException {
        PacketRecorder rec = config.recordTo() == null ? null
                : PacketRecorder.create(config.recordTo(), "mobile node", config.clock(), mipPorts(config))
                        .limit(config.recordLimits());
        ReferenceMobileNode mn = new ReferenceMobileNode(config, rec);
        try {
            for (int i = 0; i < config.interfaces().size(); i++) {
                PathState p = mn.new PathState(i, config.interfaces().get(i));
                p.endpoint = UdpEndpoint.open(new InetSocketAddress(Ipv4.parse(p.ifc.bindAddress()), 0),
                        (d, from) -> mn.onReply(p, d), rec, "mn" + p.bid);
                mn.paths.add(p);
            }
        } catch (IOException | RuntimeException e) {
            mn.close();
            throw e;
        }
        synchronized (mn) {
            for (PathState p : mn.paths) {
                if (mn.multipath || p.index == 0) {
                    mn.register(p, config.lifetime());
                } else {
                    p.state = State.DISABLED;
                }
            }
        }
        return mn;
    }

    public void setLog(Consumer<String> log) {
        this.log = log == null ? s -> {
        } : log;
    }

    /** Whether the node still registers with the Multipath Extension (false after a 152). */
    public synchronized boolean multipathEnabled() {
        return multipath;
    }

    /** Whether the node considers itself at home (after {@link #homeLinkDetected(int)}). */
    public synchronized boolean atHome() {
        return atHome;
    }

    /**
     * The home link is reachable through interface {@code index} (configuration order, 0-based; any interface, not
     * only the first): the node MUST consider itself at home (seed 001 §5.1, seed 000 §6.1) — it stops registering
     * and refreshing care-of addresses — and, if it had bindings, SHOULD de-register all of them: one request from
     * that interface with the care-of address set to the home address and lifetime 0 (RFC 5944 §3.6.1.2).
     */
    public synchronized void homeLinkDetected(int index) {
        PathState home = paths.get(java.util.Objects.checkIndex(index, paths.size()));
        if (atHome || stopping) {
            return;
        }
        atHome = true;
        boolean hadBindings = false;
        for (PathState p : paths) {
            cancel(p);
            p.pendingId = 0;
            hadBindings |= p.accepted > 0;
            p.state = State.AT_HOME;
        }
        log.accept("home link on " + home.ifc.bindAddress() + ": at home"
                + (hadBindings ? ", de-registering all care-of addresses" : ""));
        if (hadBindings) {
            home.homeDereg = true;
            register(home, 0);
        }
    }

    /** One entry per interface, in configuration order. */
    public synchronized List<MnBinding> bindings() {
        Instant now = config.clock().instant();
        List<MnBinding> out = new ArrayList<>();
        for (PathState p : paths) {
            State s = p.state == State.REGISTERED && !now.isBefore(p.expiresAt) ? State.FAILED : p.state;
            out.add(new MnBinding(p.ifc.careOfAddress(), multipath ? p.bid : 0, s, p.granted, p.lastCode, p.accepted,
                    p.expiresAt));
        }
        return out;
    }

    // ---- sending (caller holds the lock) ----

    private void register(PathState p, int lifetime) {
        cancel(p);
        p.pendingLifetime = lifetime;
        p.transmissions = 0;
        p.state = lifetime == 0 ? p.state : State.REGISTERING;
        transmit(p);
    }

    private void transmit(PathState p) {
        long id = config.nonces() && p.transmissions > 0 && p.pendingId != 0 ? p.pendingId : nextId();
        RegistrationRequest.Builder b = RegistrationRequest.builder().lifetime(p.pendingLifetime)
                .homeAddress(config.homeAddress()).homeAgent(config.homeAgentAddress())
                .careOfAddress(p.homeDereg ? config.homeAddress() : p.ifc.careOfAddress()).identification(id)
                .flag(RegistrationRequest.D, !p.homeDereg && p.ifc.bindAddress().equals(p.ifc.careOfAddress()));
        if (p.homeDereg) {
            // RFC 5944 §3.6.1.2: "deregister all": care-of address = home address, no multi-binding extension
        } else if (multipath && config.extension() == MobileNodeConfig.Extension.MTS02) {
            // seed 001 §5.1: the interface's properties; Binding-Id = interface number, like the BID below
            b.extension(MultipleTunnelRequestExtension.builder().ifType(p.ifc.ifAtt()).bid(p.bid).build());
        } else if (multipath) {
            // RFC 7629 §4.1: before the MN-HA authenticator so that it is protected.
            b.extension(MultipathExtension.builder().ifAtt(p.ifc.ifAtt()).ifLabel(p.bid).bid(p.bid).build());
            if (p.pendingLifetime > 0 && p.index == paths.size() - 1 && !p.skipFlowsOnce) {
                for (MobileNodeConfig.FlowPolicy fp : config.flowPolicies()) {
                    FlowBindingExtension.Builder fb = FlowBindingExtension.builder().action(fp.action())
                            .bids(fp.bids());
                    if (fp.selector() != null) {
                        fb.selector(fp.selector());
                    }
                    b.extension(fb.build());
                }
            }
        }
        b.authenticate(ExtensionTypes.MN_HA_AUTH, config.securityAssociation());
        p.pendingId = id;
        p.transmissions++;
        try {
            p.endpoint.send(b.build().encode(), p.homeDereg ? homeAgent() : p.ifc.via() != null ? p.ifc.via()
                    : config.target());
        } catch (IOException e) {
            log.accept("send from " + p.ifc.bindAddress() + " failed: " + e.getMessage());
        }
        // RFC 5944 §3.6.3: retransmit with back-off until a reply arrives or we give up.
        long wait = (long) config.retransmitMillis() << Math.min(p.transmissions - 1, 5);
        p.task = timer.schedule(() -> timeout(p, id), wait, TimeUnit.MILLISECONDS);
    }

    /** The agents' ports this node sends registrations to: what its recording names as Mobile IP. */
    private static List<Integer> mipPorts(MobileNodeConfig c) {
        List<Integer> ports = new ArrayList<>(List.of(c.target().getPort()));
        for (MobileNodeConfig.Interface i : c.interfaces()) {
            if (i.via() != null) {
                ports.add(i.via().getPort());
            }
        }
        return ports;
    }

    /** At home there is no foreign agent to relay: the home agent itself (its port when it is the target). */
    private InetSocketAddress homeAgent() {
        InetSocketAddress t = config.target();
        return t.getAddress().getHostAddress().equals(config.homeAgentAddress()) ? t
                : new InetSocketAddress(config.homeAgentAddress(), 434);
    }

    private long nextId() {
        if (config.nonces()) {
            Integer nonce = haNonces.pollFirst();
            return ((nonce == null ? 0 : nonce) & 0xffffffffL) << 32 | (random.nextInt() & 0xffffffffL);
        }
        Instant now = config.clock().instant().plusNanos(offsetNanos);
        long id = NtpIdentification.of(now);
        if (Long.compareUnsigned(id, lastId) <= 0) {
            id = lastId + 1;
        }
        lastId = id;
        return id;
    }

    private synchronized void timeout(PathState p, long id) {
        if (p.pendingId != id || stopping && p.pendingLifetime != 0) {
            return;
        }
        if (p.transmissions < config.maxTransmissions()) {
            transmit(p);
            return;
        }
        p.pendingId = 0;
        if (p.pendingLifetime == 0) {
            return;
        }
        p.state = State.FAILED;
        log.accept("no reply for " + p.ifc.careOfAddress() + " after " + p.transmissions + " transmissions");
        schedule(p, RETRY_MILLIS);
    }

    private void schedule(PathState p, long millis) {
        cancel(p);
        if (!stopping && !atHome) {
            p.task = timer.schedule(() -> {
                synchronized (ReferenceMobileNode.this) {
                    if (!stopping && !atHome && p.state != State.DISABLED) {
                        register(p, config.lifetime());
                    }
                }
            }, millis, TimeUnit.MILLISECONDS);
        }
    }

    private void cancel(PathState p) {
        if (p.task != null) {
            p.task.cancel(false);
            p.task = null;
        }
    }

    // ---- receiving (endpoint thread) ----

    private void onReply(PathState p, byte[] data) {
        MipMessage m;
        try {
            m = codec.decode(data);
        } catch (DecodeException e) {
            return;
        }
        if (!(m instanceof RegistrationReply rp)) {
            return;
        }
        synchronized (this) {
            boolean matches = rp.identification() == p.pendingId || (rp.code() == 133 || config.nonces())
                    && NtpIdentification.low32(rp.identification()) == NtpIdentification.low32(p.pendingId);
            if (p.pendingId == 0 || !matches || !authentic(data, rp)) {
                log.accept("ignored reply code " + rp.code() + " on " + p.ifc.careOfAddress());
                return;
            }
            if (config.nonces()) {
                haNonces.addLast((int) (rp.identification() >>> 32));
                while (haNonces.size() > paths.size()) {
                    haNonces.pollFirst();
                }
            }
            cancel(p);
            p.pendingId = 0;
            p.lastCode = rp.code();
            handle(p, rp);
        }
    }

    /** RFC 5944 §3.6.2.1: a reply from the HA must carry a valid MN-HA authenticator; FA denials (64-127) cannot. */
    private boolean authentic(byte[] data, RegistrationReply rp) {
        if (rp.code() >= 64 && rp.code() < 128) {
            return true;
        }
        AuthResult r = MipAuthenticator.resultFor(MipAuthenticator.verify(data, rp, keys, config.homeAddress()),
                ExtensionTypes.MN_HA_AUTH);
        return r != null && r.valid();
    }

    private void handle(PathState p, RegistrationReply rp) {
        Instant now = config.clock().instant();
        int code = rp.code();
        if (p.pendingLifetime == 0) {
            p.state = p.homeDereg ? State.AT_HOME : State.DEREGISTERED;
            if (p.homeDereg && !rp.accepted()) {
                log.accept("at-home de-registration denied with " + code);
            }
            return;
        }
        if (rp.accepted()) {
            p.state = State.REGISTERED;
            p.resyncs = 0;
            p.skipFlowsOnce = false;
            p.granted = rp.lifetime();
            p.accepted++;
            if (rp.lifetime() == 0xffff) {
                p.expiresAt = Instant.MAX;
                return;
            }
            p.expiresAt = now.plusSeconds(rp.lifetime());
            long refresh = Math.max(100, (long) (rp.lifetime() * 1000L * config.refreshFraction()));
            schedule(p, refresh);
            log.accept("registered " + p.ifc.careOfAddress() + " BID " + p.bid + " for " + rp.lifetime() + " s");
            resendRefusedFlows();
        } else if (multipath && refusesMultipleBindings(code)) {
            // RFC 7629 §5.1: multipath MUST be disabled; the node MAY register without the Multipath Extension.
            // Seed 001 §5.1: on either DENIED code it MAY register without the Multiple Tunnel Request extension.
            multipath = false;
            for (PathState o : paths) {
                cancel(o);
                o.pendingId = 0;
                o.state = State.DISABLED;
                o.lastCode = code;
            }
            log.accept("multiple bindings refused (" + code + "): falling back to one plain registration");
            register(paths.get(0), config.lifetime());
        } else if (code == ReplyCodes.INVALID_FB_IDENTIFIER) {
            // RFC 7629 §5.1: "MUST re-register that specific binding" — this time without the flow binding.
            p.skipFlowsOnce = true;
            p.flowsRefused = true;
            register(p, config.lifetime());
        } else if (code == 133 && p.resyncs < MAX_RESYNC && config.nonces()) {
            // RFC 5944 §5.7.2: the reply carried a new nonce (kept in onReply); resend with it
            p.resyncs++;
            register(p, config.lifetime());
        } else if (code == 133 && p.resyncs < MAX_RESYNC) {
            // RFC 5944 §5.7.1: the high 32 bits carry the home agent's time; adopt its offset and resend.
            p.resyncs++;
            Instant haTime = NtpIdentification.toInstant(rp.identification() & 0xffffffff00000000L);
            offsetNanos = Duration.between(now, haTime).toNanos();
            register(p, config.lifetime());
        } else {
            p.state = State.FAILED;
            log.accept("registration of " + p.ifc.careOfAddress() + " denied with " + code);
            schedule(p, RETRY_MILLIS);
        }
    }

    private boolean refusesMultipleBindings(int code) {
        if (config.extension() == MobileNodeConfig.Extension.MTS02) {
            ReplyCodes codes = ReplyCodes.standard();
            return code == codes.valueOf("MULTIPLE_TUNNEL_REQUEST_DENIED_BY_HA")
                    || code == codes.valueOf("MULTIPLE_TUNNEL_REQUEST_DENIED_BY_FA");
        }
        return code == ReplyCodes.MULTIPATH_NOT_ALLOWED;
    }

    /**
     * A 153 may only mean that the request naming BID 1 overtook BID 1's own registration (the requests of all
     * interfaces leave at once). Once every BID the flow policies name is registered, the refused flow bindings are
     * sent again right away instead of at the next refresh — at most three times, so an HA that refuses them for
     * good is not asked in a loop.
     */
    private void resendRefusedFlows() {
        java.util.Set<Integer> registered = new java.util.HashSet<>();
        for (PathState o : paths) {
            if (o.state == State.REGISTERED) {
                registered.add(o.bid);
            }
        }
        for (MobileNodeConfig.FlowPolicy fp : config.flowPolicies()) {
            for (int bid : fp.bids()) {
                if (!registered.contains(bid)) {
                    return;
                }
            }
        }
        for (PathState o : paths) {
            if (o.flowsRefused && o.state == State.REGISTERED && o.flowRetries < 3 && !stopping) {
                o.flowsRefused = false;
                o.flowRetries++;
                log.accept("sending the flow bindings again with " + o.ifc.careOfAddress() + " now that their "
                        + "BIDs are registered");
                register(o, config.lifetime());
            }
        }
    }

    /** De-registers every registered binding (waiting up to 1.5 s for the replies), then closes the sockets. */
    @Override
    public void close() {
        List<PathState> dereg = new ArrayList<>();
        synchronized (this) {
            stopping = true;
            for (PathState p : paths) {
                cancel(p);
                if (p.endpoint != null && (p.state == State.REGISTERED || p.state == State.REGISTERING)
                        && p.accepted > 0) {
                    p.state = State.REGISTERED;
                    register(p, 0);
                    dereg.add(p);
                }
            }
        }
        long deadline = System.nanoTime() + 1_500_000_000L;
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (dereg.stream().allMatch(p -> p.state == State.DEREGISTERED || p.pendingId == 0)) {
                    break;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        timer.shutdownNow();
        for (PathState p : paths) {
            if (p.endpoint != null) {
                p.endpoint.close();
            }
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

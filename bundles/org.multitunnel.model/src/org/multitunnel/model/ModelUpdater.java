package org.multitunnel.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.util.EcoreUtil;

/**
 * Why: the one door through which the analysis changes a {@link CaptureSession}. Every change is an ordinary EMF
 * set/add, so adapters on the model (the GUI's views, an {@code EContentAdapter}) are notified as the analysis
 * runs; running them all through {@link Context} lets the GUI put the changes on its own thread (for example
 * {@code display::syncExec}) while the command line applies them directly. A binding's life is only changed
 * here, so its {@link Binding#getHistory() history} always matches its state.
 *
 * <p>Analysis changes are not undoable user edits (a capture yields millions of them), so they go through this
 * updater rather than an EMF command stack.
 *
 * <p>Times are ns since the epoch, frames 1-based frame numbers, lifetimes seconds. Use one updater per session
 * from one analysis thread: it indexes nodes and tunnels, so add them only through it.
 */
public final class ModelUpdater {

    /** Where changes run: directly, or handed to the thread that owns the model. Must run the change before returning. */
    @FunctionalInterface
    public interface Context {
        Context DIRECT = Runnable::run;

        void run(Runnable change);
    }

    private final CaptureSession session;
    private final Context context;
    /** Find-or-create indexes (a capture may hold thousands of nodes and tunnels); filled from the session. */
    private final Map<String, MobileNode> nodes = new HashMap<>();
    private final Map<TunnelKey, Tunnel> tunnels = new HashMap<>();
    /** Active bindings by node, BID and care-of address, kept here because only this class changes binding state. */
    private final ActiveBindings active = new ActiveBindings();

    private record TunnelKey(String homeAgent, String careOfAddress, Encapsulation encapsulation) {
    }

    public ModelUpdater(CaptureSession session) {
        this(session, Context.DIRECT);
    }

    public ModelUpdater(CaptureSession session, Context context) {
        this.session = session;
        this.context = context;
        for (MobileNode mn : session.getMobileNodes()) {
            nodes.putIfAbsent(mn.getHomeAddress(), mn);
            for (Binding b : mn.getBindings()) {
                if (b.getState() == BindingState.ACTIVE) {
                    active.activated(mn, b);
                }
            }
        }
        for (Tunnel t : session.getTunnels()) {
            tunnels.putIfAbsent(new TunnelKey(t.getHomeAgent(), t.getCareOfAddress(), t.getEncapsulation()), t);
        }
    }

    public CaptureSession session() {
        return session;
    }

    /** The active bindings, indexed (O(1) per question, whatever the length of a node's history). */
    public ActiveBindings activeBindings() {
        return active;
    }

    // ---- capture ------------------------------------------------------------------------------------------

    /** Describes the capture; start and end are left unset when it holds no packet. */
    public void describeCapture(String file, long packets, long bytes, long start, long end) {
        apply(() -> {
            session.setFile(file);
            session.setPackets(packets);
            session.setBytes(bytes);
            if (packets == 0) {
                session.unsetStart();
                session.unsetEnd();
            } else {
                session.setStart(start);
                session.setEnd(end);
            }
        });
    }

    /** The width of the throughput series buckets, in ns. */
    public void setSeriesInterval(long interval) {
        if (interval <= 0) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        apply(() -> session.setInterval(interval));
    }

    // ---- mobile nodes -------------------------------------------------------------------------------------

    /** The mobile node with this home address, created (appended, so nodes stay in first-seen order) if new. */
    /** The mobile node of {@code homeAddress} if this updater has one, without creating it. */
    public MobileNode knownMobileNode(String homeAddress) {
        return nodes.get(homeAddress);
    }

    public MobileNode mobileNode(String homeAddress) {
        MobileNode known = nodes.get(homeAddress);
        if (known != null) {
            return known;
        }
        MobileNode mn = MultitunnelFactory.eINSTANCE.createMobileNode();
        mn.setHomeAddress(homeAddress);
        apply(() -> session.getMobileNodes().add(mn));
        nodes.put(homeAddress, mn);
        return mn;
    }

    /** Records the node's home agent and NAI; a null argument leaves that attribute as it is. */
    public void identify(MobileNode mn, String homeAgent, String nai) {
        apply(() -> {
            if (homeAgent != null) {
                mn.setHomeAgent(homeAgent);
            }
            if (nai != null) {
                mn.setNai(nai);
            }
        });
    }

    // ---- registration transactions ------------------------------------------------------------------------

    /** Adds a transaction built with {@link MultitunnelFactory} (a request, or an orphan reply) to its node. */
    public Registration addRegistration(MobileNode mn, Registration registration) {
        apply(() -> mn.getRegistrations().add(registration));
        return registration;
    }

    /** Counts one more retransmission of the transaction's request. */
    public void retransmitted(Registration registration) {
        apply(() -> registration.setRetransmissions(registration.getRetransmissions() + 1));
    }

    /** Records the reply matched to the transaction; lifetimeGranted is the reply's Lifetime field. */
    public void answered(Registration registration, long replyFrame, long replyTime, int code, int lifetimeGranted) {
        apply(() -> {
            registration.setReplyFrame(replyFrame);
            registration.setReplyTime(replyTime);
            registration.setCode(code);
            registration.setLifetimeGranted(lifetimeGranted);
        });
    }

    // ---- bindings -----------------------------------------------------------------------------------------

    /**
     * An accepting reply activates the binding: a new one (built with {@link MultitunnelFactory}, its granted
     * lifetime set) is added to the node and records {@link BindingEvent#REGISTERED}; for one already active
     * this is a refresh ({@link BindingEvent#REFRESHED}) with the binding's current granted lifetime.
     */
    public Binding register(MobileNode mn, Binding binding, long time, long frame, Registration cause) {
        if (!binding.isSetLifetimeGranted()) {
            throw new IllegalArgumentException("set the granted lifetime before registering a binding");
        }
        boolean wasKnown = binding.eContainer() == mn;
        apply(() -> {
            boolean known = binding.eContainer() == mn;
            if (known && binding.getState() != BindingState.ACTIVE) {
                throw new IllegalStateException("binding " + binding.getBid() + " already ended ("
                        + binding.getState() + "); register a new Binding instead");
            }
            if (!known) {
                binding.setState(BindingState.ACTIVE);
                binding.setRegisteredAt(time);
                mn.getBindings().add(binding);
            }
            binding.setRefreshedAt(time);
            record(binding, known ? BindingEvent.REFRESHED : BindingEvent.REGISTERED, BindingState.ACTIVE, time,
                    frame, binding.getLifetimeGranted(), cause);
        });
        if (!wasKnown) {
            active.activated(mn, binding);
        }
        return binding;
    }

    /** Extends an active binding's lease (a per-BID re-registration or the B flag's bulk refresh). */
    public void refresh(Binding binding, int lifetimeGranted, long time, long frame, Registration cause) {
        requireActive(binding);
        apply(() -> {
            binding.setLifetimeGranted(lifetimeGranted);
            binding.setRefreshedAt(time);
            record(binding, BindingEvent.REFRESHED, BindingState.ACTIVE, time, frame, lifetimeGranted, cause);
        });
    }

    /** Ends an active binding because a registration de-registered ({@link BindingEvent#DEREGISTERED}) or replaced ({@link BindingEvent#REPLACED}) it. */
    public void end(Binding binding, BindingEvent why, long time, long frame, Registration cause) {
        BindingState state = switch (why) {
            case DEREGISTERED -> BindingState.DEREGISTERED;
            case REPLACED -> BindingState.REPLACED;
            default -> throw new IllegalArgumentException(why + " is not an ending by registration; use expire/reject");
        };
        requireActive(binding);
        MobileNode mn = (MobileNode) binding.eContainer();
        apply(() -> {
            binding.setState(state);
            binding.setEndedAt(time);
            record(binding, why, state, time, frame, null, cause);
        });
        active.ended(mn, binding);
    }

    /** Ends an active binding whose lease ran out at {@code time} (no frame causes an expiry). */
    public void expire(Binding binding, long time) {
        requireActive(binding);
        MobileNode mn = (MobileNode) binding.eContainer();
        apply(() -> {
            binding.setState(BindingState.EXPIRED);
            binding.setEndedAt(time);
            record(binding, BindingEvent.EXPIRED, BindingState.EXPIRED, time, null, null, null);
        });
        active.ended(mn, binding);
    }

    /**
     * Adds a binding the home agent refused (a new binding built with {@link MultitunnelFactory}) in state
     * {@link BindingState#REJECTED}, ended at the rejecting reply. A refused refresh leaves the active binding as
     * it is and is only recorded on its {@link Registration}.
     */
    public Binding reject(MobileNode mn, Binding binding, long time, long frame, Registration cause) {
        if (binding.eContainer() != null) {
            throw new IllegalStateException("only a new binding can be rejected");
        }
        apply(() -> {
            binding.setState(BindingState.REJECTED);
            binding.setEndedAt(time);
            mn.getBindings().add(binding);
            record(binding, BindingEvent.REJECTED, BindingState.REJECTED, time, frame, null, cause);
        });
        return binding;
    }

    // ---- flow bindings ------------------------------------------------------------------------------------

    public FlowBinding addFlowBinding(MobileNode mn, FlowBinding flowBinding) {
        apply(() -> mn.getFlowBindings().add(flowBinding));
        return flowBinding;
    }

    public void removeFlowBinding(FlowBinding flowBinding) {
        apply(() -> EcoreUtil.remove(flowBinding));
    }

    // ---- tunnels ------------------------------------------------------------------------------------------

    /** The tunnel for (home agent, care-of address, encapsulation), created (appended) if new. */
    public Tunnel tunnel(String homeAgent, String careOfAddress, Encapsulation encapsulation) {
        TunnelKey key = new TunnelKey(homeAgent, careOfAddress, encapsulation);
        Tunnel known = tunnels.get(key);
        if (known != null) {
            return known;
        }
        Tunnel t = MultitunnelFactory.eINSTANCE.createTunnel();
        t.setHomeAgent(homeAgent);
        t.setCareOfAddress(careOfAddress);
        t.setEncapsulation(encapsulation);
        apply(() -> session.getTunnels().add(t));
        tunnels.put(key, t);
        return t;
    }

    /** Notes that the tunnel carries this home address's traffic (once per address). */
    public void addHomeAddress(Tunnel tunnel, String homeAddress) {
        apply(() -> {
            if (!tunnel.getHomeAddresses().contains(homeAddress)) {
                tunnel.getHomeAddresses().add(homeAddress);
            }
        });
    }

    /** Notes that a binding with this BID uses the tunnel (once per BID). */
    public void addBid(Tunnel tunnel, int bid) {
        apply(() -> {
            if (!tunnel.getBids().contains(bid)) {
                tunnel.getBids().add(bid);
            }
        });
    }

    /** The data counted on the tunnel per direction (outer IPv4 total lengths; signalling excluded). */
    public void setTraffic(Tunnel tunnel, long toCareOfPackets, long toCareOfBytes, long toHomeAgentPackets,
            long toHomeAgentBytes) {
        apply(() -> {
            tunnel.setToCareOfPackets(toCareOfPackets);
            tunnel.setToCareOfBytes(toCareOfBytes);
            tunnel.setToHomeAgentPackets(toHomeAgentPackets);
            tunnel.setToHomeAgentBytes(toHomeAgentBytes);
        });
    }

    /**
     * Replaces the tunnel's throughput series: bucket starts (ns, strictly ascending, empty buckets omitted) with
     * the bytes and packets of both directions. The arrays are copied.
     */
    public void setSeries(Tunnel tunnel, long interval, long[] times, long[] bytes, long[] packets) {
        adoptSeries(tunnel, interval, times.clone(), bytes.clone(), packets.clone());
    }

    /**
     * {@link #setSeries(Tunnel, long, long[], long[], long[])} without copying: the model keeps these arrays, so
     * neither the caller nor anyone else may change them afterwards (the final series of a long capture run to
     * millions of buckets; a copy would double their memory).
     */
    public void adoptSeries(Tunnel tunnel, long interval, long[] times, long[] bytes, long[] packets) {
        if (times.length != bytes.length || times.length != packets.length) {
            throw new IllegalArgumentException("series arrays differ in length: " + times.length + ", "
                    + bytes.length + ", " + packets.length);
        }
        for (int i = 1; i < times.length; i++) {
            if (times[i] <= times[i - 1]) {
                throw new IllegalArgumentException("series times not ascending at index " + i);
            }
        }
        ThroughputSeries series = MultitunnelFactory.eINSTANCE.createThroughputSeries();
        series.setInterval(interval);
        series.setTimes(times);
        series.setBytes(bytes);
        series.setPackets(packets);
        apply(() -> tunnel.setSeries(series));
    }

    // ---- findings -----------------------------------------------------------------------------------------

    public Finding addFinding(long frame, Severity severity, String rule, String message, EObject... related) {
        Finding finding = MultitunnelFactory.eINSTANCE.createFinding();
        finding.setFrame(frame);
        finding.setSeverity(severity);
        finding.setRule(rule);
        finding.setMessage(message);
        finding.getRelated().addAll(Arrays.asList(related));
        apply(() -> session.getFindings().add(finding));
        return finding;
    }

    // ---- anything else ------------------------------------------------------------------------------------

    /**
     * Sets any other feature of a model object (for example a binding's link weight learnt later), still through
     * this updater's context; for a many-valued feature pass the complete new {@link List}.
     */
    public void set(EObject object, EStructuralFeature feature, Object value) {
        apply(() -> object.eSet(feature, value));
    }

    // ---- internals ----------------------------------------------------------------------------------------

    private void record(Binding binding, BindingEvent event, BindingState state, long time, Long frame,
            Integer lifetime, Registration cause) {
        BindingStateChange change = MultitunnelFactory.eINSTANCE.createBindingStateChange();
        change.setEvent(event);
        change.setState(state);
        change.setTime(time);
        if (frame != null) {
            change.setFrame(frame);
        }
        if (lifetime != null) {
            change.setLifetime(lifetime);
        }
        change.setRegistration(cause);
        binding.getHistory().add(change);
    }

    private static void requireActive(Binding binding) {
        if (binding.getState() != BindingState.ACTIVE || binding.eContainer() == null) {
            throw new IllegalStateException("binding " + binding.getBid() + " is not active (" + binding.getState()
                    + ")");
        }
    }

    private void apply(Runnable change) {
        context.run(change);
    }
}

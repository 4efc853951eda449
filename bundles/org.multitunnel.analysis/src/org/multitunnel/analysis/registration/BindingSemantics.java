package org.multitunnel.analysis.registration;

import java.util.ArrayList;
import java.util.List;

import org.multitunnel.model.Binding;
import org.multitunnel.model.BindingEvent;
import org.multitunnel.model.FlowAction;
import org.multitunnel.model.FlowBinding;
import org.multitunnel.model.MobileNode;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.MultitunnelFactory;
import org.multitunnel.model.Registration;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ext.FlowBindingActions;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;

/**
 * Applies an answered registration to the mobile node's bindings exactly as the home agent must:
 * <ul>
 * <li>a binding becomes active on an accepting reply, never on the request (RFC 5944 §3.6.1.2 / §3.8.3);</li>
 * <li>RFC 7629 §5: per-BID registration adds or refreshes that BID; lifetime 0 de-registers only that BID;
 * B with lifetime 0 de-registers all; B extends every binding of the node (§6: "MUST extend the lifetime of all
 * the bindings"); O replaces all other bindings with this one (§6);</li>
 * <li>seed 001's Multiple Tunnel Request and seed 000's Multi-Interface Routing are keyed the same way by their
 * Binding-Id / If-Id;</li>
 * <li>a plain RFC 5944 registration replaces the node's bindings unless S (simultaneous bindings, §3.3) is set,
 * and a return home (care-of address = home address, or lifetime 0) removes them all (§3.6.1.2);</li>
 * <li>a refused registration of a binding that is not active is kept as a rejected binding.</li>
 * </ul>
 * Every change goes through {@link ModelUpdater}, so the views follow live.
 */
public final class BindingSemantics {
    private final ModelUpdater updater;
    private final ExpiryQueue expiry = new ExpiryQueue();
    private int generation;
    private final List<NegotiatedFlowBinding> flowBindings = new ArrayList<>();

    /** A flow binding the home agent accepted: its extension (with the selector), when and in which frame. */
    public record NegotiatedFlowBinding(MobileNode node, FlowBindingExtension extension, long time, long frame) {
    }

    public BindingSemantics(ModelUpdater updater) {
        this.updater = updater;
    }

    /** Expires leases that ended at or before {@code now}; call before each packet in capture order. */
    public void advanceTo(long now) {
        if (expiry.advance(now, updater)) {
            generation++;
        }
    }

    /**
     * Tells the semantics about a binding registered or refreshed elsewhere (the Mobile IPv6 binding cache), so
     * it expires with the others and data-plane checks see it.
     */
    public void track(Binding b) {
        generation++;
        expiry.schedule(b);
    }

    /** Notes a change of the active set made elsewhere (a Mobile IPv6 de-registration). */
    public void changed() {
        generation++;
    }

    /** Every accepted flow binding, in capture order. */
    public List<NegotiatedFlowBinding> flowBindings() {
        return flowBindings;
    }

    /** Changes whenever the set of active bindings may have changed, so callers can cache derived views. */
    public int generation() {
        return generation;
    }

    /** The registration was accepted (code 0 or 1) with {@code granted} seconds of lifetime. */
    public void accepted(MobileNode mn, RegistrationRequest rq, BindingRequest br, int granted, long time, long frame,
            Registration cause) {
        generation++;
        String coa = rq.careOfAddress();
        boolean returnHome = coa.equals(rq.homeAddress()) || (granted == 0 && !br.multipath())
                || (rq.lifetime() == 0 && !br.multipath());
        if (returnHome) {
            endAll(mn, BindingEvent.DEREGISTERED, time, frame, cause, null);
            return;
        }
        if (!br.multipath()) {
            Binding same = updater.activeBindings().toCareOf(mn, coa);
            if (!rq.flag(BindingRequest.FLAG_S)) {
                endAll(mn, BindingEvent.REPLACED, time, frame, cause, same);
            }
            upsert(mn, same, rq, br, granted, time, frame, cause);
            return;
        }
        Binding existing = updater.activeBindings().byBid(mn, br.bid());
        if (rq.lifetime() == 0 || granted == 0) {
            if (br.bulk()) {
                endAll(mn, BindingEvent.DEREGISTERED, time, frame, cause, null);
            } else if (existing != null) {
                updater.end(existing, BindingEvent.DEREGISTERED, time, frame, cause);
            }
            return;
        }
        if (br.overwrite()) {
            endAll(mn, BindingEvent.REPLACED, time, frame, cause, existing);
        }
        if (existing != null && !existing.getCareOfAddress().equals(coa)) {
            // A new care-of address for a registered BID replaces that binding (RFC 7629 §5, update).
            updater.end(existing, BindingEvent.REPLACED, time, frame, cause);
            existing = null;
        }
        Binding b = upsert(mn, existing, rq, br, granted, time, frame, cause);
        if (br.bulk()) {
            for (Binding other : updater.activeBindings().of(mn)) {
                if (other != b) {
                    updater.refresh(other, granted, time, frame, cause);
                    expiry.schedule(other);
                }
            }
        }
        for (FlowBindingExtension fb : br.flowBindings()) {
            addFlowBinding(mn, fb, frame);
            flowBindings.add(new NegotiatedFlowBinding(mn, fb, time, frame));
        }
    }

    /** The registration was refused: a binding that was not active is recorded as rejected. */
    public void rejected(MobileNode mn, RegistrationRequest rq, BindingRequest br, long time, long frame,
            Registration cause) {
        generation++;
        Binding active = br.multipath() ? updater.activeBindings().byBid(mn, br.bid())
                : updater.activeBindings().toCareOf(mn, rq.careOfAddress());
        if (active != null || rq.lifetime() == 0) {
            return; // a refused refresh or de-registration leaves the table as it was
        }
        updater.reject(mn, newBinding(rq, br, rq.lifetime()), time, frame, cause);
    }

    private Binding upsert(MobileNode mn, Binding existing, RegistrationRequest rq, BindingRequest br, int granted,
            long time, long frame, Registration cause) {
        Binding b;
        if (existing != null) {
            updater.refresh(existing, granted, time, frame, cause);
            b = existing;
        } else {
            b = updater.register(mn, newBinding(rq, br, granted), time, frame, cause);
        }
        expiry.schedule(b);
        return b;
    }

    private static Binding newBinding(RegistrationRequest rq, BindingRequest br, int granted) {
        Binding b = MultitunnelFactory.eINSTANCE.createBinding();
        if (br.bid() != BindingRequest.NO_BID) {
            b.setBid(br.bid());
        }
        b.setCareOfAddress(rq.careOfAddress());
        if (br.accessTechnology() >= 0) {
            b.setAccessTechnology(br.accessTechnology());
        }
        if (br.interfaceLabel() >= 0) {
            b.setInterfaceLabel(br.interfaceLabel());
        }
        if (br.linkWeight() >= 0) {
            b.setLinkWeight(br.linkWeight());
        }
        if (br.interfaceBandwidth() >= 0) {
            b.setInterfaceBandwidth(br.interfaceBandwidth());
        }
        b.setEncapsulation(br.encapsulation());
        b.setExtension(br.kind());
        b.setLifetimeRequested(rq.lifetime());
        b.setLifetimeGranted(granted);
        return b;
    }

    private void endAll(MobileNode mn, BindingEvent why, long time, long frame, Registration cause, Binding keep) {
        for (Binding b : updater.activeBindings().of(mn)) {
            if (b != keep) {
                updater.end(b, why, time, frame, cause);
            }
        }
    }

    private void addFlowBinding(MobileNode mn, FlowBindingExtension fb, long frame) {
        FlowBinding f = MultitunnelFactory.eINSTANCE.createFlowBinding();
        // RFC 7629 §4.2's action table was lost from the seed: name the action only when the wire registry
        // knows the value (a preference), never by guessing.
        String name = FlowBindingActions.defaults().name(fb.action());
        FlowAction action = name == null ? null : FlowAction.getByName(name);
        if (action != null) {
            f.setAction(action);
        }
        f.setActionCode(fb.action());
        List<Integer> bids = new ArrayList<>();
        for (int bid : fb.bids()) {
            bids.add(bid);
        }
        f.getBids().addAll(bids);
        f.setSelectorFormat(fb.tsFormat() == 1 ? "ipv4" : fb.tsFormat() == 2 ? "ipv6" : "format-" + fb.tsFormat());
        if (fb.selector() != null) {
            f.setSelectorText(fb.selector().text());
            java.nio.ByteBuffer raw = java.nio.ByteBuffer.allocate(fb.selector().encodedLength());
            fb.selector().encodeTo(raw);
            f.setSelector(raw.array());
        }
        f.setFrame(frame);
        for (FlowBinding old : new ArrayList<>(mn.getFlowBindings())) {
            if (old.getBids().equals(f.getBids()) && old.getSelectorText() != null
                    && old.getSelectorText().equals(f.getSelectorText())) {
                updater.removeFlowBinding(old); // the same policy registered again: keep the newest
            }
        }
        updater.addFlowBinding(mn, f);
    }
}

package org.multitunnel.analysis.registration;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.multitunnel.analysis.AnalysisRules;
import org.multitunnel.model.Binding;
import org.multitunnel.model.Encapsulation;
import org.multitunnel.model.ExtensionKind;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.Severity;
import org.multitunnel.wire.mip.RegistrationRequest;

/**
 * RFC 7629 §5.1, how a mobile node must treat a BID it has registered:
 * <ul>
 * <li>a lifetime extension (same BID, same care-of address) "MUST be sent as the initial multipath registration
 * and must be routed through that specific interface": its copies must share an outer source with the copies
 * of the registration that created the binding (at the same capture point a co-located request comes from its
 * care-of address, a relayed one from the same foreign agent); none in common means another path. Not judged
 * for UDP-tunnelled (RFC 3519) registrations, whose outer source is a NAT's and may change by itself;</li>
 * <li>an update of that registration's parameters ("this includes a change of care of address") "the Overwrite
 * Flag (O) flag MUST be set": a request for an active BID with another care-of address, If-ATT or If-Label and
 * O = 0 (and B = 0, which excludes O) breaks it.</li>
 * </ul>
 * Judged when the request is answered (all its relayed copies seen), against the binding active before the
 * reply is applied, so only BIDs whose registration the capture holds are judged.
 */
final class ReregistrationChecks {
    private final ModelUpdater updater;
    /** Outer sources of the registration that created each binding. */
    private final Map<Binding, Set<Integer>> initialSources = new IdentityHashMap<>();
    /**
     * If-ATT and If-Label each binding was last accepted with (the model's binding keeps those of its creation;
     * an accepted update with O = 1 changes them at the home agent).
     */
    private final Map<Binding, int[]> parameters = new IdentityHashMap<>();

    ReregistrationChecks(ModelUpdater updater) {
        this.updater = updater;
    }

    /** Before the reply to {@code p} is applied: judges the request against the binding it names. */
    Binding before(TransactionTracker.Pending p, long frame) {
        BindingRequest br = p.binding;
        RegistrationRequest rq = p.request;
        if (br.kind() != ExtensionKind.RFC7629 || br.bulk() || rq.lifetime() == 0) {
            return null;
        }
        Binding existing = updater.activeBindings().byBid(p.node, br.bid());
        if (existing == null || existing.getExtension() != ExtensionKind.RFC7629) {
            return null;
        }
        int[] params = parameters.get(existing);
        boolean sameCoa = existing.getCareOfAddress().equals(rq.careOfAddress());
        boolean changed = !sameCoa
                || (params != null && (params[0] != br.accessTechnology() || params[1] != br.interfaceLabel()));
        if (changed && !br.overwrite()) {
            updater.addFinding(frame, Severity.ERROR, AnalysisRules.UPDATE_SETS_O, "request frame "
                    + p.registration.getRequestFrame() + " updates BID " + br.bid() + " (care-of "
                    + existing.getCareOfAddress() + " → " + rq.careOfAddress() + (params == null ? ""
                            : ", If-ATT " + params[0] + " → " + br.accessTechnology() + ", If-Label " + params[1]
                                    + " → " + br.interfaceLabel()) + ") without setting O",
                    p.registration, existing);
        }
        // Through a NAT (RFC 3519 UDP tunnelling) the outer source is the NAT's and may change on its own.
        if (!changed && !br.overwrite() && br.encapsulation() != Encapsulation.UDP) {
            Set<Integer> initial = initialSources.get(existing);
            if (initial != null && java.util.Collections.disjoint(initial, p.sources)) {
                updater.addFinding(frame, Severity.ERROR, AnalysisRules.REREG_SAME_PATH, "lifetime extension of BID "
                        + br.bid() + " (request frame " + p.registration.getRequestFrame() + ") took another path "
                        + "than the binding's initial registration", p.registration, existing);
            }
        }
        return existing;
    }

    /**
     * After an accepting reply is applied: a binding created by it remembers the path of its registration, and
     * the binding it names the interface parameters it now holds.
     */
    void after(TransactionTracker.Pending p, Binding before) {
        if (p.binding.kind() != ExtensionKind.RFC7629 || p.binding.bid() == BindingRequest.NO_BID) {
            return;
        }
        Binding now = updater.activeBindings().byBid(p.node, p.binding.bid());
        if (now == null) {
            return;
        }
        if (now != before) {
            initialSources.put(now, Set.copyOf(p.sources));
        }
        parameters.put(now, new int[] {p.binding.accessTechnology(), p.binding.interfaceLabel()});
    }
}

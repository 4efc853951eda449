package org.multitunnel.analysis.registration;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.multitunnel.analysis.AnalysisRules;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.Severity;
import org.multitunnel.wire.dissect.Addresses;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ext.MipExtension;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;

/**
 * Seed 001 §5.1: "The mobile node MUST ensure that the Registration Request is routed through the specific
 * interface for which the registration is sought". A capture proves the opposite only in one case: a request
 * registering a co-located care-of address (D set, RFC 5944 §3.3) whose outer source is another co-located
 * care-of address the same node registered earlier in the capture, i.e. the request left through the node's
 * other interface. Any other source (a foreign agent's relay, a NAT) is not the node's own address and proves
 * nothing, so it is not reported.
 */
final class InterfaceRoutingCheck {
    /** RFC 5944 §3.3: D, decapsulation by the mobile node (a co-located care-of address). */
    private static final int FLAG_D = 0x20;

    private final ModelUpdater updater;
    /** Co-located care-of addresses (IPv4 ints) each home address (IPv4 int) registered so far. */
    private final Map<Integer, Set<Integer>> colocated = new HashMap<>();

    InterfaceRoutingCheck(ModelUpdater updater) {
        this.updater = updater;
    }

    /** Called for each copy of a request, after the transaction tracker has placed it. */
    void copy(TransactionTracker.Pending p, long frame) {
        if (p.relayed || p.routingChecked) {
            return;
        }
        p.routingChecked = true;
        RegistrationRequest rq = p.first();
        if (!rq.flag(FLAG_D) || rq.lifetime() == 0 || rq.careOfAddressInt() == rq.homeAddressInt()) {
            return;
        }
        Set<Integer> own = colocated.computeIfAbsent(rq.homeAddressInt(), k -> new HashSet<>());
        int coa = rq.careOfAddressInt();
        if (p.src != coa && own.contains(p.src) && hasMultipleTunnelRequest(rq)) {
            updater.addFinding(frame, Severity.ERROR, AnalysisRules.MTS02_ROUTED_VIA_INTERFACE, "request registering "
                    + "co-located care-of address " + rq.careOfAddress() + " was sent from the node's other "
                    + "care-of address " + Addresses.ipv4(p.src) + ", not through its own interface",
                    p.registration);
        }
        own.add(coa);
    }

    private static boolean hasMultipleTunnelRequest(RegistrationRequest rq) {
        for (MipExtension e : rq.extensions()) {
            if (e instanceof MultipleTunnelRequestExtension) {
                return true;
            }
        }
        return false;
    }
}

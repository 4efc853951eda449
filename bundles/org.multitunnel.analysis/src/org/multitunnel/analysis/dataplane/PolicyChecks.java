package org.multitunnel.analysis.dataplane;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.multitunnel.analysis.AnalysisRules;
import org.multitunnel.analysis.registration.BindingSemantics;
import org.multitunnel.capture.tunnel.FlowTunnelUse;
import org.multitunnel.capture.tunnel.InnerFlow;
import org.multitunnel.capture.tunnel.TunnelTotals;
import org.multitunnel.capture.tunnel.TunnelReport;
import org.multitunnel.model.Binding;
import org.multitunnel.model.BindingStateChange;
import org.multitunnel.model.Encapsulation;
import org.multitunnel.model.ExtensionKind;
import org.multitunnel.model.MobileNode;
import org.multitunnel.model.ModelQueries;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.Severity;

/**
 * Whole-capture checks of the data plane against what the registrations asked for:
 * <ul>
 * <li>a flow matching a negotiated RFC 7629 flow binding was carried on a tunnel whose care-of address is not a
 * binding the policy names (RFC 7629 §5: the forwarding plane "must" match the flow policy);</li>
 * <li>the observed share of a node's bytes per tunnel is far from the share its bindings requested: seed 000's
 * Link-Weight in weighted mode, seed 001's Interface Bandwidth (read as relative capacity).</li>
 * </ul>
 */
public final class PolicyChecks {
    /** How far (in share of the node's bytes) the observation may be from the request before it is noted. */
    static final double SHARE_TOLERANCE = 0.2;
    /** Too little traffic says nothing about a distribution. */
    static final long MIN_PACKETS_FOR_SHARE = 100;

    private PolicyChecks() {
    }

    public static void run(TunnelReport report, BindingSemantics semantics, ModelUpdater updater) {
        flowPolicy(report, semantics, updater);
        shares(report, updater);
    }

    private static void flowPolicy(TunnelReport report, BindingSemantics semantics, ModelUpdater updater) {
        for (BindingSemantics.NegotiatedFlowBinding nfb : semantics.flowBindings()) {
            MobileNode mn = nfb.node();
            List<Integer> bids = java.util.Arrays.stream(nfb.extension().bids()).boxed().toList();
            List<String> allowed = new ArrayList<>();
            for (Binding b : mn.getBindings()) {
                if (b.isSetBid() && bids.contains(b.getBid())) {
                    allowed.add(b.getCareOfAddress());
                }
            }
            for (InnerFlow f : report.flows()) {
                if (!(f.source().equals(mn.getHomeAddress()) || f.destination().equals(mn.getHomeAddress()))
                        || nfb.extension().selector() == null
                        || !SelectorMatch.matches(nfb.extension().selector(), f)) {
                    continue;
                }
                for (FlowTunnelUse u : f.tunnels()) {
                    TunnelTotals t = report.tunnels().get(u.tunnel());
                    if (u.lastNanos() >= nfb.time() && !allowed.contains(t.careOfAddressText())) {
                        // the flow's first packet on that tunnel when it came after the flow binding; else the
                        // binding's own frame (the packets before it broke no policy yet)
                        long frame = u.firstNanos() >= nfb.time() ? u.firstFrame() : nfb.frame();
                        List<EObject> related = new ArrayList<>();
                        related.add(updater.tunnel(t.homeAgentText(), t.careOfAddressText(),
                                Encapsulation.getByName(t.encapsulation().contractName())));
                        related.add(mn);
                        for (Binding b : mn.getBindings()) {
                            if (b.isSetBid() && bids.contains(b.getBid())) {
                                related.add(b);
                            }
                        }
                        updater.addFinding(frame, Severity.ERROR, AnalysisRules.FLOW_OFF_POLICY, "flow "
                                + f.label() + " used tunnel " + t.label() + " but its flow binding (frame "
                                + nfb.frame() + ") allows only BIDs " + bids + " (" + String.join(", ", allowed)
                                + ")", related.toArray(EObject[]::new));
                    }
                }
            }
        }
    }

    private static void shares(TunnelReport report, ModelUpdater updater) {
        for (MobileNode mn : updater.session().getMobileNodes()) {
            Map<String, Double> requested = new HashMap<>();
            for (Binding b : ModelQueries.activeBindings(mn)) {
                if (b.getExtension() == ExtensionKind.MULTI_INTERFACE && b.isSetLinkWeight() && b.getLinkWeight() > 0) {
                    requested.merge(b.getCareOfAddress(), (double) b.getLinkWeight(), Double::sum);
                } else if (b.getExtension() == ExtensionKind.MULTIPLE_TUNNEL02 && b.isSetInterfaceBandwidth()
                        && b.getInterfaceBandwidth() > 0) {
                    requested.merge(b.getCareOfAddress(), (double) b.getInterfaceBandwidth(), Double::sum);
                }
            }
            if (requested.size() < 2) {
                continue;
            }
            Map<String, Long> observed = new HashMap<>();
            Map<String, List<EObject>> tunnelsTo = new HashMap<>();
            long packets = 0;
            for (TunnelTotals t : report.tunnels()) {
                if (t.homeAgentText().equals(mn.getHomeAgent()) && requested.containsKey(t.careOfAddressText())) {
                    observed.merge(t.careOfAddressText(), t.bytes(), Long::sum);
                    packets += t.packets();
                    tunnelsTo.computeIfAbsent(t.careOfAddressText(), k -> new ArrayList<>()).add(updater.tunnel(
                            t.homeAgentText(), t.careOfAddressText(),
                            Encapsulation.getByName(t.encapsulation().contractName())));
                }
            }
            long total = observed.values().stream().mapToLong(Long::longValue).sum();
            double weights = requested.values().stream().mapToDouble(Double::doubleValue).sum();
            if (packets < MIN_PACKETS_FOR_SHARE || total == 0) {
                continue;
            }
            for (Map.Entry<String, Double> e : requested.entrySet()) {
                double want = e.getValue() / weights;
                double got = observed.getOrDefault(e.getKey(), 0L) / (double) total;
                if (Math.abs(got - want) > SHARE_TOLERANCE) {
                    // the share was asked for by the registration that made the binding: point there
                    List<EObject> related = new ArrayList<>(tunnelsTo.getOrDefault(e.getKey(), List.of()));
                    long frame = 0;
                    for (Binding b : ModelQueries.activeBindings(mn)) {
                        if (b.getCareOfAddress().equals(e.getKey())) {
                            related.add(b);
                            frame = frame > 0 ? frame : registeredFrame(b);
                        }
                    }
                    related.add(mn);
                    updater.addFinding(frame, Severity.WARNING, AnalysisRules.SHARE_OFF_REQUEST, String.format(
                            "mobile node %s: tunnel to %s carried %.0f%% of the bytes, its binding asked for %.0f%%",
                            mn.getHomeAddress(), e.getKey(), got * 100, want * 100), related.toArray(EObject[]::new));
                }
            }
        }
    }

    /** Frame of the reply that registered {@code b} (its first state change), or its request's frame. */
    private static long registeredFrame(Binding b) {
        for (BindingStateChange c : b.getHistory()) {
            if (c.isSetFrame() && c.getFrame() > 0) {
                return c.getFrame();
            }
            if (c.getRegistration() != null && c.getRegistration().getRequestFrame() > 0) {
                return c.getRegistration().getRequestFrame();
            }
        }
        return 0;
    }
}

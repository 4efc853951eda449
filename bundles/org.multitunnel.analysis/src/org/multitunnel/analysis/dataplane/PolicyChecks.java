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

    /** The care-of addresses a flow binding allows, in binding order (for the message) and as a set. */
    private record Allowed(List<String> list, java.util.Set<String> set, List<Binding> bindings) {
    }

    private static void flowPolicy(TunnelReport report, BindingSemantics semantics, ModelUpdater updater) {
        if (semantics.flowBindings().isEmpty()) {
            return;
        }
        // flows by the addresses at their ends, in report order, so each flow binding looks only at its node's flows
        Map<String, List<InnerFlow>> byAddress = new HashMap<>();
        for (InnerFlow f : report.flows()) {
            byAddress.computeIfAbsent(f.source(), k -> new ArrayList<>()).add(f);
            if (!f.destination().equals(f.source())) {
                byAddress.computeIfAbsent(f.destination(), k -> new ArrayList<>()).add(f);
            }
        }
        // care-of addresses allowed per (node, BID list): a node re-sending the same policy walks its history once
        Map<MobileNode, Map<List<Integer>, Allowed>> allowedCache = new java.util.IdentityHashMap<>();
        for (BindingSemantics.NegotiatedFlowBinding nfb : semantics.flowBindings()) {
            MobileNode mn = nfb.node();
            List<Integer> bids = java.util.Arrays.stream(nfb.extension().bids()).boxed().toList();
            Allowed a = allowedCache.computeIfAbsent(mn, k -> new HashMap<>()).computeIfAbsent(bids, k -> {
                List<String> l = new ArrayList<>();
                List<Binding> bs = new ArrayList<>();
                for (Binding b : mn.getBindings()) {
                    if (b.isSetBid() && k.contains(b.getBid())) {
                        l.add(b.getCareOfAddress());
                        bs.add(b);
                    }
                }
                return new Allowed(l, new java.util.HashSet<>(l), bs);
            });
            List<String> allowed = a.list();
            java.util.Set<String> allowedSet = a.set();
            for (InnerFlow f : byAddress.getOrDefault(mn.getHomeAddress(), List.of())) {
                if (nfb.extension().selector() == null
                        || !SelectorMatch.matches(nfb.extension().selector(), f)) {
                    continue;
                }
                for (FlowTunnelUse u : f.tunnels()) {
                    TunnelTotals t = report.tunnels().get(u.tunnel());
                    if (u.lastNanos() >= nfb.time() && !allowedSet.contains(t.careOfAddressText())) {
                        // the flow's first packet on that tunnel when it came after the flow binding; else the
                        // binding's own frame (the packets before it broke no policy yet)
                        long frame = u.firstNanos() >= nfb.time() ? u.firstFrame() : nfb.frame();
                        List<EObject> related = new ArrayList<>();
                        related.add(updater.tunnel(t.homeAgentText(), t.careOfAddressText(),
                                Encapsulation.getByName(t.encapsulation().contractName())));
                        related.add(mn);
                        related.addAll(a.bindings());
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
        Map<String, List<TunnelTotals>> byHomeAgent = null; // built on first need: one pass over the tunnels
        for (MobileNode mn : updater.session().getMobileNodes()) {
            Map<String, Double> requested = new HashMap<>();
            for (Binding b : updater.activeBindings().of(mn)) {
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
            if (byHomeAgent == null) {
                byHomeAgent = new HashMap<>();
                for (TunnelTotals t : report.tunnels()) {
                    byHomeAgent.computeIfAbsent(t.homeAgentText(), k -> new ArrayList<>()).add(t);
                }
            }
            for (TunnelTotals t : byHomeAgent.getOrDefault(mn.getHomeAgent(), List.of())) {
                if (requested.containsKey(t.careOfAddressText())) {
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
                    for (Binding b : updater.activeBindings().of(mn)) {
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

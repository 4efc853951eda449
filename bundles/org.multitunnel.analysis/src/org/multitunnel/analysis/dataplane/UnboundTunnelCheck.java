package org.multitunnel.analysis.dataplane;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.multitunnel.analysis.AnalysisRules;
import org.multitunnel.analysis.registration.BindingSemantics;
import org.multitunnel.model.Binding;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.Finding;
import org.multitunnel.model.MobileNode;
import org.multitunnel.model.ModelQueries;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.MultitunnelPackage;
import org.multitunnel.model.Severity;
import org.multitunnel.model.Tunnel;
import org.multitunnel.wire.dissect.Addresses;
import org.multitunnel.wire.fast.PacketSummary;

/**
 * Flags tunnelled data between a home agent and a care-of address that has no active binding at that moment
 * (before the accepting reply, after expiry or de-registration): RFC 5944 §4.2.3 lets the home agent tunnel only
 * to registered care-of addresses. One finding per run of unbound packets per care-of address, so a long
 * misbehaviour is one line, not a million. Allocation-free per packet; the address sets are rebuilt only when
 * signalling changes the bindings.
 */
public final class UnboundTunnelCheck {
    private final ModelUpdater updater;
    private final BindingSemantics semantics;
    private final Set<Integer> homeAgents;
    private int seenGeneration = -1;
    private int seenHomeAgents = -1;
    private IntSet active = IntSet.EMPTY;
    private IntSet agents = IntSet.EMPTY;
    private IntSet reported = IntSet.EMPTY;
    /** Findings made, with the tunnel each concerns, linked to the model's tunnel once tunnels are written. */
    private final List<Object[]> made = new ArrayList<>();

    public UnboundTunnelCheck(ModelUpdater updater, BindingSemantics semantics, Set<Integer> homeAgents) {
        this.updater = updater;
        this.semantics = semantics;
        this.homeAgents = homeAgents;
    }

    /** One classified tunnel-data packet with an IPv4 outer header. */
    public void packet(PacketSummary s, long frame) {
        if (semantics.generation() != seenGeneration || homeAgents.size() != seenHomeAgents) {
            rebuild();
        }
        int coa;
        if (agents.contains(s.outerSrc())) {
            coa = s.outerDst();
        } else if (agents.contains(s.outerDst())) {
            coa = s.outerSrc();
        } else {
            return; // not a home agent we saw signalling for: nothing to hold it to
        }
        if (active.contains(coa) || reported.contains(coa)) {
            return;
        }
        reported = reported.with(coa);
        int ha = coa == s.outerDst() ? s.outerSrc() : s.outerDst();
        Finding f = updater.addFinding(frame, Severity.ERROR, AnalysisRules.DATA_WITHOUT_BINDING, "tunnelled data "
                + "between " + Addresses.ipv4(s.outerSrc()) + " and " + Addresses.ipv4(s.outerDst())
                + " while care-of address " + Addresses.ipv4(coa) + " has no active binding");
        made.add(new Object[] {f, Addresses.ipv4(ha), Addresses.ipv4(coa), s.encapsulation().contractName()});
    }

    /** After the tunnels are in the model: each finding names the tunnel it is about. */
    public void linkTunnels() {
        for (Object[] m : made) {
            for (Tunnel t : updater.session().getTunnels()) {
                if (t.getHomeAgent().equals(m[1]) && t.getCareOfAddress().equals(m[2])
                        && t.getEncapsulation().getLiteral().equals(m[3])) {
                    updater.set((Finding) m[0], MultitunnelPackage.Literals.FINDING__RELATED, List.of(t));
                    break;
                }
            }
        }
        made.clear();
    }

    private void rebuild() {
        seenGeneration = semantics.generation();
        seenHomeAgents = homeAgents.size();
        agents = IntSet.of(homeAgents);
        CaptureSession session = updater.session();
        List<Integer> coas = new ArrayList<>();
        for (MobileNode mn : session.getMobileNodes()) {
            for (Binding b : ModelQueries.activeBindings(mn)) {
                coas.add(Addresses.parseIpv4(b.getCareOfAddress()));
            }
        }
        active = IntSet.of(coas);
        // A care-of address that got a binding ends its unbound run; losing it again starts a new one.
        reported = reported.minus(active);
    }
}

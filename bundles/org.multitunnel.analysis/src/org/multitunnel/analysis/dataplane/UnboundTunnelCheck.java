package org.multitunnel.analysis.dataplane;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.multitunnel.analysis.AnalysisRules;
import org.multitunnel.model.ActiveBindings;
import org.multitunnel.model.Binding;
import org.multitunnel.model.Finding;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.MultitunnelPackage;
import org.multitunnel.model.Severity;
import org.multitunnel.model.Tunnel;
import org.multitunnel.wire.dissect.Addresses;
import org.multitunnel.wire.fast.PacketSummary;
import org.multitunnel.wire.fast.TunnelEncapsulation;

/**
 * Flags tunnelled data between a home agent and a care-of address that has no active binding at that moment
 * (before the accepting reply, after expiry or de-registration): RFC 5944 §4.2.3 lets the home agent tunnel only
 * to registered care-of addresses. One finding per run of unbound packets per care-of address, so a long
 * misbehaviour is one line, not a million; a care-of address that is seen active by a later data packet ends its
 * run. Allocation-free per packet, and O(1) per binding change: the active care-of addresses are counted from the
 * updater's {@link ActiveBindings} events (never rebuilt by walking every node's bindings), so 100k tunnels and 1M
 * registrations cost time linear in the packets.
 */
public final class UnboundTunnelCheck implements ActiveBindings.Listener {
    private final ModelUpdater updater;
    private final Set<Integer> homeAgents;
    private int seenHomeAgents = -1;
    private IntSet agents = IntSet.EMPTY;
    /** Active bindings per IPv4 care-of address. */
    private final IntCounts active = new IntCounts(1024);
    /** 1 while a care-of address's current unbound run has been reported. */
    private final IntCounts reported = new IntCounts(64);
    /** Care-of addresses that became active since the last data packet (their run ends if still active then). */
    private int[] activated = new int[16];
    private int activatedCount;
    /** A finding made, with the tunnel it concerns, linked to the model's tunnel once tunnels are written. */
    private record Made(Finding finding, String homeAgent, String careOf, String encapsulation) {
    }

    private final List<Made> made = new ArrayList<>();

    public UnboundTunnelCheck(ModelUpdater updater, Set<Integer> homeAgents) {
        this.updater = updater;
        this.homeAgents = homeAgents;
        updater.activeBindings().addListener(this);
    }

    @Override
    public void activated(Binding b) {
        long coa = Addresses.ipv4OrMinusOne(b.getCareOfAddress());
        if (coa < 0) {
            return; // an IPv6 (Mobile IPv6) binding: IPv4 tunnels never use it
        }
        active.add((int) coa, 1);
        if (activatedCount == activated.length) {
            activated = java.util.Arrays.copyOf(activated, activatedCount * 2);
        }
        activated[activatedCount++] = (int) coa;
    }

    @Override
    public void ended(Binding b) {
        long coa = Addresses.ipv4OrMinusOne(b.getCareOfAddress());
        if (coa >= 0) {
            active.add((int) coa, -1);
        }
    }

    /** One classified tunnel-data packet with an IPv4 outer header. */
    public void packet(PacketSummary s, long frame) {
        packet(s.outerSrc(), s.outerDst(), s.encapsulation(), frame);
    }

    /** One tunnel-data packet between these outer IPv4 addresses. */
    public void packet(int outerSrc, int outerDst, TunnelEncapsulation encapsulation, long frame) {
        if (homeAgents.size() != seenHomeAgents) {
            seenHomeAgents = homeAgents.size();
            agents = IntSet.of(homeAgents);
        }
        if (activatedCount > 0) {
            // A care-of address that got a binding ends its unbound run; losing it again starts a new one.
            for (int i = 0; i < activatedCount; i++) {
                if (active.get(activated[i]) > 0) {
                    reported.set(activated[i], 0);
                }
            }
            activatedCount = 0;
        }
        int coa;
        if (agents.contains(outerSrc)) {
            coa = outerDst;
        } else if (agents.contains(outerDst)) {
            coa = outerSrc;
        } else {
            return; // not a home agent we saw signalling for: nothing to hold it to
        }
        if (active.get(coa) > 0 || reported.get(coa) != 0) {
            return;
        }
        reported.set(coa, 1);
        int ha = coa == outerDst ? outerSrc : outerDst;
        Finding f = updater.addFinding(frame, Severity.ERROR, AnalysisRules.DATA_WITHOUT_BINDING, "tunnelled data "
                + "between " + Addresses.ipv4(outerSrc) + " and " + Addresses.ipv4(outerDst)
                + " while care-of address " + Addresses.ipv4(coa) + " has no active binding");
        made.add(new Made(f, Addresses.ipv4(ha), Addresses.ipv4(coa), encapsulation.contractName()));
    }

    /** After the tunnels are in the model: each finding names the tunnel it is about (one pass over each). */
    public void linkTunnels() {
        if (made.isEmpty()) {
            return;
        }
        Map<String, Tunnel> byKey = new HashMap<>();
        for (Tunnel t : updater.session().getTunnels()) {
            byKey.putIfAbsent(key(t.getHomeAgent(), t.getCareOfAddress(), t.getEncapsulation().getLiteral()), t);
        }
        for (Made m : made) {
            Tunnel t = byKey.get(key(m.homeAgent(), m.careOf(), m.encapsulation()));
            if (t != null) {
                updater.set(m.finding(), MultitunnelPackage.Literals.FINDING__RELATED, List.of(t));
            }
        }
        made.clear();
    }

    private static String key(String homeAgent, String careOf, String encapsulation) {
        return homeAgent + '>' + careOf + ' ' + encapsulation;
    }
}

package org.multitunnel.model.export;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.multitunnel.model.Binding;
import org.multitunnel.model.Finding;
import org.multitunnel.model.FlowBinding;
import org.multitunnel.model.MobileNode;
import org.multitunnel.model.Registration;
import org.multitunnel.model.Tunnel;

/**
 * Why: a finding is only useful if it says what it is about. The analysis links each finding to the model
 * objects it concerns ({@link Finding#getRelated()}: mobile nodes, bindings, registrations, flow bindings,
 * tunnels); this reads them back as the keys {@code analyze --json} and the CSV add to a finding: the mobile
 * node's home address, the BIDs, and the tunnels. One place, so JSON and CSV agree.
 */
public final class FindingObjects {
    /** A tunnel a finding names: its home agent and care-of ends and encapsulation literal. */
    public record TunnelRef(String homeAgent, String careOfAddress, String encapsulation) {
        /** E.g. {@code 192.0.2.1>198.51.100.7/ipip} (the CSV form). */
        public String text() {
            return homeAgent + ">" + careOfAddress + "/" + encapsulation;
        }
    }

    private final String homeAddress;
    private final List<Integer> bids;
    private final List<TunnelRef> tunnels;

    private FindingObjects(String homeAddress, List<Integer> bids, List<TunnelRef> tunnels) {
        this.homeAddress = homeAddress;
        this.bids = bids;
        this.tunnels = tunnels;
    }

    public static FindingObjects of(Finding f) {
        String hoa = null;
        Set<Integer> bids = new LinkedHashSet<>();
        Set<TunnelRef> tunnels = new LinkedHashSet<>();
        for (EObject o : f.getRelated()) {
            MobileNode mn = o instanceof MobileNode m ? m : o.eContainer() instanceof MobileNode m ? m : null;
            if (hoa == null && mn != null) {
                hoa = mn.getHomeAddress();
            }
            if (o instanceof Binding b && b.isSetBid()) {
                bids.add(b.getBid());
            } else if (o instanceof Registration r && r.isSetBid()) {
                bids.add(r.getBid());
            } else if (o instanceof FlowBinding fb) {
                bids.addAll(fb.getBids());
            } else if (o instanceof Tunnel t) {
                tunnels.add(new TunnelRef(t.getHomeAgent(), t.getCareOfAddress(), t.getEncapsulation().getLiteral()));
            }
        }
        return new FindingObjects(hoa, new ArrayList<>(bids), new ArrayList<>(tunnels));
    }

    /** The mobile node's home address, or null when the finding names none. */
    public String homeAddress() {
        return homeAddress;
    }

    public List<Integer> bids() {
        return bids;
    }

    public List<TunnelRef> tunnels() {
        return tunnels;
    }
}

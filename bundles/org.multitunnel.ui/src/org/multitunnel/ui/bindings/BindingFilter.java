package org.multitunnel.ui.bindings;

import java.util.LinkedHashSet;
import java.util.Set;

import org.multitunnel.model.Binding;
import org.multitunnel.model.MobileNode;

/**
 * The display filter that shows one binding's traffic, written in the filter language the user can read and edit
 * in the filter bar: its signalling (requests name the home address and the care-of address; replies name the home
 * address and are sent to the care-of address) and the packets of its tunnel. For a mobile node: all its
 * signalling and the tunnels of all its care-of addresses.
 */
public final class BindingFilter {
    private BindingFilter() {
    }

    /** The filter text for a {@link Binding} or {@link MobileNode}, or null for anything else. */
    public static String of(Object selected) {
        if (selected instanceof Binding b && b.eContainer() instanceof MobileNode mn && b.getCareOfAddress() != null
                && mn.getHomeAddress() != null) {
            String coa = b.getCareOfAddress();
            return "mip.homeaddr == " + mn.getHomeAddress() + " && (mip.coa == " + coa + " || ip.dst == " + coa
                    + ") || tunnel.coa == " + coa;
        }
        if (selected instanceof MobileNode mn && mn.getHomeAddress() != null) {
            Set<String> coas = new LinkedHashSet<>();
            for (Binding b : mn.getBindings()) {
                if (b.getCareOfAddress() != null) {
                    coas.add(b.getCareOfAddress());
                }
            }
            StringBuilder s = new StringBuilder("mip.homeaddr == ").append(mn.getHomeAddress());
            for (String coa : coas) {
                s.append(" || tunnel.coa == ").append(coa);
            }
            return s.toString();
        }
        return null;
    }
}

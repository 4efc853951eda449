package org.multitunnel.analysis.registration;

import java.util.ArrayList;
import java.util.List;

import org.multitunnel.model.Encapsulation;
import org.multitunnel.model.ExtensionKind;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;
import org.multitunnel.wire.mip.ext.MipExtension;
import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;
import org.multitunnel.wire.mip.ext.UdpTunnelRequestExtension;

/**
 * What one Registration Request asks of the home agent's binding table, whichever format carries it: RFC 7629's
 * Multipath extension (BID, B, O), seed 001's Multiple Tunnel Request (16-bit Binding-Id, B, O, bandwidth),
 * seed 000's Multi-Interface Routing extension (If-Id, link weight) or none (plain RFC 5944). The first
 * multipath-style extension wins; the message-level checker already reports duplicates.
 */
public record BindingRequest(ExtensionKind kind, int bid, boolean bulk, boolean overwrite, int accessTechnology,
        int interfaceLabel, int linkWeight, long interfaceBandwidth, Encapsulation encapsulation,
        List<FlowBindingExtension> flowBindings) {

    /** RFC 5944 §3.3: S = simultaneous bindings, G = GRE, M = minimal encapsulation. */
    public static final int FLAG_S = 0x80;
    public static final int FLAG_M = 0x10;
    public static final int FLAG_G = 0x08;

    /** No BID: a plain registration, keyed by its care-of address. */
    public static final int NO_BID = -1;

    public static BindingRequest of(RegistrationRequest rq) {
        ExtensionKind kind = ExtensionKind.NONE;
        int bid = NO_BID;
        boolean bulk = false;
        boolean overwrite = false;
        int att = -1;
        int label = -1;
        int weight = -1;
        long bandwidth = -1;
        boolean udp = false;
        List<FlowBindingExtension> flows = new ArrayList<>();
        for (MipExtension e : rq.extensions()) {
            if (e instanceof MultipathExtension mp && kind == ExtensionKind.NONE) {
                kind = ExtensionKind.RFC7629;
                bid = mp.bid();
                bulk = mp.bulkReregistration();
                overwrite = mp.overwrite();
                att = mp.ifAtt();
                label = mp.ifLabel();
            } else if (e instanceof MultipleTunnelRequestExtension mt && kind == ExtensionKind.NONE) {
                kind = ExtensionKind.MULTIPLE_TUNNEL02;
                bid = mt.bid();
                bulk = mt.bulkReregistration();
                overwrite = mt.overwrite();
                att = mt.ifType();
                bandwidth = mt.bandwidthSize() > 0 ? mt.bandwidth() : -1;
            } else if (e instanceof MultiInterfaceRoutingExtension mir && kind == ExtensionKind.NONE) {
                kind = ExtensionKind.MULTI_INTERFACE;
                bid = mir.ifId();
                att = mir.ifType();
                weight = mir.linkWeight();
            } else if (e instanceof FlowBindingExtension fb) {
                flows.add(fb);
            } else if (e instanceof UdpTunnelRequestExtension) {
                udp = true;
            }
        }
        Encapsulation enc = udp ? Encapsulation.UDP
                : rq.flag(FLAG_G) ? Encapsulation.GRE
                : rq.flag(FLAG_M) ? Encapsulation.MINENC
                : Encapsulation.IPIP;
        return new BindingRequest(kind, bid, bulk, overwrite, att, label, weight, bandwidth, enc, List.copyOf(flows));
    }

    public boolean multipath() {
        return kind != ExtensionKind.NONE;
    }
}

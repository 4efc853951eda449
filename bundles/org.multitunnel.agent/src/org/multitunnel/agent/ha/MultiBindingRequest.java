package org.multitunnel.agent.ha;

import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;

/**
 * The three ways a request can ask for one of several bindings — RFC 7629 Multipath (BID), seed 001 Multiple
 * Tunnel Request (16-bit Binding-Id) and seed 000 Multi-Interface Routing (If-Id) — reduced to what the binding
 * table needs: which binding, bulk (B), overwrite (O) and the interface attributes to show.
 */
record MultiBindingRequest(String extension, String keyPrefix, int bid, boolean bulk, boolean overwrite, int ifAtt,
        int ifLabel, int linkWeight, boolean weighted, boolean rateLimit) {
    static final String RFC7629 = "rfc7629";
    static final String MTS02 = "multiple-tunnel-02";
    static final String MIR = "multi-interface";
    static final String NONE = "none";

    static MultiBindingRequest of(MultipathExtension mp) {
        return new MultiBindingRequest(RFC7629, "mp:", mp.bid(), mp.bulkReregistration(), mp.overwrite(), mp.ifAtt(),
                mp.ifLabel(), 0, false, false);
    }

    static MultiBindingRequest of(MultipleTunnelRequestExtension mtr) {
        return new MultiBindingRequest(MTS02, "mtr:", mtr.bid(), mtr.bulkReregistration(), mtr.overwrite(),
                mtr.ifType(), 0, 0, false, false);
    }

    static MultiBindingRequest of(MultiInterfaceRoutingExtension mir) {
        return new MultiBindingRequest(MIR, "mir:", mir.ifId(), false, false, mir.ifType(), 0, mir.linkWeight(),
                mir.weightedMode(), mir.rateLimit());
    }

    String key() {
        return keyPrefix + bid;
    }
}

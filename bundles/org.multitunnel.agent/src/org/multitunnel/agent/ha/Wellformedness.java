package org.multitunnel.agent.ha;

import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;

/**
 * The structural rules whose violation makes a request "poorly formed" (RFC 5944 §3.4 code 134). RFC 7629 states
 * its MUST/MUST NOT rules for the Multipath Extension (§4.1) without naming a reply code; 134 is RFC 5944's code
 * for a request the home agent cannot accept as formed, so every such violation maps to it.
 */
final class Wellformedness {
    private Wellformedness() {
    }

    /** Why {@code rq} is poorly formed, or null when it is not. */
    static String check(RegistrationRequest rq, RequestExtensions x) {
        if (x.unacceptable != null) {
            // RFC 5944 §1.9 types 0-127 are non-skippable; see HomeAgentConfig#discardUnknownNonSkippable.
            return x.unacceptable;
        }
        int kinds = (x.multipath.isEmpty() ? 0 : 1) + (x.multipleTunnel.isEmpty() ? 0 : 1)
                + (x.multiInterface.isEmpty() ? 0 : 1);
        if (kinds > 1) {
            return "Multipath, Multiple Tunnel Request and Multi-Interface Routing extensions mixed in one request";
        }
        if (x.multipath.size() > 1) {
            return "more than one Multipath Extension (RFC 7629 §4.1: MUST NOT be more than one instance)";
        }
        if (x.multipleTunnel.size() > 1) {
            return "more than one Multiple Tunnel Request extension (seed 001 §4.1)";
        }
        if (x.multiInterface.size() > 1) {
            return "more than one Multi-Interface Routing extension";
        }
        for (int i : x.multipath) {
            if (!x.protectedByMnHa(i)) {
                return "Multipath Extension after the MN-HA authenticator is not protected (RFC 7629 §4.1, "
                        + "RFC 5944 §3.6.1.3)";
            }
            MultipathExtension mp = x.at(i, MultipathExtension.class);
            if (mp.lengthField() != 4) {
                return "Multipath Extension Length " + mp.lengthField() + " (RFC 7629 §4.1: MUST be 4)";
            }
            if (mp.bid() == 0 || mp.bid() == 255) {
                return "reserved BID " + mp.bid() + " (RFC 7629 §4.1: 1 through 254)";
            }
            if (mp.bulkReregistration() && mp.overwrite()) {
                return "B and O both set (RFC 7629 §4.1: B MUST NOT be 1 if O is 1)";
            }
            if (mp.overwrite() && rq.lifetime() == 0) {
                return "O set in a de-registration (RFC 7629 §4.1: MUST be 0 in de-registration requests)";
            }
        }
        for (int i : x.flowBindings) {
            if (!x.protectedByMnHa(i)) {
                return "Flow Binding Extension after the MN-HA authenticator is not protected (RFC 7629 §4.2)";
            }
            FlowBindingExtension fb = x.at(i, FlowBindingExtension.class);
            if (fb.bidCount() < 1 || fb.bidCount() > 8 || fb.bidCount() != fb.bids().length) {
                return "Flow Binding BID Count " + fb.bidCount() + " (RFC 7629 §4.2: 1 through 8)";
            }
            if (fb.tsFormat() == 0) {
                return "Flow Binding TS Format 0 is reserved (RFC 7629 §4.2)";
            }
        }
        for (int i : x.multipleTunnel) {
            if (!x.protectedByMnHa(i)) {
                return "Multiple Tunnel Request extension after the MN-HA authenticator (seed 001 §4.1)";
            }
            MultipleTunnelRequestExtension m = x.at(i, MultipleTunnelRequestExtension.class);
            if (m.bulkReregistration() && m.overwrite()) {
                return "B and O both set in the Multiple Tunnel Request extension (seed 001 §4.1)";
            }
            if (m.overwrite() && rq.lifetime() == 0) {
                return "O set in a de-registration (seed 001 §4.1)";
            }
        }
        for (int i : x.multiInterface) {
            if (!x.protectedByMnHa(i)) {
                return "Multi-Interface Routing extension after the MN-HA authenticator (seed 000 §4.1)";
            }
        }
        return null;
    }
}

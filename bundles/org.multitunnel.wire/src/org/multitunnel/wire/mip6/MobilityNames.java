package org.multitunnel.wire.mip6;

/** Display names of MH types (RFC 6275 §6.1 and the IANA Mobility Header Types registry) for the field tree. */
final class MobilityNames {
    private static final String[] MH_TYPES = {"Binding Refresh Request", "Home Test Init", "Care-of Test Init",
        "Home Test", "Care-of Test", "Binding Update", "Binding Acknowledgement", "Binding Error",
        "Fast Binding Update", "Fast Binding Acknowledgment", "Fast Neighbor Advertisement",
        "Experimental Mobility Header", "Home Agent Switch", "Heartbeat", "Handover Initiate",
        "Handover Acknowledge", "Binding Revocation"};

    private MobilityNames() {
    }

    static String mhType(int type) {
        return type < MH_TYPES.length ? MH_TYPES[type] : null;
    }
}

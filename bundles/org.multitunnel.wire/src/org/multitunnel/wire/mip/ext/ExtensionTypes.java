package org.multitunnel.wire.mip.ext;

/**
 * Extension type numbers from the IANA "Extensions to Mobile IP Registration Messages" registry (as listed in
 * Wireshark's packet-mip.c, which tracks it), plus this project's defaults for the two draft extensions whose
 * numbers were never assigned.
 */
public final class ExtensionTypes {
    private ExtensionTypes() {
    }

    /** RFC 5944 §3.5.2 Mobile-Home Authentication. */
    public static final int MN_HA_AUTH = 32;
    /** RFC 5944 §3.5.3 Mobile-Foreign Authentication. */
    public static final int MN_FA_AUTH = 33;
    /** RFC 5944 §3.5.4 Foreign-Home Authentication. */
    public static final int FA_HA_AUTH = 34;
    /** RFC 3012 §3 Generalized Mobile IP Authentication (long format). */
    public static final int GENERALIZED_AUTH = 36;
    /** RFC 3115 Critical Vendor/Organization Specific Extension (Type | Reserved | Length(16)). */
    public static final int CVSE = 38;
    /** RFC 3519 §3.2 UDP Tunnel Reply. */
    public static final int UDP_TUNNEL_REPLY = 44;
    /** RFC 5563 PMIPv4 Non-skippable Extension: long framing (Type | Sub-Type | Length(16)), body kept raw. */
    public static final int PMIPV4_NON_SKIPPABLE = 47;
    /** RFC 2794 Mobile Node NAI. */
    public static final int NAI = 131;
    /** RFC 3115 Normal Vendor/Organization Specific Extension. */
    public static final int NVSE = 134;
    /** RFC 3543 §3.1 Revocation Support. */
    public static final int REVOCATION_SUPPORT = 137;
    /** RFC 4433 Dynamic HA. */
    public static final int DYNAMIC_HA = 139;
    /** RFC 3519 §3.1 UDP Tunnel Request. */
    public static final int UDP_TUNNEL_REQUEST = 144;
    /** RFC 4917 Message String. */
    public static final int MESSAGE_STRING = 145;
    /** RFC 7629 §4: Multipath Extension type shared by subtypes 1 (Multipath) and 2 (Flow Binding), long format. */
    public static final int MULTIPATH = 154;
    public static final int SUBTYPE_MULTIPATH = 1;
    public static final int SUBTYPE_FLOW_BINDING = 2;

    /**
     * Seed 000 Multi-Interface Routing: "Type: &lt;IANA&gt;", never assigned. Default 124: unassigned and below 128
     * because the draft calls the extension non-skippable (its §4.1). A preference; re-register to change.
     */
    public static final int DEFAULT_MULTI_INTERFACE_ROUTING = 124;
    /**
     * Seed 001 Multiple Tunnel Request: "IANA-1", never assigned. Default 125: unassigned, non-skippable per the
     * draft's §4.1. A preference; re-register to change.
     */
    public static final int DEFAULT_MULTIPLE_TUNNEL_REQUEST = 125;
}

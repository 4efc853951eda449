package org.multitunnel.analysis;

/**
 * Rule ids of the cross-packet findings (message-level rules live in the wire bundle's MipRules). Each names the
 * document and section whose statement it checks; docs/conformance.md maps them back to the text.
 */
public final class AnalysisRules {
    /** RFC 5944 §3.8.3: a reply answers a request; one that answers none was never asked for. */
    public static final String ORPHAN_REPLY = "RFC5944-3.8.3-ORPHAN-REPLY";
    /** RFC 5944 §3.6.3: the mobile node retransmits until answered; a request never answered is a failure. */
    public static final String UNANSWERED_REQUEST = "RFC5944-3.6.3-UNANSWERED";
    /** RFC 5944 §3.6.1.3/§5.7: the reply's low-order 32 identification bits must match the request's. */
    public static final String IDENT_MISMATCH = "RFC5944-5.7-IDENT-MISMATCH";
    /** RFC 5944 §5.7: a timestamp identification must be within the replay window of the receiver's clock. */
    public static final String IDENT_REPLAY = "RFC5944-5.7-IDENT-REPLAY";
    /** RFC 5944 §3.5.2: the MN-HA authenticator must verify with the mobility security association's key. */
    public static final String AUTH_MISMATCH = "RFC5944-3.5.2-AUTH-MISMATCH";
    /** RFC 5944 §3.8.2: a home agent must reject a request that breaks the protocol; this one was accepted. */
    public static final String ACCEPTED_VIOLATION = "RFC5944-3.8.2-ACCEPTED-VIOLATION";
    /** RFC 5944 §4.2.3: the home agent tunnels only to a registered care-of address. */
    public static final String DATA_WITHOUT_BINDING = "RFC5944-4.2.3-DATA-WITHOUT-BINDING";
    /** RFC 7629 §7: per-flow load balancing keeps a flow on one path; this flow used several tunnels. */
    public static final String FLOW_SPLIT = "RFC7629-7-FLOW-SPLIT";

    /** RFC 7629 §5: with flow bindings, the forwarding plane must match the negotiated flow policy. */
    public static final String FLOW_OFF_POLICY = "RFC7629-5-FLOW-OFF-POLICY";
    /**
     * Seed 000 §4.1 (Link-Weight, weighted mode) / seed 001 (Interface Bandwidth): traffic is to be shared in the
     * requested proportion; the observed share is far from it.
     */
    public static final String SHARE_OFF_REQUEST = "MIR-4.1-SHARE-OFF-REQUEST";

    /** Seed 000 §4.1: the Multi-Interface Routing extension must not be added by a foreign or home agent. */
    public static final String MIR_ADDED_BY_AGENT = "MIR-4.1-ADDED-BY-AGENT";
    /** Seed 001 §4.1: the Multiple Tunnel Request extension must not be added by a foreign or home agent. */
    public static final String MTS02_ADDED_BY_AGENT = "MTS02-4.1-ADDED-BY-AGENT";
    /** Seed 001 §5.1: each request must be routed through the interface whose care-of address it registers. */
    public static final String MTS02_ROUTED_VIA_INTERFACE = "MTS02-5.1-ROUTED-VIA-INTERFACE";
    /** RFC 7629 §5.1: a lifetime extension is sent as the initial registration, through that interface. */
    public static final String REREG_SAME_PATH = "RFC7629-5.1-REREG-SAME-PATH";
    /** RFC 7629 §5.1: an update of a registration's parameters (e.g. its care-of address) must set O. */
    public static final String UPDATE_SETS_O = "RFC7629-5.1-UPDATE-SETS-O";

    /**
     * RFC 6275 §6.1.1/§9.2: a Mobility Header shorter than its format, or whose Header Len is below its type's
     * minimum, is malformed (a receiver discards it).
     */
    public static final String MIP6_MALFORMED = "RFC6275-9.2-MALFORMED";
    /** Seed 003 (draft-montavont-mip6-mmi-02) §5.2: all flows with one correspondent use the same care-of address. */
    public static final String MMI_SAME_COA = "MMI-5.2-SAME-COA";
    /**
     * Seed 003 §7.1 (D flag) and §7.3.2 (Alternate CoA): the receiving node uses the advertised destination care-of
     * addresses for packets to the home address.
     */
    public static final String MMI_USE_DEST_COA = "MMI-7.3.2-USE-DEST-COA";
    /** Seed 003 §7.1, §7.3.1, §7.3.2: how the load-balancing option must be filled (S, D, CoA ID). */
    public static final String MMI_OPTION_FILLED = "MMI-7.3.2-OPTION-FILLED";
    /** Seed 003 §7.3.3: a Binding Update with the load-balancing option gets Mobile IPv6's security. */
    public static final String MMI_SECURITY = "MMI-7.3.3-SECURITY";

    /** RFC 5944 §3.3/§3.4: a registration message too short or inconsistent to decode at all. */
    public static final String UNDECODABLE = "RFC5944-3-MALFORMED";
    /** The capture file itself is damaged (truncated record, bad block); the reader's warning, frame 0. */
    public static final String CAPTURE_READ = "CAPTURE-READ";

    private AnalysisRules() {
    }
}

package org.multitunnel.capture.tunnel;

/**
 * Why {@link TunnelAccounting} took one tunnel endpoint for the home agent, strongest first. The first rule that
 * tells the two endpoints apart decides; the report keeps which one it was, so the GUI can mark guesses.
 */
public enum DirectionEvidence {
    /** One endpoint was the Home Agent field (mip.haaddr) of a registration request or reply in the capture. */
    SIGNALLED_HOME_AGENT,
    /** One endpoint was the Care-of Address field (mip.coa) of a registration request. */
    SIGNALLED_CARE_OF,
    /** One endpoint received a registration request (an FA or co-located MN sends them to the HA). */
    REQUEST_DESTINATION,
    /**
     * RFC 3519 UDP tunnel without signalling: the HA side uses port 434 (or another Mobile IP port of the Decode As
     * setting or the file), the MN side an ephemeral port.
     */
    UDP_PORT_434,
    /** No signalling: an HA terminates tunnels to many care-of addresses, a care-of address to few HAs. */
    PEER_COUNT,
    /** Still tied: the endpoint that sent more tunnel bytes (downlink usually dominates). */
    BYTES_SENT,
    /** Nothing tells them apart: the numerically lower address is taken as the HA (deterministic, arbitrary). */
    ADDRESS_ORDER
}

package org.multitunnel.wire.fast;

/** What the hot-path classifier decided a packet is; the capture engine indexes and counts by it. */
public enum PacketKind {
    /** Not Mobile IP related (or a link type / EtherType the classifier does not look into). */
    OTHER,
    /** Headers contradict themselves or end before the classifier's fields: nothing else is set reliably. */
    MALFORMED,
    /** Mobile IPv4 signalling on UDP 434 (RFC 5944 §3): {@link PacketSummary#mipType()} says which message. */
    MIP_SIGNALLING,
    /** A Mobile IPv6 mobility header (IPv6 next header 135): {@link PacketSummary#mhType()}. */
    MIP6_MOBILITY,
    /** Data in a tunnel: {@link PacketSummary#encapsulation()} and the inner 5-tuple are set. */
    TUNNEL_DATA
}

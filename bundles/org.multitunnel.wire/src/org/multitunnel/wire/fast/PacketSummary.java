package org.multitunnel.wire.fast;

import org.multitunnel.wire.dissect.Addresses;

/**
 * The reusable, mutable result of {@link PacketClassifier#classify}: one instance per capture thread, overwritten
 * for every packet, so classifying millions of packets allocates nothing. Addresses are raw ints (IPv4) or pairs
 * of longs (IPv6, high and low 64 bits); absent numbers are -1.
 */
public final class PacketSummary {
    PacketKind kind = PacketKind.OTHER;
    TunnelEncapsulation encapsulation = TunnelEncapsulation.NONE;
    int malformedOffset;
    int ipVersion;
    int l3Offset;
    int outerProtocol;
    int outerSrc, outerDst;
    long outerSrc6Hi, outerSrc6Lo, outerDst6Hi, outerDst6Lo;
    int outerTotalLength;
    int udpSrcPort, udpDstPort;
    boolean greKeyPresent;
    long greKey;
    int innerVersion;
    int innerSrc, innerDst;
    long innerSrc6Hi, innerSrc6Lo, innerDst6Hi, innerDst6Lo;
    int innerProto, innerSrcPort, innerDstPort;
    int mipOffset;
    int mipType, mipCode, mipFlags, mipLifetime;
    int homeAddress, homeAgent, careOfAddress;
    long identification;
    int mhType;
    int mip6HomeAddressOffset, mip6HomeAddressKind;

    /** {@link #mip6HomeAddressKind()}: a Home Address destination option, on a packet from a mobile node. */
    public static final int HOME_ADDRESS_OPTION = 1;
    /** {@link #mip6HomeAddressKind()}: a type 2 routing header, on a packet to a mobile node's care-of address. */
    public static final int TYPE2_ROUTING_HEADER = 2;

    /** Clears every field back to "nothing found" (called by the classifier first). */
    public void reset() {
        kind = PacketKind.OTHER;
        encapsulation = TunnelEncapsulation.NONE;
        malformedOffset = -1;
        ipVersion = 0;
        l3Offset = -1;
        outerProtocol = -1;
        outerSrc = outerDst = 0;
        outerSrc6Hi = outerSrc6Lo = outerDst6Hi = outerDst6Lo = 0;
        outerTotalLength = -1;
        udpSrcPort = udpDstPort = -1;
        greKeyPresent = false;
        greKey = 0;
        innerVersion = 0;
        innerSrc = innerDst = 0;
        innerSrc6Hi = innerSrc6Lo = innerDst6Hi = innerDst6Lo = 0;
        innerProto = innerSrcPort = innerDstPort = -1;
        mipOffset = -1;
        mipType = mipCode = mipFlags = mipLifetime = -1;
        homeAddress = homeAgent = careOfAddress = 0;
        identification = 0;
        mhType = -1;
        mip6HomeAddressOffset = -1;
        mip6HomeAddressKind = 0;
    }

    /**
     * Absolute offset of the 16-byte home address an IPv6 packet carries for Mobile IPv6 route optimisation
     * (RFC 6275 §6.3 Home Address option, §6.4 type 2 routing header), or -1; {@link #mip6HomeAddressKind()} says
     * which of the two.
     */
    public int mip6HomeAddressOffset() { return mip6HomeAddressOffset; }
    /** {@link #HOME_ADDRESS_OPTION}, {@link #TYPE2_ROUTING_HEADER}, or 0 when the packet carries neither. */
    public int mip6HomeAddressKind() { return mip6HomeAddressKind; }

    public PacketKind kind() { return kind; }
    public TunnelEncapsulation encapsulation() { return encapsulation; }
    /**
     * Absolute offset where the classifier found the packet malformed, or -1. Also set for
     * {@link PacketKind#MIP_SIGNALLING} and {@link PacketKind#MIP6_MOBILITY} when the message is shorter than its
     * fixed part: then it is where the message's bytes end, and its fields are not set.
     */
    public int malformedOffset() { return malformedOffset; }
    /** 4 or 6 for the outer IP header, 0 when none was found. */
    public int ipVersion() { return ipVersion; }
    /** Absolute offset of the outer IP header, or -1. */
    public int l3Offset() { return l3Offset; }
    /** Outer IPv4 protocol / IPv6 final next header, or -1. */
    public int outerProtocol() { return outerProtocol; }
    public int outerSrc() { return outerSrc; }
    public int outerDst() { return outerDst; }
    public long outerSrc6Hi() { return outerSrc6Hi; }
    public long outerSrc6Lo() { return outerSrc6Lo; }
    public long outerDst6Hi() { return outerDst6Hi; }
    public long outerDst6Lo() { return outerDst6Lo; }
    /** Outer IPv4 total length (IPv6: 40 + payload length), as on the wire even when the capture was cut. */
    public int outerTotalLength() { return outerTotalLength; }
    /** Outer UDP ports (MIP signalling, RFC 3519 tunnels), or -1. */
    public int udpSrcPort() { return udpSrcPort; }
    public int udpDstPort() { return udpDstPort; }
    public boolean greKeyPresent() { return greKeyPresent; }
    /** GRE key (RFC 2890) as an unsigned 32-bit value; meaningful when {@link #greKeyPresent()}. */
    public long greKey() { return greKey; }
    /** 4 or 6 for the tunnelled packet, 0 when there is none or it was cut off. */
    public int innerVersion() { return innerVersion; }
    public int innerSrc() { return innerSrc; }
    public int innerDst() { return innerDst; }
    public long innerSrc6Hi() { return innerSrc6Hi; }
    public long innerSrc6Lo() { return innerSrc6Lo; }
    public long innerDst6Hi() { return innerDst6Hi; }
    public long innerDst6Lo() { return innerDst6Lo; }
    public int innerProto() { return innerProto; }
    /** Inner TCP/UDP ports, -1 for other protocols, fragments or cut captures. */
    public int innerSrcPort() { return innerSrcPort; }
    public int innerDstPort() { return innerDstPort; }
    /** Absolute offset of the Mobile IP message (UDP payload), or -1. */
    public int mipOffset() { return mipOffset; }
    /** Mobile IP message type (1 request, 3 reply, 4 RFC 3519 tunnel data, 7 revocation, 15 ack...), or -1. */
    public int mipType() { return mipType; }
    /** Reply code (type 3), or -1. */
    public int mipCode() { return mipCode; }
    /** Request flags byte S B D M G r T x (type 1), or -1. */
    public int mipFlags() { return mipFlags; }
    /** Requested / granted lifetime in seconds (types 1 and 3), or -1. */
    public int mipLifetime() { return mipLifetime; }
    public int homeAddress() { return homeAddress; }
    public int homeAgent() { return homeAgent; }
    /** Care-of address (requests only; replies carry none). */
    public int careOfAddress() { return careOfAddress; }
    public long identification() { return identification; }
    /** Mobility header type (MIP6_MOBILITY), or -1. */
    public int mhType() { return mhType; }

    /** For logs and test failures only (allocates). */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(kind.name());
        if (ipVersion == 4) {
            b.append(' ').append(Addresses.ipv4(outerSrc)).append(" > ").append(Addresses.ipv4(outerDst));
        }
        if (encapsulation != TunnelEncapsulation.NONE) {
            b.append(' ').append(encapsulation.contractName());
        }
        if (greKeyPresent) {
            b.append(" key=").append(greKey);
        }
        if (innerVersion == 4) {
            b.append(" inner ").append(Addresses.ipv4(innerSrc)).append(':').append(innerSrcPort).append(" > ")
                    .append(Addresses.ipv4(innerDst)).append(':').append(innerDstPort).append(" proto ")
                    .append(innerProto);
        }
        if (mipType >= 0) {
            b.append(" mip type ").append(mipType).append(" code ").append(mipCode);
        }
        if (mhType >= 0) {
            b.append(" mh type ").append(mhType);
        }
        return b.toString();
    }
}

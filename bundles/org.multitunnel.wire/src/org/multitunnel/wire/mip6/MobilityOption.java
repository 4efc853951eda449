package org.multitunnel.wire.mip6;

import java.nio.ByteBuffer;

/**
 * One mobility option (RFC 6275 §6.2.1): Type | Length | data, except Pad1 which is the single byte 0. Factories
 * build the options this project crafts; {@link #raw} builds anything else, including deliberately wrong lengths.
 */
public record MobilityOption(int type, int length, byte[] data) {
    public static final int PAD1 = 0, PADN = 1, BINDING_REFRESH_ADVICE = 2, ALTERNATE_COA = 3, NONCE_INDICES = 4,
            BINDING_AUTHORIZATION_DATA = 5;
    /** RFC 5648 §6.1, IANA Mobility Options registry. */
    public static final int BINDING_IDENTIFIER = 35;
    /** RFC 6089 §4.2 and §4.1 (IANA: Flow Summary 44, Flow Identification 45). */
    public static final int FLOW_SUMMARY = 44, FLOW_IDENTIFICATION = 45;

    public MobilityOption {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public byte[] encode() {
        if (type == PAD1 && length < 0) {
            return new byte[] {0};
        }
        return ByteBuffer.allocate(2 + data.length).put((byte) type).put((byte) length).put(data).array();
    }

    /** An option with its length computed from the data. */
    public static MobilityOption of(int type, byte[] data) {
        return new MobilityOption(type, data.length, data);
    }

    /** An option with an explicit (possibly wrong) length byte. */
    public static MobilityOption raw(int type, int length, byte[] data) {
        return new MobilityOption(type, length, data);
    }

    public static MobilityOption pad1() {
        return new MobilityOption(PAD1, -1, new byte[0]);
    }

    public static MobilityOption padN(int n) {
        return of(PADN, new byte[n]);
    }

    /** RFC 6275 §6.2.4: refresh interval in 4-second units. */
    public static MobilityOption bindingRefreshAdvice(int interval) {
        return of(BINDING_REFRESH_ADVICE, new byte[] {(byte) (interval >>> 8), (byte) interval});
    }

    /** RFC 6275 §6.2.5. */
    public static MobilityOption alternateCareOf(byte[] address) {
        return of(ALTERNATE_COA, address);
    }

    /** RFC 6275 §6.2.6. */
    public static MobilityOption nonceIndices(int home, int careOf) {
        return of(NONCE_INDICES, new byte[] {(byte) (home >>> 8), (byte) home, (byte) (careOf >>> 8), (byte) careOf});
    }

    /** RFC 6275 §6.2.7. */
    public static MobilityOption bindingAuthorizationData(byte[] authenticator) {
        return of(BINDING_AUTHORIZATION_DATA, authenticator);
    }

    /** RFC 5648 §6.1: BID(16) | Status(8) | H(1) Reserved(7) | optional IPv4 or IPv6 care-of address. */
    public static MobilityOption bindingIdentifier(int bid, int status, boolean h, byte[] careOf) {
        byte[] coa = careOf == null ? new byte[0] : careOf;
        return of(BINDING_IDENTIFIER, ByteBuffer.allocate(4 + coa.length).putShort((short) bid).put((byte) status)
                .put((byte) (h ? 0x80 : 0)).put(coa).array());
    }

    /** RFC 6089 §4.2: a list of 16-bit FIDs. */
    public static MobilityOption flowSummary(int... fids) {
        ByteBuffer b = ByteBuffer.allocate(2 * fids.length);
        for (int f : fids) {
            b.putShort((short) f);
        }
        return of(FLOW_SUMMARY, b.array());
    }

    /**
     * RFC 6089 §4.1: FID(16) | FID-PRI(16) | Reserved(8) | Status(8) | sub-options (the same layout PcapDotNet's
     * IpV6MobilityOptionFlowIdentification implements).
     */
    public static MobilityOption flowIdentification(int fid, int priority, int status, byte[] subOptions) {
        return of(FLOW_IDENTIFICATION, ByteBuffer.allocate(6 + subOptions.length).putShort((short) fid)
                .putShort((short) priority).put((byte) 0).put((byte) status).put(subOptions).array());
    }

    /** Seed 003 (draft-montavont-mip6-mmi-02 §5.2, Figure 3): S(4) | D(4) | CoA ID(8) | Alternate CoA(128). */
    public static MobilityOption loadBalancing(int type, int s, int d, int coaId, byte[] alternateCoa) {
        return of(type, ByteBuffer.allocate(18).put((byte) (((s & 0xf) << 4) | (d & 0xf))).put((byte) coaId)
                .put(alternateCoa).array());
    }
}

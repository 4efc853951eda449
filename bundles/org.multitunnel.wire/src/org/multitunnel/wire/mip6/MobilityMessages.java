package org.multitunnel.wire.mip6;

import java.nio.ByteBuffer;

/**
 * Fixed parts of the mobility messages this project crafts (RFC 6275 §6.1.7–6.1.9), to hand to
 * {@link MobilityHeader.Builder#message}. Lifetimes are in the wire's 4-second units.
 */
public final class MobilityMessages {
    public static final int BINDING_REFRESH_REQUEST = 0, HOME_TEST_INIT = 1, CARE_OF_TEST_INIT = 2, HOME_TEST = 3,
            CARE_OF_TEST = 4, BINDING_UPDATE = 5, BINDING_ACK = 6, BINDING_ERROR = 7;
    /** Binding Update flags (16-bit word after the sequence number; RFC 6275 §6.1.7, RFC 3963, RFC 5213). */
    public static final int BU_A = 0x8000, BU_H = 0x4000, BU_L = 0x2000, BU_K = 0x1000, BU_M = 0x0800,
            BU_R = 0x0400, BU_P = 0x0200, BU_F = 0x0100, BU_T = 0x0080, BU_B = 0x0040;
    /** Binding Acknowledgement flags (byte after the status; RFC 6275 §6.1.8, RFC 3963, RFC 5213). */
    public static final int BA_K = 0x80, BA_R = 0x40, BA_P = 0x20, BA_T = 0x10, BA_B = 0x08;

    private MobilityMessages() {
    }

    /** Sequence # (16) | flags + reserved (16) | Lifetime (16). */
    public static byte[] bindingUpdate(int sequence, int flags, int lifetime) {
        return ByteBuffer.allocate(6).putShort((short) sequence).putShort((short) flags).putShort((short) lifetime)
                .array();
    }

    /** Status (8) | flags + reserved (8) | Sequence # (16) | Lifetime (16). */
    public static byte[] bindingAck(int status, int flags, int sequence, int lifetime) {
        return ByteBuffer.allocate(6).put((byte) status).put((byte) flags).putShort((short) sequence)
                .putShort((short) lifetime).array();
    }

    /** Status (8) | Reserved (8) | Home Address (128). */
    public static byte[] bindingError(int status, byte[] homeAddress) {
        return ByteBuffer.allocate(18).put((byte) status).put((byte) 0).put(homeAddress).array();
    }
}

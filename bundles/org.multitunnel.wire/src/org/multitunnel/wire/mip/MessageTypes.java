package org.multitunnel.wire.mip;

/** Mobile IPv4 message type numbers (IANA "Mobile IP Message Types") this codec decodes. */
public final class MessageTypes {
    private MessageTypes() {
    }

    /** RFC 5944 §3.3. */
    public static final int REGISTRATION_REQUEST = 1;
    /** RFC 5944 §3.4. */
    public static final int REGISTRATION_REPLY = 3;
    /** RFC 3519 §3.3 tunnel data message (UDP-encapsulated tunnelled traffic). */
    public static final int TUNNEL_DATA = 4;
    /** RFC 3543 §6.1 Registration Revocation. */
    public static final int REVOCATION = 7;
    /** RFC 3543 §6.2 Registration Revocation Acknowledgement. */
    public static final int REVOCATION_ACK = 15;
}

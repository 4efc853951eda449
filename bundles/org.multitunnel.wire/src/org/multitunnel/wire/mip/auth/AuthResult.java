package org.multitunnel.wire.mip.auth;

/**
 * The verdict on one authentication extension of a message: which extension (type, absolute offset), its SPI,
 * and whether the authenticator matched, did not match, or could not be checked for lack of a key.
 */
public record AuthResult(int extensionType, long spi, int offset, Status status) {
    public enum Status {
        VALID, INVALID, NO_KEY
    }

    public boolean valid() {
        return status == Status.VALID;
    }
}

package org.multitunnel.wire.mip.auth;

/**
 * How a message builder should authenticate: by default correctly. Each fix-up can be switched off for testing
 * a peer's checks: send another SPI than the association's, corrupt the computed authenticator, or declare a
 * wrong Length. Immutable; {@code with...} methods return a copy.
 */
public final class AuthOptions {
    private static final AuthOptions DEFAULTS = new AuthOptions(-1, false, -1);
    private final long spiOnWire;
    private final boolean corrupt;
    private final int declaredLength;

    private AuthOptions(long spiOnWire, boolean corrupt, int declaredLength) {
        this.spiOnWire = spiOnWire;
        this.corrupt = corrupt;
        this.declaredLength = declaredLength;
    }

    public static AuthOptions defaults() {
        return DEFAULTS;
    }

    /** Puts {@code spi} on the wire instead of the association's SPI (the authenticator covers what is sent). */
    public AuthOptions withSpiOnWire(long spi) {
        return new AuthOptions(spi & 0xffffffffL, corrupt, declaredLength);
    }

    /** Flips the lowest bit of the last authenticator byte after computing it. */
    public AuthOptions withCorruptAuthenticator() {
        return new AuthOptions(spiOnWire, true, declaredLength);
    }

    /** Declares this Length instead of 4 + authenticator length (also what the authenticator covers). */
    public AuthOptions withDeclaredLength(int length) {
        return new AuthOptions(spiOnWire, corrupt, length);
    }

    /** The SPI to send, or -1 for the association's. */
    public long spiOnWire() {
        return spiOnWire;
    }

    public boolean corrupt() {
        return corrupt;
    }

    public int declaredLength() {
        return declaredLength;
    }
}

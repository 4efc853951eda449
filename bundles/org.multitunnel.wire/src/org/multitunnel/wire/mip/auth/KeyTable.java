package org.multitunnel.wire.mip.auth;

/**
 * The caller's mobility security associations, looked up by (SPI, peer address). The UI backs this with secure
 * storage, the CLI with a key file; the codec only ever asks for one association at a time.
 */
@FunctionalInterface
public interface KeyTable {
    /** The association for {@code spi} shared with {@code peer} (dotted IPv4, may be null), or null. */
    SecurityAssociation lookup(long spi, String peer);
}

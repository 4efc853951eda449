package org.multitunnel.ui.testbed.replay;

import org.multitunnel.wire.mip.auth.KeyTable;
import org.multitunnel.wire.mip.auth.SecurityAssociation;

/**
 * The two ways the Replay part re-signs requests: each with the stored association of its captured SPI (the CLI's
 * behaviour), or every request with one chosen association — so a capture from another network (other SPIs) can be
 * replayed against the built-in home agent, which knows only its own SPI.
 */
public final class ReplayKeys {
    private ReplayKeys() {
    }

    /** A table answering every lookup with {@code sa}: requests are re-signed (and replies checked) with it. */
    public static KeyTable everyRequestWith(SecurityAssociation sa) {
        return (spi, peer) -> sa;
    }
}

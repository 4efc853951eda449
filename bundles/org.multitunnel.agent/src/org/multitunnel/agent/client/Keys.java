package org.multitunnel.agent.client;

import org.multitunnel.wire.Hex;
import org.multitunnel.wire.mip.auth.SecurityAssociation;

/**
 * Parses the command line's {@code --key SPI:HEXKEY} into an HMAC-MD5 mobility security association valid for any
 * peer (the contract's meaning of {@code --key}). The SPI may be decimal or 0x-hex. Error messages never echo the
 * key.
 */
public final class Keys {
    private Keys() {
    }

    public static SecurityAssociation parse(String spec) {
        int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("key must be SPI:HEXKEY");
        }
        String spiText = spec.substring(0, colon).trim();
        long spi;
        try {
            spi = spiText.startsWith("0x") || spiText.startsWith("0X") ? Long.parseLong(spiText.substring(2), 16)
                    : Long.parseLong(spiText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("key SPI is not a number: " + spiText);
        }
        if (spi < 0 || spi > 0xffffffffL) {
            throw new IllegalArgumentException("key SPI must fit 32 bits: " + spiText);
        }
        byte[] key;
        try {
            key = Hex.decode(spec.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key for SPI " + spi + " is not hex (" + e.getMessage() + ")");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("key for SPI " + spi + " is empty");
        }
        return SecurityAssociation.hmacMd5(spi, key);
    }
}

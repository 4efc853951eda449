package org.multitunnel.wire;

import java.nio.ByteBuffer;

/**
 * Dissects one protocol layer into a {@link Field} tree. Dissectors are looked up by (table, value) in a
 * {@link DissectorRegistry} rather than switched on in their parents, so a new protocol or a configurable
 * draft type number is just one more registration ("Decode As").
 */
@FunctionalInterface
public interface Dissector {
    /**
     * Dissects {@code length} bytes at absolute {@code offset} of {@code buf} (never changing its position or
     * limit). Returns the layer node (its name is the protocol abbreviation) and hands any payload on with
     * {@link DissectContext#next}. Throws only {@link DecodeException}.
     */
    Field dissect(DissectContext ctx, ByteBuffer buf, int offset, int length);
}

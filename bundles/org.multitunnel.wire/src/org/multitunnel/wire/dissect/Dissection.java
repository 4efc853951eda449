package org.multitunnel.wire.dissect;

import java.util.List;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.Field;

/**
 * The result of dissecting one frame: its layers (outer first, tunnelled inner layers after), the typed decode
 * errors met (each also shown as a {@code _ws.malformed} layer), and — only if a dissector has a bug — the
 * unexpected exception that {@link PacketDissector} caught instead of letting it escape.
 */
public record Dissection(List<Field> layers, List<DecodeException> errors, RuntimeException internalError) {
    public Dissection {
        layers = List.copyOf(layers);
        errors = List.copyOf(errors);
    }

    public boolean malformed() {
        return !errors.isEmpty() || internalError != null;
    }

    /** The first field of this name in any layer, or null. */
    public Field find(String name) {
        for (Field l : layers) {
            Field f = l.find(name);
            if (f != null) {
                return f;
            }
        }
        return null;
    }
}

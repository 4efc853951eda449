package org.multitunnel.wire.dissect;

import java.nio.ByteBuffer;
import java.util.List;

import org.multitunnel.wire.Field;
import org.multitunnel.wire.Hex;

/** Small helpers for byte-level tests: hex to buffer, and field lookup across layers. */
public final class TestBytes {
    private TestBytes() {
    }

    public static ByteBuffer buf(String hex) {
        return ByteBuffer.wrap(Hex.decode(hex));
    }

    public static Field field(List<Field> layers, String name) {
        for (Field l : layers) {
            Field f = l.find(name);
            if (f != null) {
                return f;
            }
        }
        throw new AssertionError("no field " + name + " in " + FieldsText.tree(layers));
    }

    public static List<Field> all(List<Field> layers, String name) {
        return layers.stream().flatMap(l -> l.findAll(name).stream()).toList();
    }

    public static Object value(List<Field> layers, String name) {
        return field(layers, name).value();
    }
}

package org.multitunnel.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * State of one packet's dissection: the registry to dispatch through, the layers found so far (outer first,
 * inner tunnelled layers after), and the errors met. Dissection never throws out of {@link #dissect}: a layer
 * that fails becomes a {@code _ws.malformed}-style node and the layers before it are kept.
 */
public final class DissectContext {
    /** Stops hostile packets (GRE in GRE in GRE...) from recursing without bound. */
    public static final int MAX_LAYERS = 32;

    private final DissectorRegistry registry;
    private final List<Field> layers = new ArrayList<>();
    private final List<DecodeException> errors = new ArrayList<>();

    public DissectContext(DissectorRegistry registry) {
        this.registry = registry;
    }

    public DissectorRegistry registry() {
        return registry;
    }

    /**
     * Dissects the payload at [offset, offset+length) with the dissector registered for (table, value), or as
     * a raw {@code data} layer when none is. Appends the resulting layer(s). Returns false when nothing was
     * registered for (table, value).
     */
    public boolean next(String table, int value, ByteBuffer buf, int offset, int length) {
        if (length <= 0) {
            return true;
        }
        Dissector d = registry.lookup(table, value);
        if (d == null || layers.size() >= MAX_LAYERS) {
            data(buf, offset, length);
            return d != null;
        }
        int slot = layers.size();
        try {
            Field layer = d.dissect(this, buf, offset, length);
            if (layer != null) {
                layers.add(Math.min(slot, layers.size()), layer);
            }
        } catch (DecodeException e) {
            errors.add(e);
            layers.add(Math.min(slot, layers.size()), malformed(e, offset, length));
        }
        return true;
    }

    /** Adds an undissected payload as a raw {@code data} layer. */
    public void data(ByteBuffer buf, int offset, int length) {
        byte[] raw = new byte[Math.max(0, Math.min(length, buf.limit() - offset))];
        buf.get(offset, raw);
        layers.add(Field.node("data", "Data (" + raw.length + " bytes)", null, offset, raw.length,
                List.of(Field.leaf("data.data", "Data: " + Hex.encode(raw), raw, offset, raw.length))));
    }

    private static Field malformed(DecodeException e, int offset, int length) {
        return Field.node("_ws.malformed", "[Malformed Packet: " + e.getMessage() + "]", null, offset, length,
                List.of(Field.leaf("_ws.malformed.offset", "Error offset: " + e.offset(), (long) e.offset(),
                        e.offset(), 0)));
    }

    public List<Field> layers() {
        return layers;
    }

    public List<DecodeException> errors() {
        return errors;
    }
}

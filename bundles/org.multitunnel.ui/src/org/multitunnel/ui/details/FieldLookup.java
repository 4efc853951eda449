package org.multitunnel.ui.details;

import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.Field;

/**
 * Finds the field a clicked byte belongs to: the deepest field whose range covers the offset, with the chain of
 * its ancestors (a TreePath needs it, since fields do not know their parents).
 */
public final class FieldLookup {
    private FieldLookup() {
    }

    /** Root-to-leaf chain of the deepest field covering {@code offset}, or an empty list. */
    public static List<Field> deepestAt(List<Field> layers, int offset) {
        List<Field> path = new ArrayList<>();
        List<Field> level = layers;
        boolean descended = true;
        while (descended) {
            descended = false;
            // The last covering field wins at each level: tunnelled inner layers come after the outer ones.
            Field hit = null;
            for (Field f : level) {
                if (f.length() > 0 && offset >= f.offset() && offset < f.offset() + f.length()) {
                    hit = f;
                }
            }
            if (hit != null) {
                path.add(hit);
                level = hit.children();
                descended = true;
            }
        }
        return path;
    }
}

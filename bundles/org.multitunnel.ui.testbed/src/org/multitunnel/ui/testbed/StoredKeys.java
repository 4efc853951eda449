package org.multitunnel.ui.testbed;

import java.util.ArrayList;
import java.util.List;

import org.multitunnel.ui.prefs.KeyEntry;
import org.multitunnel.ui.prefs.KeyStore;
import org.multitunnel.wire.mip.auth.MapKeyTable;

/**
 * The GUI key table as the Replay and Conformance parts offer it: associations chosen by SPI, labelled without the
 * key (keys never reach a widget, a log or a report). Loaded once per part from secure storage; an unreadable store
 * counts as empty so the parts still open and say "no key" instead of failing.
 */
public final class StoredKeys {
    private final List<KeyEntry> entries;
    private final String problem;

    private StoredKeys(List<KeyEntry> entries, String problem) {
        this.entries = List.copyOf(entries);
        this.problem = problem;
    }

    /** Reads {@code store}, or the workbench's default store when null. */
    public static StoredKeys load(KeyStore store) {
        try {
            KeyStore s = store != null ? store : KeyStore.openDefault();
            return new StoredKeys(s.load(), null);
        } catch (Exception | LinkageError e) {
            return new StoredKeys(List.of(), "key store unreadable: " + e.getClass().getSimpleName());
        }
    }

    public static StoredKeys of(List<KeyEntry> entries) {
        return new StoredKeys(entries, null);
    }

    public List<KeyEntry> entries() {
        return entries;
    }

    /** Why the store could not be read, or null. */
    public String problem() {
        return problem;
    }

    /** "SPI 4096 (hmac-md5, any peer)" — never the key. */
    public static String label(KeyEntry e) {
        return "SPI " + e.spi() + " (" + e.algorithm() + ", " + e.peerLabel() + ")";
    }

    public List<String> labels() {
        List<String> out = new ArrayList<>();
        entries.forEach(e -> out.add(label(e)));
        return out;
    }

    /** Index of the first entry with {@code spi}, or -1. */
    public int indexOf(long spi) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).spi() == spi) {
                return i;
            }
        }
        return -1;
    }

    /** The whole store as a key table (empty when the store is). */
    public MapKeyTable table() {
        MapKeyTable t = new MapKeyTable();
        entries.forEach(e -> t.add(e.toAssociation()));
        return t;
    }
}

package org.multitunnel.ui.prefs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.prefs.BackingStoreException;
import org.osgi.service.prefs.Preferences;

/**
 * The last {@value #MAX} opened captures, most recent first, kept in the preferences node (key {@value #KEY}, one
 * absolute path per line). File > Recent is built from {@link #list()}.
 */
public final class RecentFiles {
    public static final int MAX = 8;
    public static final String KEY = "recent.files";

    private final Preferences node;

    public RecentFiles(Preferences node) {
        this.node = node;
    }

    /** The application's list (instance preferences). */
    public static RecentFiles instance() {
        return new RecentFiles(UiPreferences.instanceNode());
    }

    public List<Path> list() {
        String raw = node.get(KEY, "");
        List<Path> out = new ArrayList<>();
        for (String line : raw.split("\n")) {
            if (!line.isBlank() && out.size() < MAX) {
                Path p = Path.of(line);
                if (!out.contains(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Moves (or adds) {@code file} to the top, drops the oldest beyond {@value #MAX}, and flushes. */
    public synchronized List<Path> add(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        List<Path> list = list();
        list.remove(abs);
        list.add(0, abs);
        while (list.size() > MAX) {
            list.remove(list.size() - 1);
        }
        save(list);
        return list;
    }

    public synchronized void clear() {
        save(List.of());
    }

    private void save(List<Path> list) {
        StringBuilder sb = new StringBuilder();
        for (Path p : list) {
            sb.append(p).append('\n');
        }
        node.put(KEY, sb.toString());
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // Kept in memory for this run; the next successful flush writes it.
        }
    }
}

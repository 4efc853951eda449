package org.multitunnel.agent.lab;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What {@code lab up} made, written to disk after every step so {@code lab down} removes exactly that — the
 * namespaces it created and the processes it started, by pid — even after a failed or interrupted {@code up}.
 */
final class LabState {
    private final Path file;
    private final Properties p = new Properties();

    private LabState(Path file) {
        this.file = file;
    }

    static LabState create(Path dir, String caseName) throws IOException {
        Files.createDirectories(dir);
        LabState s = new LabState(dir.resolve("state.properties"));
        s.p.setProperty("case", caseName);
        s.save();
        return s;
    }

    /** The saved state, or null when the lab is not up. */
    static LabState load(Path dir) throws IOException {
        Path f = dir.resolve("state.properties");
        if (!Files.isRegularFile(f)) {
            return null;
        }
        LabState s = new LabState(f);
        try (Reader r = Files.newBufferedReader(f)) {
            s.p.load(r);
        }
        return s;
    }

    String caseName() {
        return p.getProperty("case");
    }

    List<String> namespaces() {
        return list("namespaces");
    }

    List<Long> pids() {
        return list("pids").stream().map(Long::valueOf).toList();
    }

    String get(String key) {
        return p.getProperty(key);
    }

    void put(String key, String value) throws IOException {
        p.setProperty(key, value);
        save();
    }

    void addNamespace(String ns) throws IOException {
        append("namespaces", ns);
    }

    void addPid(long pid) throws IOException {
        append("pids", Long.toString(pid));
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    private List<String> list(String key) {
        String v = p.getProperty(key, "");
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private void append(String key, String value) throws IOException {
        List<String> l = list(key);
        l.add(value);
        p.setProperty(key, String.join(",", l));
        save();
    }

    private void save() throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, "multitunnel lab: what lab up made (lab down removes it)");
        }
    }
}

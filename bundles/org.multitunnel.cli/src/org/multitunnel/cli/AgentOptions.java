package org.multitunnel.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The options of {@code multitunnel agent}, merged from a {@code --config} properties file and the command line
 * (the command line wins; repeatable options from both are combined). Every option {@code --NAME VALUE} is the
 * property {@code NAME = VALUE} (repeatable ones comma-separated); every flag {@code --NAME} is
 * {@code NAME = true|false}. Unknown names are usage errors, so a typo never silently changes an agent's policy.
 */
final class AgentOptions {
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    /** The values given on the command line itself (not in --config), which every local user can read. */
    private final Map<String, List<String>> commandLine = new LinkedHashMap<>();
    private final Set<String> valued;
    private final Set<String> flags;
    private final Set<String> repeatable;

    AgentOptions(Set<String> valued, Set<String> flags, Set<String> repeatable) {
        this.valued = valued;
        this.flags = flags;
        this.repeatable = repeatable;
    }

    /** Parses {@code args}; a {@code --config FILE} among them is read first and overridden by the rest. */
    void parse(List<String> args, PrintStream err) throws UsageException, IOException {
        Map<String, List<String>> cli = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new UsageException("unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            if (flags.contains(name)) {
                cli.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
            } else if (valued.contains(name)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(a + " needs a value");
                }
                cli.computeIfAbsent(name, k -> new ArrayList<>()).add(args.get(++i));
            } else {
                throw new UsageException("unknown option " + a);
            }
        }
        commandLine.putAll(cli);
        List<String> config = cli.remove("config");
        if (config != null) {
            readConfig(Path.of(config.get(config.size() - 1)), err);
        }
        for (Map.Entry<String, List<String>> e : cli.entrySet()) {
            if (repeatable.contains(e.getKey())) {
                values.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(e.getValue());
            } else {
                values.put(e.getKey(), e.getValue());
            }
        }
    }

    private void readConfig(Path file, PrintStream err) throws IOException, UsageException {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--config " + file + ": no such file");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        if (p.containsKey("key") || p.containsKey("fa-ha-key")) { // keys in the file itself
            KeyOptions.warnIfReadableByOthers(file, err);
        }
        for (String name : p.stringPropertyNames()) {
            String v = p.getProperty(name).trim();
            if (flags.contains(name)) {
                if (!v.equals("true") && !v.equals("false")) {
                    throw new UsageException(file + ": " + name + " must be true or false");
                }
                if (v.equals("true")) {
                    values.put(name, new ArrayList<>(List.of("true")));
                }
            } else if (valued.contains(name) && !name.equals("config")) {
                List<String> list = new ArrayList<>();
                for (String part : repeatable.contains(name) ? v.split(",") : new String[] { v }) {
                    if (!part.isBlank()) {
                        list.add(part.trim());
                    }
                }
                values.put(name, list);
            } else {
                throw new UsageException(file + ": unknown setting '" + name + "'");
            }
        }
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    String value(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
    }

    String value(String name, String fallback) {
        String v = value(name);
        return v == null ? fallback : v;
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The values of {@code name} given on the command line rather than in the --config file. */
    List<String> onCommandLine(String name) {
        return commandLine.getOrDefault(name, List.of());
    }

    int integer(String name, int fallback, int min, int max) throws UsageException {
        String v = value(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new UsageException("--" + name + " must be " + min + ".." + max + ", got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " is not a number: " + v);
        }
    }
}

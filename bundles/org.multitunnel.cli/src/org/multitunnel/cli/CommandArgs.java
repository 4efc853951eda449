package org.multitunnel.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Argument parsing shared by the commands: options declared once as {@link Option}s (a key, its spellings such as
 * {@code --display-filter} and {@code -Y}, whether it takes a value), so a command's option table reads like the
 * declarations of an annotation-based parser. Values follow the option ({@code -c 5}), are attached to a one-letter
 * option ({@code -c5}) or to a long one with '=' ({@code --count=5}); repeatable options collect every value; a lone
 * {@code -} is a positional word (standard input); unknown options are usage errors so a typo never silently changes
 * what is sent or read.
 */
final class CommandArgs {
    /**
     * One declared option. {@code key} names it in {@link #get}; {@code spellings} are what the user types (a long
     * option's key is its name without the dashes).
     */
    record Option(String key, List<String> spellings, boolean valued) {
        /** {@code --NAME VALUE}, also spelled as each of {@code aliases} (e.g. "-Y"). */
        static Option valued(String name, String... aliases) {
            return new Option(name, spellings(name, aliases), true);
        }

        /** {@code --NAME}, also spelled as each of {@code aliases}. */
        static Option flag(String name, String... aliases) {
            return new Option(name, spellings(name, aliases), false);
        }

        private static List<String> spellings(String name, String... aliases) {
            List<String> l = new ArrayList<>();
            l.add("--" + name);
            l.addAll(List.of(aliases));
            return l;
        }
    }

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private CommandArgs() {
    }

    /** Parses {@code --NAME VALUE} options named in {@code valued} and {@code --NAME} flags named in {@code flags}. */
    static CommandArgs parse(List<String> args, Set<String> valued, Set<String> flags) throws UsageException {
        List<Option> options = new ArrayList<>();
        valued.forEach(v -> options.add(Option.valued(v)));
        flags.forEach(f -> options.add(Option.flag(f)));
        return parse(args, options);
    }

    static CommandArgs parse(List<String> args, List<Option> options) throws UsageException {
        Map<String, Option> bySpelling = new LinkedHashMap<>();
        for (Option o : options) {
            for (String s : o.spellings()) {
                bySpelling.put(s, o);
            }
        }
        CommandArgs a = new CommandArgs();
        for (int i = 0; i < args.size(); i++) {
            String s = args.get(i);
            if (!s.startsWith("-") || s.equals("-")) {
                a.positional.add(s);
                continue;
            }
            Option o = bySpelling.get(s);
            String attached = null;
            if (o == null && s.startsWith("--") && s.indexOf('=') > 2) {
                o = bySpelling.get(s.substring(0, s.indexOf('=')));
                attached = o != null && o.valued() ? s.substring(s.indexOf('=') + 1) : null;
                if (o != null && !o.valued()) {
                    throw new UsageException(s.substring(0, s.indexOf('=')) + " takes no value");
                }
            } else if (o == null && !s.startsWith("--") && s.length() > 2) {
                o = bySpelling.get(s.substring(0, 2));
                attached = o != null && o.valued() ? s.substring(2) : null;
                if (o != null && !o.valued()) {
                    o = null; // "-ab" is not "-a" with a value
                }
            }
            if (o == null) {
                throw new UsageException("unknown option " + s);
            }
            String value = "true";
            if (o.valued()) {
                if (attached != null) {
                    value = attached;
                } else if (i + 1 >= args.size()) {
                    throw new UsageException(s + " needs a value");
                } else {
                    value = args.get(++i);
                }
            }
            a.values.computeIfAbsent(o.key(), k -> new ArrayList<>()).add(value);
        }
        return a;
    }

    List<String> positional() {
        return positional;
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    /** The last value given for {@code name}, or null. */
    String get(String name) {
        List<String> v = values.get(name);
        return v == null ? null : v.get(v.size() - 1);
    }

    String require(String name) throws UsageException {
        String v = get(name);
        if (v == null) {
            throw new UsageException("--" + name + " is required");
        }
        return v;
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    int intValue(String name, int dflt, int min, int max) throws UsageException {
        String v = get(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new UsageException("--" + name + " must be " + min + ".." + max + ", not " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " wants a whole number " + min + ".." + max + ", not '" + v + "'");
        }
    }

    /**
     * Parses HOST:PORT (IPv4 literal or name). A malformed value is a usage error (64); a well-formed one whose host
     * does not resolve is {@link Sysexits#NOHOST} naming the host, since the fix is the name, not the syntax.
     */
    static InetSocketAddress hostPort(String s, String option) throws UsageException, CliException {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new UsageException(option + " wants HOST:PORT, not '" + s + "'");
        }
        String host = s.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UsageException(option + " wants HOST:PORT with a numeric port, not '" + s + "'");
        }
        if (port < 1 || port > 65535) {
            throw new UsageException(option + " port must be 1..65535, not " + port + " in '" + s + "'");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new CliException(Sysexits.NOHOST, option + " " + s + ": host '" + host + "' does not resolve");
        }
    }

    /** Parses a dotted IPv4 address. */
    static String ipv4(String s, String option) throws UsageException {
        String[] p = s.split("\\.");
        if (p.length != 4) {
            throw new UsageException(option + " wants a dotted IPv4 address: " + s);
        }
        for (String o : p) {
            try {
                int v = Integer.parseInt(o);
                if (v < 0 || v > 255) {
                    throw new UsageException(option + " wants a dotted IPv4 address: " + s);
                }
            } catch (NumberFormatException e) {
                throw new UsageException(option + " wants a dotted IPv4 address: " + s);
            }
        }
        return s;
    }
}

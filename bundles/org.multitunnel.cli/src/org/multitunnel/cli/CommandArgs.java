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
 * Argument parsing shared by send, replay, conformance and lab: {@code --name VALUE} options (repeatable ones
 * collect every value), {@code --flag}s and positional words, with unknown options rejected as usage errors so a
 * typo never silently changes what is sent.
 */
final class CommandArgs {
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private CommandArgs() {
    }

    static CommandArgs parse(List<String> args, Set<String> valued, Set<String> flags) throws UsageException {
        CommandArgs a = new CommandArgs();
        for (int i = 0; i < args.size(); i++) {
            String s = args.get(i);
            if (!s.startsWith("--")) {
                a.positional.add(s);
                continue;
            }
            String name = s.substring(2);
            if (flags.contains(name)) {
                a.values.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
            } else if (valued.contains(name)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(s + " needs a value");
                }
                a.values.computeIfAbsent(name, k -> new ArrayList<>()).add(args.get(++i));
            } else {
                throw new UsageException("unknown option " + s);
            }
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
                throw new UsageException("--" + name + " must be " + min + ".." + max + ": " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " is not a number: " + v);
        }
    }

    /** Parses HOST:PORT (IPv4 literal or name). */
    static InetSocketAddress hostPort(String s, String option) throws UsageException {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new UsageException(option + " wants HOST:PORT: " + s);
        }
        try {
            int port = Integer.parseInt(s.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new UsageException(option + " port out of range: " + s);
            }
            return new InetSocketAddress(InetAddress.getByName(s.substring(0, colon)), port);
        } catch (NumberFormatException | UnknownHostException e) {
            throw new UsageException(option + " wants HOST:PORT: " + s);
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

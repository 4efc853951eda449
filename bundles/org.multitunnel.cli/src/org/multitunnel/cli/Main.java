package org.multitunnel.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the headless launcher {@code ./multitunnel}: a plain JVM over the core bundles' jars, no OSGi
 * framework and no workbench, so {@code --help} answers in well under a second and CI scripts stay simple.
 */
public final class Main {
    public static final String VERSION = Version.VALUE;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            out.print(usage());
            return args.isEmpty() ? Sysexits.USAGE : 0;
        }
        if (args.get(0).equals("help")) {
            return help(args.subList(1, args.size()), out, err);
        }
        if (args.get(0).equals("--version") || args.get(0).equals("-V")) {
            out.println("multitunnel " + VERSION);
            return 0;
        }
        Command c = command(args.get(0));
        if (c == null) {
            err.println("multitunnel: unknown command '" + args.get(0) + "' (multitunnel --help lists them)");
            return Sysexits.USAGE;
        }
        List<String> rest = args.subList(1, args.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            out.print(c.usage());
            return 0;
        }
        try {
            return c.run(rest, out, err);
        } catch (Exception | OutOfMemoryError | StackOverflowError | InternalError e) {
            return Failures.report(c, e, err);
        }
    }

    /** {@code help} alone is {@code --help}; {@code help COMMAND} is {@code COMMAND --help}. */
    private static int help(List<String> words, PrintStream out, PrintStream err) {
        if (words.isEmpty()) {
            out.print(usage());
            return 0;
        }
        Command c = command(words.get(0));
        if (c == null || words.size() > 1) {
            err.println("multitunnel help: " + (c == null ? "unknown command '" + words.get(0) + "'"
                    : "one command at a time") + " (multitunnel --help lists them)");
            return Sysexits.USAGE;
        }
        out.print(c.usage());
        return 0;
    }

    private static Command command(String name) {
        for (Command c : Commands.all()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    static String usage() {
        StringBuilder b = new StringBuilder();
        b.append("MultiTunnel Workbench ").append(VERSION).append(" — Mobile IP multipath analyzer and testbed (headless)\n\n");
        b.append("Usage: multitunnel COMMAND [OPTIONS]\n"
                + "       multitunnel COMMAND --help   (or: multitunnel help COMMAND)\n"
                + "       multitunnel --version\n\n");
        b.append("Commands:\n");
        for (Command c : Commands.all()) {
            b.append(String.format("  %-12s %s%n", c.name(), c.summary()));
        }
        if (Commands.all().isEmpty()) {
            b.append("  (none yet)\n");
        }
        b.append("\nThe desktop application is started with ./workbench [CAPTURE] [--perspective analysis|testbed].\n");
        return b.toString();
    }
}

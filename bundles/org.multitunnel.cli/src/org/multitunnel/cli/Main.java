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
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            out.print(usage());
            return args.isEmpty() ? 64 : 0;
        }
        if (args.get(0).equals("--version") || args.get(0).equals("-V")) {
            out.println("multitunnel " + VERSION);
            return 0;
        }
        for (Command c : Commands.all()) {
            if (c.name().equals(args.get(0))) {
                List<String> rest = args.subList(1, args.size());
                if (rest.contains("--help") || rest.contains("-h")) {
                    out.print(c.usage());
                    return 0;
                }
                try {
                    return c.run(rest, out, err);
                } catch (UsageException e) {
                    err.println("multitunnel " + c.name() + ": " + e.getMessage());
                    err.print(c.usage());
                    return 64;
                } catch (CliException e) {
                    err.println("multitunnel " + c.name() + ": " + e.getMessage());
                    return e.exitCode();
                } catch (Exception e) {
                    int code = CaptureProblems.report(c.name(), e, err);
                    if (code >= 0) {
                        return code;
                    }
                    err.println("multitunnel " + c.name() + ": " + e);
                    return 70;
                } catch (InternalError e) { // a mapped capture truncated under a reader that could not translate it
                    int code = CaptureProblems.report(c.name(), e, err);
                    if (code >= 0) {
                        return code;
                    }
                    throw e;
                }
            }
        }
        err.println("multitunnel: unknown command '" + args.get(0) + "'");
        err.print(usage());
        return 64;
    }

    static String usage() {
        StringBuilder b = new StringBuilder();
        b.append("MultiTunnel Workbench ").append(VERSION).append(" — Mobile IP multipath analyzer and testbed (headless)\n\n");
        b.append("Usage: multitunnel COMMAND [OPTIONS]\n       multitunnel COMMAND --help\n       multitunnel --version\n\n");
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

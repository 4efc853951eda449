package org.multitunnel.cli;

import java.util.Arrays;
import java.util.List;

/**
 * Runs one command from its own {@code main} without the launcher's command table, so {@code releng/bench.sh} can
 * compile just the core bundles and the bench/synth commands with javac (no model or EMF jars) and still behave like
 * {@code multitunnel COMMAND}: same --help, and the same one-line failures with sysexits codes ({@link Failures}).
 */
final class Standalone {
    private Standalone() {
    }

    static int run(Command c, String[] argv) {
        List<String> args = Arrays.asList(argv);
        if (args.contains("--help") || args.contains("-h")) {
            System.out.print(c.usage());
            return 0;
        }
        try {
            return c.run(args, System.out, System.err);
        } catch (Exception | OutOfMemoryError | StackOverflowError | InternalError e) {
            return Failures.report(c, e, System.err);
        }
    }
}

package org.multitunnel.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One {@code multitunnel} subcommand. Commands are plain objects registered in {@link Commands}; each parses
 * its own arguments so that {@code COMMAND --help} and its errors stay next to the code that does the work.
 */
public interface Command {
    /** The subcommand word, e.g. {@code decode}. */
    String name();

    /** One line for the top-level usage. */
    String summary();

    /** Full usage with examples, printed by {@code COMMAND --help}. */
    String usage();

    /**
     * Runs with the arguments after the subcommand word. Returns the process exit code. Bad arguments: throw
     * {@link UsageException}; other failures: print a clear message to {@code err} and return non-zero.
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}

package org.multitunnel.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * One {@code multitunnel} run inside the test JVM, as the launcher does it ({@link Main#run}), or with standard
 * input and its spool folder given (decode and analyze read '-'): exit code, stdout and stderr.
 */
record CliRun(int code, String out, String err) {
    static CliRun main(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new CliRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** {@code decode ARGS} reading {@code stdin} for '-', spooling into {@code spoolDir}. */
    static CliRun decode(InputStream stdin, Path spoolDir, String... args) {
        return command(new DecodeCommand(stdin, spoolDir), args);
    }

    static CliRun analyze(InputStream stdin, Path spoolDir, String... args) {
        return command(new AnalyzeCommand(stdin, spoolDir), args);
    }

    /** A command run the way {@link Main} runs it, failures reported by {@link Failures}. */
    static CliRun command(Command c, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8);
        int code;
        try {
            code = c.run(List.of(args), out, err);
        } catch (Exception ex) {
            code = Failures.report(c, ex, err);
        }
        return new CliRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    static InputStream bytes(byte[] b) {
        return new ByteArrayInputStream(b);
    }

    List<String> lines() {
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}

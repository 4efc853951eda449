package org.multitunnel.agent.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the lab's external commands ({@code ip}, {@code tcpdump}, agent processes) with a time limit and captured
 * output, so every step can report exactly what the system answered. An interface so the lab logic can be tested
 * without root by recording the commands instead.
 */
public interface Shell {
    /** Exit code and combined output of a finished command. */
    record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs {@code command} to completion (killed after 20 s). */
    Result run(List<String> command) throws IOException;

    /** Starts {@code command} in the background with stdout and stderr appended to {@code log}; returns its pid. */
    long spawn(List<String> command, Path log) throws IOException;

    /** The real one: {@link ProcessBuilder}. */
    static Shell system() {
        return new Shell() {
            @Override
            public Result run(List<String> command) throws IOException {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                try {
                    if (!p.waitFor(20, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                        return new Result(124, "timed out: " + String.join(" ", command));
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted: " + String.join(" ", command), e);
                }
                return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(),
                        StandardCharsets.UTF_8).trim());
            }

            @Override
            public long spawn(List<String> command, Path log) throws IOException {
                Process p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
                return p.pid();
            }
        };
    }
}

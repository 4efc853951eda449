package org.multitunnel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A capture given as {@code -} (standard input) copied to a private temporary file, because the capture readers map
 * their file into memory and a pipe cannot be mapped. Spooling once at disk speed is cheaper and far simpler than a
 * second, streaming implementation of every format (pcap, pcapng, gzip); its cost is measured by
 * {@code releng/launcher-checks.sh} and stated in the README. The file is created {@code rw-------}, named
 * {@code multitunnel-stdin-*.capture} in {@code java.io.tmpdir}, and removed on {@link #close()} — on success,
 * on error, and by a shutdown hook when the run is interrupted (Ctrl+C, SIGTERM).
 */
final class StdinSpool implements AutoCloseable {
    /** How the capture is named in messages instead of the temporary file. */
    static final String NAME = "standard input";

    private final Path file;
    private final Thread hook;

    private StdinSpool(Path file) {
        this.file = file;
        this.hook = new Thread(this::delete, "multitunnel-stdin-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Copies {@code in} to its end into a new temporary file in {@code dir}. */
    static StdinSpool copy(InputStream in, Path dir) throws IOException {
        Path file = Files.createTempFile(dir, "multitunnel-stdin-", ".capture");
        StdinSpool spool;
        try {
            spool = new StdinSpool(file);
        } catch (RuntimeException e) { // shutting down already
            Files.deleteIfExists(file);
            throw e;
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
        return spool;
    }

    /** The default place: {@code java.io.tmpdir} ({@code TMPDIR} is not read by the JVM; set it with -D). */
    static Path defaultDir() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    Path path() {
        return file;
    }

    /** {@code message} with the temporary file's name replaced by {@value #NAME}. */
    String rename(String message) {
        return message == null ? null : message.replace(file.toString(), NAME);
    }

    @Override
    public void close() {
        delete();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook deletes (again, harmlessly)
        }
    }

    private void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}

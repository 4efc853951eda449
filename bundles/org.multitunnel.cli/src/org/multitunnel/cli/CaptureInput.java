package org.multitunnel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The capture a reading command was given: a file (checked by {@link CliFiles#input}) or {@code -}, standard input
 * spooled by {@link StdinSpool}. Closing removes the spool; messages about it name "standard input".
 */
final class CaptureInput implements AutoCloseable {
    private final Path path;
    private final StdinSpool spool;

    private CaptureInput(Path path, StdinSpool spool) {
        this.path = path;
        this.spool = spool;
    }

    /** {@code text} is the FILE word; {@code spoolDir} null means {@code java.io.tmpdir}. */
    static CaptureInput open(String text, InputStream stdin, Path spoolDir) throws CliException {
        if (!text.equals("-")) {
            return new CaptureInput(CliFiles.input(text, ""), null);
        }
        Path dir = spoolDir != null ? spoolDir : StdinSpool.defaultDir();
        try {
            StdinSpool s = StdinSpool.copy(stdin, dir);
            return new CaptureInput(s.path(), s);
        } catch (IOException e) {
            throw new CliException(Sysexits.IOERR, "cannot copy standard input to a temporary file in " + dir + ": "
                    + CliFiles.reason(e));
        }
    }

    Path path() {
        return path;
    }

    /** The name to show for the capture. */
    String name() {
        return spool != null ? StdinSpool.NAME : path.toString();
    }

    /** {@code message} naming standard input instead of the spool file. */
    String rename(String message) {
        return spool != null ? spool.rename(message) : message;
    }

    @Override
    public void close() {
        if (spool != null) {
            spool.close();
        }
    }
}

package org.multitunnel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.multitunnel.capture.CaptureReader;
import org.multitunnel.capture.NotACaptureFileException;
import org.multitunnel.capture.NotARegularFileException;
import org.multitunnel.capture.OpenOptions;
import org.multitunnel.capture.PacketVisitor;
import org.multitunnel.capture.ReadSummary;

/**
 * The capture a reading command was given: a file (checked by {@link CliFiles#capture}) or {@code -}, standard input.
 * A pipe cannot be memory-mapped like the readers map files, so the capture engine copies standard input into a
 * temporary file unlinked the moment it is created — nothing is left behind after an error, Ctrl+C or even
 * SIGKILL — bounded like a gzip capture's decompression ({@code --max-spill}); messages call it "standard input".
 */
final class CaptureInput {
    static final String STDIN_NAME = "standard input";

    private final Path path;
    private final InputStream stdin;

    private CaptureInput(Path path, InputStream stdin) {
        this.path = path;
        this.stdin = stdin;
    }

    /** {@code text} is the FILE word: a path, or '-' for {@code stdin}. */
    static CaptureInput of(String text, InputStream stdin) throws CliException {
        return text.equals("-") ? new CaptureInput(null, stdin) : new CaptureInput(CliFiles.capture(text), null);
    }

    /** The file, or null for standard input. */
    Path path() {
        return path;
    }

    /** The capture's name in output: the file's name, or "-" for standard input (as it was typed). */
    String name() {
        return path == null ? "-" : path.getFileName().toString();
    }

    /**
     * One streaming pass over every packet. The capture engine's typed failures pass through (their messages name
     * the capture); any other read error becomes 74 naming the file or standard input.
     */
    ReadSummary read(PacketVisitor visitor, OpenOptions options) throws IOException, CliException {
        try {
            return path == null ? CaptureReader.read(stdin, STDIN_NAME, visitor, options)
                    : CaptureReader.read(path, visitor, options);
        } catch (NotACaptureFileException | NotARegularFileException e) {
            throw e;
        } catch (IOException e) {
            throw new CliException(Sysexits.IOERR, (path == null ? STDIN_NAME : path.toString()) + ": "
                    + CliFiles.reason(e));
        }
    }
}

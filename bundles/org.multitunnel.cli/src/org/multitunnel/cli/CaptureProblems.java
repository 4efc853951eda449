package org.multitunnel.cli;

import java.io.PrintStream;

import org.multitunnel.capture.CaptureShrankException;
import org.multitunnel.capture.DecompressionLimitException;
import org.multitunnel.capture.NotACaptureFileException;
import org.multitunnel.capture.NotARegularFileException;

/**
 * The ways reading a capture can fail that the capture engine reports with its own types, turned into one line and
 * a sysexits code for every command that reads captures: a directory, FIFO or device instead of a file (66), a
 * file that is not a capture or decompresses beyond the limits (65, naming the option that raises the limit), and a
 * file that another program truncated while it was read (74) where no reader could keep what came before.
 */
final class CaptureProblems {
    private CaptureProblems() {
    }

    /** Prints {@code t}'s line and returns its exit code, or returns -1 if {@code t} is none of these. */
    static int report(String command, Throwable t, PrintStream err) {
        String prefix = "multitunnel " + command + ": ";
        if (t instanceof NotARegularFileException e) {
            err.println(prefix + e.getMessage());
            return Sysexits.NOINPUT;
        }
        if (t instanceof DecompressionLimitException e) {
            err.println(prefix + e.getMessage() + switch (e.limit()) {
                case RATIO -> " (--max-gzip-ratio N raises the limit, 0 removes it)";
                case SPILL_SIZE -> " (--max-spill SIZE raises the limit)";
                case FREE_SPACE -> " (free space there, or point java.io.tmpdir elsewhere with"
                        + " MULTITUNNEL_JAVA_OPTS=-Djava.io.tmpdir=DIR)";
            });
            return Sysexits.DATAERR;
        }
        if (t instanceof NotACaptureFileException e) {
            err.println(prefix + e.getMessage());
            return Sysexits.DATAERR;
        }
        if (t instanceof CaptureShrankException e) {
            err.println(prefix + e.getMessage());
            return Sysexits.IOERR;
        }
        if (CaptureShrankException.isMappingFault(t)) {
            err.println(prefix + "a capture file shrank while it was read (another program truncated it); stopped");
            return Sysexits.IOERR;
        }
        return -1;
    }
}

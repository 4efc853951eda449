package org.multitunnel.ui.session;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.multitunnel.capture.CaptureShrankException;
import org.multitunnel.capture.DecompressionLimitException;
import org.multitunnel.capture.NotACaptureFileException;
import org.multitunnel.capture.NotARegularFileException;

/**
 * Turns the ways opening a capture can fail into a title and a sentence a user can act on; kept apart from the
 * dialog so the wording is the same wherever the error is shown (and testable without a display).
 */
public final class CaptureErrors {
    /** A user-facing problem: dialog title and message. */
    public record Problem(String title, String message) {
    }

    private CaptureErrors() {
    }

    public static Problem describe(Path file, Throwable e) {
        if (e instanceof DecompressionLimitException d) {
            return new Problem("Capture not opened: decompression limit", d.getMessage() + "\n\n" + switch (d.limit()) {
                case RATIO, SPILL_SIZE -> "The limits for gzip-compressed captures are in Window > Preferences >"
                        + " Analysis > Capture files.";
                case FREE_SPACE -> "Free some space in the temporary folder, or start the workbench with"
                        + " -Djava.io.tmpdir=DIR on a larger disk.";
            });
        }
        if (e instanceof NotACaptureFileException) {
            return new Problem("Not a capture file", e.getMessage()
                    + "\n\nMultiTunnel Workbench opens pcap, pcapng and gzip-compressed captures.");
        }
        if (e instanceof NotARegularFileException r) {
            return new Problem("Not a capture file", r.getMessage()
                    + "\n\nOnly regular files can be opened: not folders, pipes or devices.");
        }
        if (e instanceof CaptureShrankException || CaptureShrankException.isMappingFault(e)) {
            return new Problem("Capture file shrank", (e instanceof CaptureShrankException ? e.getMessage()
                    : file + " shrank while it was read (another program truncated it).")
                    + "\n\nThe packets read before are kept.");
        }
        if (e instanceof NoSuchFileException) {
            return new Problem("Capture not found", "There is no file " + file + ".");
        }
        if (e instanceof AccessDeniedException) {
            return new Problem("Capture not readable", "Permission denied reading " + file + ".");
        }
        if (e instanceof IOException) {
            return new Problem("Cannot read capture", "Reading " + file + " failed: " + e.getMessage());
        }
        return new Problem("Cannot open capture", "Opening " + file + " failed: " + e);
    }
}

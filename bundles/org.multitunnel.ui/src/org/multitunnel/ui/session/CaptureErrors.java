package org.multitunnel.ui.session;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.multitunnel.capture.NotACaptureFileException;

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
        if (e instanceof NotACaptureFileException) {
            return new Problem("Not a capture file", e.getMessage()
                    + "\n\nMultiTunnel Workbench opens pcap, pcapng and gzip-compressed captures.");
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

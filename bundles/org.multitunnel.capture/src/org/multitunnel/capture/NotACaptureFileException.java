package org.multitunnel.capture;

import java.io.IOException;

/**
 * Thrown when a file is readable but is not a pcap, pcapng or gzip-compressed capture, so callers can tell "wrong
 * kind of file" (show the message) from an I/O failure. The message names the file and what was found instead.
 */
public class NotACaptureFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public NotACaptureFileException(String message) {
        super(message);
    }
}

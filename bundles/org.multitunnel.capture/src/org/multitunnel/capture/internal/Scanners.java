package org.multitunnel.capture.internal;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.multitunnel.capture.Format;
import org.multitunnel.capture.ReadWarning;
import org.multitunnel.capture.internal.pcap.PcapScanner;
import org.multitunnel.capture.internal.pcapng.PcapngScanner;

/**
 * Runs the scanner for a source's format and turns every way a pass can end into warnings, so the readers'
 * promise holds: only an {@link IOException} (file unreadable) escapes, never a runtime exception from damage.
 * Exceptions thrown by the caller's own visitor or classifier are passed through unchanged.
 */
public final class Scanners {
    private Scanners() {
    }

    public static void scan(CaptureSource source, ScanContext ctx) throws IOException {
        try {
            if (source.format == Format.PCAPNG) {
                PcapngScanner.scan(ctx);
            } else {
                PcapScanner.scan(ctx, source.format, source.pcapOrder);
            }
        } catch (ScanContext.SinkFailure e) {
            throw e.getCause();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            ctx.warn(source.data.size(), ReadWarning.Kind.INCOMPLETE, "reading stopped after " + ctx.packets()
                    + " packets by an unexpected error: " + e);
        }
        if (source.compressionProblem != null) {
            ctx.warn(source.data.size(), ReadWarning.Kind.COMPRESSION, source.compressionProblem);
        }
    }

    /**
     * One chunk of a parallel pcap pass ({@link PcapScanner#scanRange}): the visitor's own exceptions pass through
     * unchanged; any other failure returns -1, which makes the caller distrust the split and read sequentially.
     */
    public static long scanPcapRange(CaptureSource source, ScanContext ctx, long start, long end) {
        try {
            return PcapScanner.scanRange(ctx, source.format, source.pcapOrder, start, end);
        } catch (ScanContext.SinkFailure e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}

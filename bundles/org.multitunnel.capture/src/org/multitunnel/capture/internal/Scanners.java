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
 * Exceptions thrown by the caller's own visitor or classifier are passed through unchanged, except the JVM's fault
 * for a mapped page that the file no longer has ({@link MappingFaults}), which may hit the scanner or the visitor
 * alike: when the file is found shorter than mapped (another program truncated it while it was read) the pass
 * ends there with a {@link ReadWarning.Kind#SHRANK} warning and everything read before is kept, as at the end of a
 * file that is still being written; a fault without a shrink (failing storage) is an {@link IOException}.
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
        } catch (ScanContext.Shrank e) {
            shrank(source, ctx, null);
        } catch (ScanContext.SinkFailure e) {
            throw e.getCause();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            ctx.warnings.add(source.data.size(), ReadWarning.Kind.INCOMPLETE, "reading stopped after " + ctx.packets()
                    + " packets by an unexpected error: " + e);
        } catch (InternalError e) {
            if (!MappingFaults.isMappingFault(e)) {
                throw e;
            }
            shrank(source, ctx, e);
        }
        if (source.compressionProblem != null) {
            ctx.warnings.add(source.data.size(), ReadWarning.Kind.COMPRESSION, source.compressionProblem);
        }
    }

    /** The error for a mapped page that could not be read although the file did not shrink. */
    public static IOException storageFailure(java.nio.file.Path path, InternalError fault) {
        if (!MappingFaults.isMappingFault(fault)) {
            throw fault;
        }
        return new IOException(path + ": the storage failed while the file was read (a mapped page could not be"
                + " read)", fault);
    }

    private static void shrank(CaptureSource source, ScanContext ctx, InternalError fault) throws IOException {
        long mapped = ctx.data.size();
        long now = ctx.data.currentSize();
        if (now >= mapped) {
            if (fault == null) {
                return; // it grew back meanwhile: nothing was misread
            }
            throw storageFailure(source.path, fault);
        }
        String cut = ctx.lastPacketEnd() > now ? String.format("; packet %d reached past the new end and was read"
                + " with zeros from byte %,d on", ctx.packets(), now) : "";
        ctx.warnings.add(now, ReadWarning.Kind.SHRANK, String.format("%s shrank from %,d to %,d bytes while it was"
                + " read (another program truncated it); reading stopped there and the packets read before are kept%s",
                source.path, mapped, now, cut), ctx.packets());
    }

    /**
     * One chunk of a parallel pcap pass ({@link PcapScanner#scanRange}): the visitor's own exceptions pass through
     * unchanged; any other failure — damage, or a file that shrank while it was read — returns -1, which makes the
     * caller distrust the split and read the file sequentially (where {@link #scan} reports it).
     */
    public static long scanPcapRange(CaptureSource source, ScanContext ctx, long start, long end) {
        try {
            return PcapScanner.scanRange(ctx, source.format, source.pcapOrder, start, end);
        } catch (ScanContext.SinkFailure e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            return -1;
        } catch (InternalError e) {
            if (!MappingFaults.isMappingFault(e)) {
                throw e;
            }
            return -1;
        }
    }
}

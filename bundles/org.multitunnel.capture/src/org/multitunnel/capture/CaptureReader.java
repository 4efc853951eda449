package org.multitunnel.capture;

import java.io.IOException;
import java.nio.file.Path;

import org.multitunnel.capture.internal.CaptureSource;
import org.multitunnel.capture.internal.InterfaceTable;
import org.multitunnel.capture.internal.ScanContext;
import org.multitunnel.capture.internal.Scanners;
import org.multitunnel.capture.internal.Warnings;

/**
 * One streaming pass over a capture without building an index, for work that looks at each packet once (bench,
 * analyze, conversion): memory stays constant whatever the file size. The visitor gets a reused
 * {@link PacketView} per packet and may stop the pass by returning {@code false}.
 */
public final class CaptureReader {
    private CaptureReader() {
    }

    /** Streams every packet of {@code file} to {@code visitor}. */
    public static ReadSummary read(Path file, PacketVisitor visitor) throws IOException {
        return read(file, visitor, OpenOptions.defaults());
    }

    /**
     * Streams every packet of {@code file} to {@code visitor} ({@code options.classifier()} is not used here).
     *
     * @throws NotACaptureFileException    the file is not pcap, pcapng or gzip
     * @throws DecompressionLimitException a gzip file reached a bound of {@code options.spill()}
     * @throws NotARegularFileException    a directory, FIFO, device or socket (nothing is opened)
     * @throws IOException                 the file cannot be read
     */
    public static ReadSummary read(Path file, PacketVisitor visitor, OpenOptions options) throws IOException {
        return read(CaptureSource.open(file, options), visitor, options);
    }

    /**
     * Streams every packet of a capture read from {@code stream} (a pipe, standard input; plain or gzip), which is
     * first copied into an unlinked spill file within {@code options.spill()}; the stream is not closed.
     * {@code name} stands for the stream in messages, e.g. {@code "standard input"}.
     *
     * @throws NotACaptureFileException    the stream does not start as pcap, pcapng or gzip
     * @throws DecompressionLimitException the stream reached a bound of {@code options.spill()}
     */
    public static ReadSummary read(java.io.InputStream stream, String name, PacketVisitor visitor,
            OpenOptions options) throws IOException {
        return read(CaptureSource.open(stream, name, options, () -> false), visitor, options);
    }

    private static ReadSummary read(CaptureSource opened, PacketVisitor visitor, OpenOptions options)
            throws IOException {
        try (CaptureSource source = opened) {
            Warnings warnings = new Warnings(options.maxWarnings());
            InterfaceTable interfaces = new InterfaceTable();
            ScanContext ctx = new ScanContext(source.data, warnings, interfaces, visitor, null);
            Scanners.scan(source, ctx);
            return new ReadSummary(source.format, source.compressed, ctx.packets(), ctx.capturedBytes(),
                    source.data.size(), interfaces.list(), warnings.snapshot(), ctx.stopped());
        }
    }
}

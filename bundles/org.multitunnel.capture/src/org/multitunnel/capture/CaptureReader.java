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
     * @throws NotACaptureFileException the file is not pcap, pcapng or gzip
     * @throws IOException              the file cannot be read
     */
    public static ReadSummary read(Path file, PacketVisitor visitor, OpenOptions options) throws IOException {
        try (CaptureSource source = CaptureSource.open(file, options.windowBytes())) {
            Warnings warnings = new Warnings(options.maxWarnings());
            InterfaceTable interfaces = new InterfaceTable();
            ScanContext ctx = new ScanContext(source.data, warnings, interfaces, visitor, null);
            Scanners.scan(source, ctx);
            return new ReadSummary(source.format, source.compressed, ctx.packets(), ctx.capturedBytes(),
                    source.data.size(), interfaces.list(), warnings.snapshot(), ctx.stopped());
        }
    }
}

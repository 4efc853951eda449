package org.multitunnel.capture.bench;

import java.io.IOException;
import java.nio.file.Path;

import org.multitunnel.capture.CaptureFile;
import org.multitunnel.capture.CaptureReader;
import org.multitunnel.capture.OpenOptions;
import org.multitunnel.capture.IndexClassifier;
import org.multitunnel.capture.ReadSummary;

/**
 * Measures how fast the capture engine reads a file, for the CLI {@code bench} command and the comparison
 * with tshark and tcpdump (timing lives here, never in unit tests). {@link #readAndIndex} is open + full index (what
 * the GUI does), {@link #stream} one streaming pass that touches every packet byte's first and last word.
 */
public final class ReadBench {
    /**
     * @param packets   packets read
     * @param bytes     bytes of capture scanned (decompressed size for gzip)
     * @param seconds   wall-clock time of the pass
     * @param warnings  warnings the reader reported
     * @param indexBytes heap held by the packet index (0 for streaming)
     */
    public record Result(String mode, long packets, long bytes, double seconds, int warnings, long indexBytes) {
        public double packetsPerSecond() {
            return seconds > 0 ? packets / seconds : 0;
        }

        public double megabytesPerSecond() {
            return seconds > 0 ? bytes / 1e6 / seconds : 0;
        }

        @Override
        public String toString() {
            return String.format("%-14s %,12d packets %,15d bytes %8.3f s %,14.0f packets/s %9.1f MB/s%s", mode,
                    packets, bytes, seconds, packetsPerSecond(), megabytesPerSecond(),
                    indexBytes > 0 ? String.format(" index %,d bytes", indexBytes) : "");
        }
    }

    private ReadBench() {
    }

    /** Opens and fully indexes {@code file} with {@code classifier} (use {@link IndexClassifier#NONE}). */
    public static Result readAndIndex(Path file, IndexClassifier classifier) throws IOException {
        long t0 = System.nanoTime();
        try (CaptureFile f = CaptureFile.open(file, OpenOptions.defaults().withClassifier(classifier))) {
            double s = (System.nanoTime() - t0) / 1e9;
            return new Result("read+index", f.packetCount(), f.sizeBytes(), s, f.warnings().size(), f.indexBytes());
        }
    }

    /** One streaming pass without an index. */
    public static Result stream(Path file) throws IOException {
        long[] sink = new long[1];
        long t0 = System.nanoTime();
        ReadSummary summary = CaptureReader.read(file, p -> {
            if (p.capturedLength() >= 4) {
                sink[0] += p.i32(0) ^ p.i32(p.capturedLength() - 4);
            }
            return true;
        });
        double s = (System.nanoTime() - t0) / 1e9;
        if (sink[0] == 42) {
            System.out.print(""); // keeps the reads alive
        }
        return new Result("stream", summary.packets(), summary.fileBytes(), s, summary.warnings().size(), 0);
    }

    /** {@code java ... ReadBench FILE [repeats]}: prints both modes, best of the repeats. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ReadBench FILE [repeats]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Result bestIndex = null;
        Result bestStream = null;
        for (int i = 0; i < repeats; i++) {
            Result r = readAndIndex(file, IndexClassifier.NONE);
            bestIndex = bestIndex == null || r.seconds() < bestIndex.seconds() ? r : bestIndex;
            Result s = stream(file);
            bestStream = bestStream == null || s.seconds() < bestStream.seconds() ? s : bestStream;
        }
        System.out.println(bestIndex);
        System.out.println(bestStream);
    }
}

package org.multitunnel.capture.internal;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.multitunnel.capture.DecompressionLimitException;
import org.multitunnel.capture.Format;
import org.multitunnel.capture.NotACaptureFileException;
import org.multitunnel.capture.NotARegularFileException;
import org.multitunnel.capture.OpenOptions;
import org.multitunnel.capture.internal.pcapng.PcapngScanner;

/**
 * Opens a path (a regular file only) or a stream as mapped capture bytes and recognises the format from its magic
 * number, decompressing gzip (or copying a stream) first into a spill file within bounds ({@link Spill}) because
 * mapping needs plain bytes.
 * {@link #probe} answers "which format, or not a capture at all" from the first bytes only, so a UI can reject a
 * wrong file at once and leave the (possibly long) decompression to a background thread.
 */
public final class CaptureSource implements Closeable {
    public static final int PCAP_MAGIC_MICRO = 0xA1B2C3D4;
    public static final int PCAP_MAGIC_NANO = 0xA1B23C4D;
    public static final int PCAP_MAGIC_MODIFIED = 0xA1B2CD34;
    public static final int PCAPNG_SHB = 0x0A0D0D0A;
    /** Bytes the format check needs: pcapng type, length and byte-order magic. */
    private static final int HEAD = 12;

    /** Result of looking at the first bytes. */
    public record Kind(Format format, ByteOrder pcapOrder, boolean compressed) {
    }

    public final Path path;
    public final Format format;
    /** Byte order of a pcap file header; for pcapng each section declares its own. */
    public final ByteOrder pcapOrder;
    public final boolean compressed;
    public final MappedCapture data;
    /** Gzip damage, or null. */
    public final String compressionProblem;

    private CaptureSource(Path path, Kind kind, MappedCapture data, String compressionProblem) {
        this.path = path;
        this.format = kind.format();
        this.pcapOrder = kind.pcapOrder();
        this.compressed = kind.compressed();
        this.data = data;
        this.compressionProblem = compressionProblem;
    }

    /**
     * Recognises the capture from its first bytes (decompressing only those for gzip).
     *
     * @throws NotACaptureFileException with a message naming the file and what was found
     * @throws NotARegularFileException a directory, FIFO, device or socket (nothing is opened)
     */
    public static Kind probe(Path path) throws IOException {
        InputFiles.requireReadableRegularFile(path);
        byte[] head = readHead(Files.newInputStream(path));
        if (isGzip(head)) {
            byte[] inner;
            try {
                inner = readHead(new GZIPInputStream(Files.newInputStream(path)));
            } catch (EOFException | ZipException e) {
                inner = new byte[0];
            }
            return detect(inner, inner.length, "decompressed content of " + path, true, null);
        }
        return detect(head, Files.size(path), path.toString(), false, null);
    }

    public static CaptureSource open(Path path, OpenOptions options) throws IOException {
        return open(path, options, () -> false);
    }

    /**
     * Opens a regular file for reading; {@code cancelled} is polled while a gzip file is decompressed.
     *
     * @throws NotARegularFileException    a directory, FIFO, device or socket (nothing is opened)
     * @throws NotACaptureFileException    not pcap, pcapng or gzip of one of them
     * @throws DecompressionLimitException a gzip file reached a bound of {@code options.spill()}
     */
    public static CaptureSource open(Path path, OpenOptions options, BooleanSupplier cancelled) throws IOException {
        InputFiles.requireReadableRegularFile(path);
        boolean gzip = isGzip(readHead(Files.newInputStream(path)));
        if (gzip) {
            Spill.CountingInputStream raw = new Spill.CountingInputStream(Files.newInputStream(path));
            try (raw; InputStream in = gunzip(raw)) {
                return spilled(path, path.toString(), in, raw, options, cancelled);
            }
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(HEAD, size));
            while (head.hasRemaining() && ch.read(head, head.position()) > 0) {
                // read the first bytes
            }
            Kind kind = detect(head.array(), size, path.toString(), false, null);
            return new CaptureSource(path, kind, new MappedCapture(ch, size, options.windowBytes()), null);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Reads a capture from a stream (a pipe, standard input), plain or gzip-compressed: the bytes are copied into
     * an unlinked spill file within {@code options.spill()} and mapped. {@code name} stands for the stream in
     * messages and in {@link #path} (a relative name such as {@code "-"} or {@code "standard input"}).
     */
    public static CaptureSource open(InputStream stream, String name, OpenOptions options, BooleanSupplier cancelled)
            throws IOException {
        BufferedInputStream in = new BufferedInputStream(stream, 1 << 16);
        in.mark(2);
        byte[] magic = in.readNBytes(2);
        in.reset();
        if (isGzip(magic)) {
            Spill.CountingInputStream raw = new Spill.CountingInputStream(in);
            return spilled(Path.of(name), name, gunzip(raw), raw, options, cancelled);
        }
        return spilled(Path.of(name), name, in, null, options, cancelled);
    }

    /** A gzip stream; a damaged header gives an empty stream whose first read reports the damage. */
    private static InputStream gunzip(InputStream raw) throws IOException {
        try {
            return new GZIPInputStream(raw, 1 << 16);
        } catch (EOFException | ZipException e) {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    throw e;
                }
            };
        }
    }

    private static CaptureSource spilled(Path path, String name, InputStream in, Spill.CountingInputStream raw,
            OpenOptions options, BooleanSupplier cancelled) throws IOException {
        boolean compressed = raw != null;
        String what = compressed ? "decompressed content of " + name : name;
        Spill.Result spill = Spill.copy(in, raw, name, options.spill(), HEAD,
                head -> detect(head, Long.MAX_VALUE, what, compressed, null), cancelled);
        FileChannel ch = spill.channel();
        try {
            long size = ch.size();
            Kind kind = detect(spill.head(), size, what, compressed, spill.problem());
            return new CaptureSource(path, kind, new MappedCapture(ch, size, options.windowBytes()),
                    spill.problem());
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The same file mapped up to {@code newSize} (it grew); see {@link MappedCapture#grown}. */
    public CaptureSource grown(long newSize) {
        return new CaptureSource(path, new Kind(format, pcapOrder, compressed), data.grown(newSize),
                compressionProblem);
    }

    private static Kind detect(byte[] head, long size, String what, boolean compressed, String problem)
            throws NotACaptureFileException {
        if (size < 4 || head.length < 4) {
            throw new NotACaptureFileException(what + ": not a capture file: "
                    + (size == 0 ? "it is empty" : "only " + size + " bytes")
                    + (problem != null ? " (" + problem + ")" : ""));
        }
        ByteBuffer b = ByteBuffer.wrap(head);
        int magic = b.getInt(0);
        if (magic == PCAPNG_SHB) {
            if (head.length >= HEAD) {
                int bom = b.getInt(8);
                if (bom != PcapngScanner.BYTE_ORDER_MAGIC && bom != Integer.reverseBytes(PcapngScanner.BYTE_ORDER_MAGIC)) {
                    throw new NotACaptureFileException(String.format("%s: not a capture file: starts like pcapng but"
                            + " the section header's byte-order magic is 0x%08x instead of 0x1a2b3c4d", what, bom));
                }
            }
            return new Kind(Format.PCAPNG, ByteOrder.BIG_ENDIAN, compressed);
        }
        Format f = pcapFormat(magic);
        if (f != null) {
            return new Kind(f, ByteOrder.BIG_ENDIAN, compressed);
        }
        f = pcapFormat(Integer.reverseBytes(magic));
        if (f != null) {
            return new Kind(f, ByteOrder.LITTLE_ENDIAN, compressed);
        }
        if (compressed && isGzip(head)) {
            throw new NotACaptureFileException(what + ": not a capture file: gzip inside gzip is not supported");
        }
        throw new NotACaptureFileException(String.format("%s: not a capture file: unknown magic number 0x%08x"
                + " (expected pcap a1b2c3d4/a1b23c4d, pcapng 0a0d0d0a or gzip 1f8b)", what, magic));
    }

    private static Format pcapFormat(int magic) {
        return switch (magic) {
            case PCAP_MAGIC_MICRO -> Format.PCAP;
            case PCAP_MAGIC_NANO -> Format.PCAP_NANOSECONDS;
            case PCAP_MAGIC_MODIFIED -> Format.PCAP_MODIFIED;
            default -> null;
        };
    }

    private static boolean isGzip(byte[] head) {
        return head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B;
    }

    private static byte[] readHead(InputStream stream) throws IOException {
        try (InputStream in = stream) {
            return in.readNBytes(HEAD);
        }
    }

    @Override
    public void close() throws IOException {
        data.close();
    }
}

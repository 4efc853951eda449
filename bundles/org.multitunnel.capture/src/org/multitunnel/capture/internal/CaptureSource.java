package org.multitunnel.capture.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.multitunnel.capture.Format;
import org.multitunnel.capture.NotACaptureFileException;
import org.multitunnel.capture.internal.pcapng.PcapngScanner;

/**
 * Opens a path as mapped capture bytes and recognises the format from its magic number, decompressing gzip first
 * into a spill file (deleted as soon as it is open, so nothing is left behind) because mapping needs plain bytes.
 */
public final class CaptureSource implements Closeable {
    public static final int PCAP_MAGIC_MICRO = 0xA1B2C3D4;
    public static final int PCAP_MAGIC_NANO = 0xA1B23C4D;
    public static final int PCAP_MAGIC_MODIFIED = 0xA1B2CD34;
    public static final int PCAPNG_SHB = 0x0A0D0D0A;

    public final Path path;
    public final Format format;
    /** Byte order of a pcap file header; for pcapng each section declares its own. */
    public final ByteOrder pcapOrder;
    public final boolean compressed;
    public final MappedCapture data;
    /** Gzip damage, or null. */
    public final String compressionProblem;

    private CaptureSource(Path path, Format format, ByteOrder pcapOrder, boolean compressed, MappedCapture data,
            String compressionProblem) {
        this.path = path;
        this.format = format;
        this.pcapOrder = pcapOrder;
        this.compressed = compressed;
        this.data = data;
        this.compressionProblem = compressionProblem;
    }

    public static CaptureSource open(Path path, long windowBytes) throws IOException {
        byte[] head = readHead(path);
        if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
            GzipSpill.Result spill = GzipSpill.decompress(path);
            try {
                return openPlain(path, spill.channel(), true, spill.problem(), windowBytes);
            } catch (IOException | RuntimeException e) {
                spill.channel().close();
                throw e;
            }
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return openPlain(path, ch, false, null, windowBytes);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static CaptureSource openPlain(Path path, FileChannel ch, boolean compressed, String problem,
            long windowBytes) throws IOException {
        long size = ch.size();
        String what = compressed ? "decompressed content of " + path : path.toString();
        if (size < 4) {
            throw new NotACaptureFileException(what + ": not a capture file: "
                    + (size == 0 ? "it is empty" : "only " + size + " bytes")
                    + (problem != null ? " (" + problem + ")" : ""));
        }
        ByteBuffer magicBuf = ByteBuffer.allocate(4);
        while (magicBuf.hasRemaining() && ch.read(magicBuf, magicBuf.position()) > 0) {
            // read the 4 magic bytes
        }
        int magic = magicBuf.getInt(0);
        Format format;
        ByteOrder order = ByteOrder.BIG_ENDIAN;
        if (magic == PCAPNG_SHB) {
            format = Format.PCAPNG;
            if (size >= 12) {
                ByteBuffer bom = ByteBuffer.allocate(4);
                while (bom.hasRemaining() && ch.read(bom, 8 + bom.position()) > 0) {
                    // read the byte-order magic
                }
                int v = bom.getInt(0);
                if (v != PcapngScanner.BYTE_ORDER_MAGIC && v != Integer.reverseBytes(PcapngScanner.BYTE_ORDER_MAGIC)) {
                    throw new NotACaptureFileException(String.format("%s: not a capture file: starts like pcapng but"
                            + " the section header's byte-order magic is 0x%08x instead of 0x1a2b3c4d", what, v));
                }
            }
        } else if ((format = pcapFormat(magic)) != null) {
            order = ByteOrder.BIG_ENDIAN;
        } else if ((format = pcapFormat(Integer.reverseBytes(magic))) != null) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (compressed && (magic >>> 16) == 0x1F8B) {
            throw new NotACaptureFileException(what + ": not a capture file: gzip inside gzip is not supported");
        } else {
            throw new NotACaptureFileException(String.format(
                    "%s: not a capture file: unknown magic number 0x%08x (expected pcap a1b2c3d4/a1b23c4d, "
                            + "pcapng 0a0d0d0a or gzip 1f8b)", what, magic));
        }
        return new CaptureSource(path, format, order, compressed, new MappedCapture(ch, size, windowBytes), problem);
    }

    private static Format pcapFormat(int magic) {
        return switch (magic) {
            case PCAP_MAGIC_MICRO -> Format.PCAP;
            case PCAP_MAGIC_NANO -> Format.PCAP_NANOSECONDS;
            case PCAP_MAGIC_MODIFIED -> Format.PCAP_MODIFIED;
            default -> null;
        };
    }

    private static byte[] readHead(Path path) throws IOException {
        try (var in = Files.newInputStream(path)) {
            return in.readNBytes(4);
        }
    }

    @Override
    public void close() throws IOException {
        data.close();
    }
}

package org.multitunnel.capture.write;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * Streams packets into a classic libpcap file (µs or ns timestamps) for tools that do not read pcapng, and for
 * agents and the traffic synthesizer that record a single link type. Buffered; no allocation per packet.
 * Packets longer than the snapshot length are truncated to it (the original length is kept), as a capture would.
 */
public final class PcapWriter implements Closeable, Flushable {
    /** Timestamp precision of the file: selects the magic a1b2c3d4 (µs) or a1b23c4d (ns). */
    public enum Precision {
        MICROSECONDS, NANOSECONDS
    }

    public static final int DEFAULT_SNAPLEN = 262_144;
    private static final long MAX_SECONDS = 0xFFFF_FFFFL;

    private final BlockBuffer out;
    private final int snapLength;
    private final Precision precision;
    private long packets;

    /**
     * Writes the 24-byte file header at once.
     *
     * @param order byte order of headers (readers accept both; little-endian is the common choice)
     */
    public PcapWriter(WritableByteChannel channel, int linkType, int snapLength, Precision precision,
            ByteOrder order) throws IOException {
        if (snapLength <= 0) {
            throw new IllegalArgumentException("snapLength must be positive: " + snapLength);
        }
        this.out = new BlockBuffer(channel, order);
        this.snapLength = snapLength;
        this.precision = precision;
        ByteBuffer b = out.room(24);
        b.putInt(precision == Precision.NANOSECONDS ? 0xA1B23C4D : 0xA1B2C3D4); // magic
        b.putShort((short) 2); // version major
        b.putShort((short) 4); // version minor
        b.putInt(0); // thiszone
        b.putInt(0); // sigfigs
        b.putInt(snapLength);
        b.putInt(linkType);
    }

    /** Creates {@code file} (gzip-compressed if asked), little-endian headers. */
    public static PcapWriter create(Path file, int linkType, int snapLength, Precision precision, boolean gzip)
            throws IOException {
        WritableByteChannel ch = CaptureOutput.create(file, gzip);
        try {
            return new PcapWriter(ch, linkType, snapLength, precision, ByteOrder.LITTLE_ENDIAN);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Appends one packet: the bytes from {@code data}'s position to its limit (position unchanged).
     *
     * @param timestampNanos ns since the epoch, 0 .. 2^32 s (pcap stores unsigned 32-bit seconds)
     * @param originalLength length on the wire (≥ the captured bytes; smaller values are raised to them)
     */
    public void write(long timestampNanos, ByteBuffer data, int originalLength) throws IOException {
        long seconds = timestampNanos / 1_000_000_000L;
        if (timestampNanos < 0 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("timestamp outside the pcap range (0 .. 2^32 s): " + timestampNanos);
        }
        long nanos = timestampNanos % 1_000_000_000L;
        int caplen = Math.min(data.remaining(), snapLength);
        ByteBuffer b = out.room(16);
        b.putInt((int) seconds);
        b.putInt((int) (precision == Precision.NANOSECONDS ? nanos : nanos / 1000));
        b.putInt(caplen);
        b.putInt(Math.max(originalLength, data.remaining()));
        out.put(data, caplen);
        packets++;
    }

    /** Appends {@code length} bytes of {@code data} from {@code offset} as one packet. */
    public void write(long timestampNanos, byte[] data, int offset, int length, int originalLength)
            throws IOException {
        write(timestampNanos, ByteBuffer.wrap(data, offset, length), originalLength);
    }

    public long packetsWritten() {
        return packets;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

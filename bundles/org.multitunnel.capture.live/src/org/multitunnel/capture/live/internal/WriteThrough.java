package org.multitunnel.capture.live.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

import org.multitunnel.capture.write.PcapngWriter;

/**
 * The live capture's pcapng file: every packet is appended on the capture thread before the listener sees it, and
 * the buffer is flushed to the OS at least every flush interval (by whichever thread notices first), so a crash
 * loses at most that interval and a slow listener loses nothing from the file. Synchronized because the capture
 * thread writes while the delivery thread flushes during quiet periods.
 */
public final class WriteThrough implements AutoCloseable {
    private final PcapngWriter writer;
    private final int interfaceId;
    private final long flushIntervalNanos;
    private long lastFlush = System.nanoTime();
    private boolean dirty;
    private boolean closed;

    private WriteThrough(PcapngWriter writer, int interfaceId, long flushIntervalNanos) {
        this.writer = writer;
        this.interfaceId = interfaceId;
        this.flushIntervalNanos = flushIntervalNanos;
    }

    /**
     * Creates the file with one interface description block and flushes the headers at once; the section header
     * records {@code mipPorts} as the file's Mobile IP ports (multitunnel:decode-as comments).
     */
    public static WriteThrough create(Path file, int linkType, int snapLength, String interfaceName, String comment,
            List<Integer> mipPorts, long flushIntervalMillis) throws IOException {
        PcapngWriter w = PcapngWriter.create(file, comment, mipPorts, false);
        try {
            int id = w.addInterface(linkType, snapLength, interfaceName);
            w.flush();
            return new WriteThrough(w, id, flushIntervalMillis * 1_000_000L);
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
    }

    public synchronized void write(long timestampNanos, byte[] data, int originalLength) throws IOException {
        writer.write(interfaceId, Math.max(0, timestampNanos), ByteBuffer.wrap(data), originalLength);
        dirty = true;
        flushIfDueLocked();
    }

    /** Flushes if the interval has passed since the last flush and something was written. */
    public synchronized void flushIfDue() throws IOException {
        flushIfDueLocked();
    }

    private void flushIfDueLocked() throws IOException {
        if (dirty && !closed && System.nanoTime() - lastFlush >= flushIntervalNanos) {
            writer.flush();
            dirty = false;
            lastFlush = System.nanoTime();
        }
    }

    public synchronized long packetsWritten() {
        return writer.packetsWritten();
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            writer.close();
        }
    }
}

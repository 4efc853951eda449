package org.multitunnel.capture.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/**
 * The buffered, allocation-free byte sink shared by the capture writers: headers are put into one reusable buffer
 * and packet bytes are copied in (or written straight through when larger than the buffer).
 */
final class BlockBuffer {
    static final int CAPACITY = 256 << 10;

    private final WritableByteChannel out;
    private final ByteBuffer buf;

    BlockBuffer(WritableByteChannel out, ByteOrder order) {
        this.out = out;
        this.buf = ByteBuffer.allocate(CAPACITY).order(order);
    }

    /** Makes room for {@code n} bytes of headers (n <= CAPACITY). */
    ByteBuffer room(int n) throws IOException {
        if (buf.remaining() < n) {
            drain();
        }
        return buf;
    }

    /** Appends {@code length} bytes of {@code data} starting at its position (the position is not changed). */
    void put(ByteBuffer data, int length) throws IOException {
        if (length <= buf.remaining()) {
            buf.put(buf.position(), data, data.position(), length);
            buf.position(buf.position() + length);
            return;
        }
        drain();
        if (length <= buf.capacity() / 2) {
            buf.put(buf.position(), data, data.position(), length);
            buf.position(buf.position() + length);
            return;
        }
        ByteBuffer d = data.slice(data.position(), length);
        while (d.hasRemaining()) {
            out.write(d);
        }
    }

    void put(byte[] data, int offset, int length) throws IOException {
        put(ByteBuffer.wrap(data, offset, length), length);
    }

    void zeros(int n) throws IOException {
        ByteBuffer b = room(n);
        for (int i = 0; i < n; i++) {
            b.put((byte) 0);
        }
    }

    void drain() throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            out.write(buf);
        }
        buf.clear();
    }

    /** Writes the buffered bytes and flushes a flushable sink (gzip: sync flush). */
    void flush() throws IOException {
        drain();
        if (out instanceof java.io.Flushable f) {
            f.flush();
        }
    }

    void close() throws IOException {
        try {
            drain();
        } finally {
            out.close();
        }
    }
}

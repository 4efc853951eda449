package org.multitunnel.capture.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Zero-copy access to a capture file of any size through memory-mapped windows, because one MappedByteBuffer stops
 * at 2 GiB. Window {@code k} starts at {@code k * step} and is {@link #OVERLAP} bytes longer than the step, so any
 * record of at most {@link #MAX_RECORD_DATA} bytes that <em>starts</em> in window {@code k} lies wholly inside it:
 * record reads never straddle two buffers and need no copying. Windows are mapped lazily and kept until close
 * (the JDK unmaps them when they become unreachable). Thread-safe.
 */
public final class MappedCapture implements Closeable {
    /** Largest packet (captured bytes) the readers accept; larger lengths are treated as damage. */
    public static final int MAX_RECORD_DATA = 16 << 20;
    /** Extra bytes each window maps beyond its step: the largest record plus room for its header. */
    public static final int OVERLAP = MAX_RECORD_DATA + (64 << 10);

    private final FileChannel channel;
    private final long size;
    private final long step;
    private final AtomicReferenceArray<ByteBuffer> bigEndian;
    private final AtomicReferenceArray<ByteBuffer> littleEndian;

    public MappedCapture(FileChannel channel, long size, long step) {
        if (step <= 0 || step > Integer.MAX_VALUE - OVERLAP) {
            throw new IllegalArgumentException("window step out of range: " + step);
        }
        this.channel = channel;
        this.size = size;
        this.step = step;
        long windows = size == 0 ? 0 : (size - 1) / step + 1;
        if (windows > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("file too large for window step " + step + ": " + size);
        }
        this.bigEndian = new AtomicReferenceArray<>((int) windows);
        this.littleEndian = new AtomicReferenceArray<>((int) windows);
    }

    /**
     * A mapping of the same channel up to {@code newSize}, for a file that grew (live capture write-through). This
     * one stays valid for buffers already handed out; only the newest one should be closed (it closes the channel).
     */
    public MappedCapture grown(long newSize) {
        return new MappedCapture(channel, newSize, step);
    }

    /** Bytes mapped (the file's size when it was opened or last grew). */
    public long size() {
        return size;
    }

    /** The file's size now, which is smaller than {@link #size()} if another program truncated it. */
    public long currentSize() throws IOException {
        return channel.size();
    }

    public long step() {
        return step;
    }

    /** Window holding a record that starts at {@code pos}. */
    public int windowIndex(long pos) {
        return (int) (pos / step);
    }

    public long windowBase(int k) {
        return k * step;
    }

    /** Window {@code k} as a read-only buffer in the given byte order; position 0 is file offset k*step. */
    public ByteBuffer window(int k, ByteOrder order) {
        AtomicReferenceArray<ByteBuffer> cache = order == ByteOrder.BIG_ENDIAN ? bigEndian : littleEndian;
        ByteBuffer b = cache.get(k);
        if (b == null) {
            b = map(k).order(order);
            if (!cache.compareAndSet(k, null, b)) {
                b = cache.get(k);
            }
        }
        return b;
    }

    private ByteBuffer map(int k) {
        ByteBuffer other = bigEndian.get(k);
        if (other == null) {
            other = littleEndian.get(k);
        }
        if (other != null) {
            return other.duplicate();
        }
        long base = windowBase(k);
        long len = Math.min(size - base, step + OVERLAP);
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, base, len);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot map bytes " + base + ".." + (base + len), e);
        }
    }

    /** Read-only big-endian slice of {@code length} bytes at file offset {@code pos} (must fit in one window). */
    public ByteBuffer slice(long pos, int length) {
        int k = windowIndex(pos);
        return window(k, ByteOrder.BIG_ENDIAN).slice((int) (pos - windowBase(k)), length);
    }

    /** Occasional read at any offset (block trailers, options, resynchronisation); {@code pos + 4 <= size}. */
    public int getInt(long pos, ByteOrder order) {
        int k = windowIndex(pos);
        return window(k, order).getInt((int) (pos - windowBase(k)));
    }

    public int getUnsignedShort(long pos, ByteOrder order) {
        int k = windowIndex(pos);
        return window(k, order).getShort((int) (pos - windowBase(k))) & 0xFFFF;
    }

    public long getLong(long pos, ByteOrder order) {
        int k = windowIndex(pos);
        return window(k, order).getLong((int) (pos - windowBase(k)));
    }

    public int getUnsignedByte(long pos) {
        int k = windowIndex(pos);
        return window(k, ByteOrder.BIG_ENDIAN).get((int) (pos - windowBase(k))) & 0xFF;
    }

    /** Drops the windows (unmapped by the JDK once unreachable) and closes the channel. */
    @Override
    public void close() throws IOException {
        for (int k = 0; k < bigEndian.length(); k++) {
            bigEndian.set(k, null);
            littleEndian.set(k, null);
        }
        channel.close();
    }
}

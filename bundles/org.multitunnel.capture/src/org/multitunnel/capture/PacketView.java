package org.multitunnel.capture;

import java.nio.ByteBuffer;
import java.util.function.IntFunction;

/**
 * A reusable, zero-copy window onto the current packet of a single pass, so visitors and classifiers can look at
 * millions of packets without one allocation each. The reader refills the same instance for every packet; it is
 * only valid during the callback. Read packet bytes with absolute gets:
 * {@code view.buffer().get(view.dataOffset() + i)} for {@code 0 <= i < view.capturedLength()}. The buffer is
 * read-only, big-endian (network order) and is shared: never change its position, limit or order.
 */
public final class PacketView {
    /** Looks up an interface by id (the reader's interface table), or null for a view made without one. */
    private final IntFunction<CaptureInterface> interfaces;
    private ByteBuffer buffer;
    private int dataOffset;
    private long index;
    private long fileOffset;
    private long timestampNanos;
    private int capturedLength;
    private int originalLength;
    private int interfaceId;
    private int linkType;

    /** A view that cannot name its packet's {@link #captureInterface()} (tests; see {@link CaptureFile#newView}). */
    public PacketView() {
        this(null);
    }

    /** A view whose {@link #captureInterface()} is looked up in {@code interfaces} (the readers' own views). */
    public PacketView(IntFunction<CaptureInterface> interfaces) {
        this.interfaces = interfaces;
    }

    /** Refills this view; called by the readers only. */
    public void set(ByteBuffer buffer, int dataOffset, long index, long fileOffset, long timestampNanos,
            int capturedLength, int originalLength, int interfaceId, int linkType) {
        this.buffer = buffer;
        this.dataOffset = dataOffset;
        this.index = index;
        this.fileOffset = fileOffset;
        this.timestampNanos = timestampNanos;
        this.capturedLength = capturedLength;
        this.originalLength = originalLength;
        this.interfaceId = interfaceId;
        this.linkType = linkType;
    }

    /** The shared read-only buffer holding the packet at {@link #dataOffset()}. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** Position of the packet's first byte in {@link #buffer()}. */
    public int dataOffset() {
        return dataOffset;
    }

    /** 0-based number of the packet in the file (counting only packets that were kept). */
    public long index() {
        return index;
    }

    /** Offset of the packet's first byte in the (decompressed) capture file. */
    public long fileOffset() {
        return fileOffset;
    }

    /** Capture time in nanoseconds since 1970-01-01T00:00Z (0 for pcapng simple packet blocks, which carry none). */
    public long timestampNanos() {
        return timestampNanos;
    }

    public int capturedLength() {
        return capturedLength;
    }

    public int originalLength() {
        return originalLength;
    }

    /** The packet's interface, an index into the capture's interface list. */
    public int interfaceId() {
        return interfaceId;
    }

    /**
     * The packet's interface with what the file records about it (e.g. its Decode As ports), or null when this view
     * was made without an interface table. No allocation: the reader's table entry.
     */
    public CaptureInterface captureInterface() {
        return interfaces == null ? null : interfaces.apply(interfaceId);
    }

    /** LINKTYPE_* of the packet's interface. */
    public int linkType() {
        return linkType;
    }

    /** Unsigned byte {@code i} of the packet (0-based). */
    public int u8(int i) {
        checkIndex(i, 1);
        return buffer.get(dataOffset + i) & 0xFF;
    }

    /** Big-endian unsigned 16-bit value at packet byte {@code i}. */
    public int u16(int i) {
        checkIndex(i, 2);
        return buffer.getShort(dataOffset + i) & 0xFFFF;
    }

    /** Big-endian 32-bit value at packet byte {@code i}. */
    public int i32(int i) {
        checkIndex(i, 4);
        return buffer.getInt(dataOffset + i);
    }

    /** A new read-only slice of just this packet (allocates one small object; use for keeping a reference). */
    public ByteBuffer slice() {
        return buffer.slice(dataOffset, capturedLength);
    }

    private void checkIndex(int i, int width) {
        if (i < 0 || i > capturedLength - width) {
            throw new IndexOutOfBoundsException("byte " + i + " (+" + width + ") outside packet of " + capturedLength);
        }
    }
}

package org.multitunnel.capture.index;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The per-packet table that lets a capture of millions of packets be browsed and dissected by number without
 * re-reading the file: one record per packet in primitive arrays (structure of arrays), no object per packet.
 *
 * <p><b>Memory per indexed packet: {@value #BYTES_PER_PACKET} bytes</b> — file offset of the packet data (long, 8),
 * timestamp in ns since the epoch (long, 8), captured length (int, 4), original length (int, 4), interface id
 * (unsigned 16 bits, 2) and classification bits (16 bits, 2). Arrays are allocated in pages of {@value #PAGE_SIZE}
 * packets, so growth never copies packet data and the only overhead is the array headers and the unused tail of the
 * last page (under 0.3 % of a full page; see {@link #allocatedBytes()}).
 *
 * <p>Concurrency: one writer thread appends; any number of reader threads may read entries below {@link #size()}.
 * The writer fills a record, then publishes the new size with release semantics; readers read the size with acquire
 * semantics, so every entry they can see is complete.
 */
public final class PacketIndex {
    public static final int PAGE_SHIFT = 13;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_SIZE - 1;
    /** Bytes of array storage per packet: offset + timestamp + captured length + original length + interface + bits. */
    public static final int BYTES_PER_PACKET = Long.BYTES + Long.BYTES + Integer.BYTES + Integer.BYTES
            + Character.BYTES + Short.BYTES;
    /** Largest number of packets one index holds. */
    public static final int MAX_PACKETS = Integer.MAX_VALUE - 1;
    /** Assumed size of an array object header (compressed-oops 64-bit JVM, rounded up). */
    static final int ARRAY_HEADER_BYTES = 16;

    private static final class Page {
        final long[] offset = new long[PAGE_SIZE];
        final long[] timestamp = new long[PAGE_SIZE];
        final int[] capturedLength = new int[PAGE_SIZE];
        final int[] originalLength = new int[PAGE_SIZE];
        final char[] interfaceId = new char[PAGE_SIZE];
        final short[] bits = new short[PAGE_SIZE];
    }

    private volatile Page[] pages = new Page[8];
    private final AtomicInteger size = new AtomicInteger();
    /** Writer-private copy of the size. */
    private int writerSize;

    /** Appends one packet (writer thread only). */
    public void add(long fileOffset, long timestampNanos, int capturedLength, int originalLength, int interfaceId,
            int bits) {
        int i = writerSize;
        if (i >= MAX_PACKETS) {
            throw new IllegalStateException("packet index is full at " + i + " packets");
        }
        int p = i >>> PAGE_SHIFT;
        Page[] ps = pages;
        if (p >= ps.length) {
            ps = Arrays.copyOf(ps, ps.length * 2);
            pages = ps;
        }
        Page page = ps[p];
        if (page == null) {
            page = new Page();
            ps[p] = page;
            pages = ps; // republish so readers that see the new size see the page
        }
        int j = i & PAGE_MASK;
        page.offset[j] = fileOffset;
        page.timestamp[j] = timestampNanos;
        page.capturedLength[j] = capturedLength;
        page.originalLength[j] = originalLength;
        page.interfaceId[j] = (char) interfaceId;
        page.bits[j] = (short) bits;
        writerSize = i + 1;
        size.lazySet(i + 1);
    }

    /** Number of packets indexed so far (grows while a background indexer runs). */
    public int size() {
        return size.get();
    }

    public long fileOffset(int i) {
        return page(i).offset[i & PAGE_MASK];
    }

    public long timestampNanos(int i) {
        return page(i).timestamp[i & PAGE_MASK];
    }

    public int capturedLength(int i) {
        return page(i).capturedLength[i & PAGE_MASK];
    }

    public int originalLength(int i) {
        return page(i).originalLength[i & PAGE_MASK];
    }

    public int interfaceId(int i) {
        return page(i).interfaceId[i & PAGE_MASK];
    }

    /** The classification bits stored for packet {@code i} (16 bits, zero-extended). */
    public int bits(int i) {
        return page(i).bits[i & PAGE_MASK] & 0xFFFF;
    }

    private Page page(int i) {
        Objects.checkIndex(i, size.get());
        return pages[i >>> PAGE_SHIFT];
    }

    /**
     * Heap bytes held by the index, computed from the actual arrays: element storage of every allocated page (exact)
     * plus an estimate of {@value #ARRAY_HEADER_BYTES} bytes per array header and the page directory.
     */
    public long allocatedBytes() {
        Page[] ps = pages;
        long total = ARRAY_HEADER_BYTES + (long) ps.length * Integer.BYTES;
        for (Page p : ps) {
            if (p != null) {
                total += ARRAY_HEADER_BYTES // the Page object itself
                        + 6L * ARRAY_HEADER_BYTES
                        + (long) p.offset.length * Long.BYTES
                        + (long) p.timestamp.length * Long.BYTES
                        + (long) p.capturedLength.length * Integer.BYTES
                        + (long) p.originalLength.length * Integer.BYTES
                        + (long) p.interfaceId.length * Character.BYTES
                        + (long) p.bits.length * Short.BYTES;
            }
        }
        return total;
    }
}

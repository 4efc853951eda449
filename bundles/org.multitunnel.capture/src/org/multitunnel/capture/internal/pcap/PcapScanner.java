package org.multitunnel.capture.internal.pcap;

import static org.multitunnel.capture.ReadWarning.Kind.BAD_BLOCK;
import static org.multitunnel.capture.ReadWarning.Kind.BAD_LENGTH;
import static org.multitunnel.capture.ReadWarning.Kind.CAPLEN_EXCEEDS_SNAPLEN;
import static org.multitunnel.capture.ReadWarning.Kind.INCOMPLETE;
import static org.multitunnel.capture.ReadWarning.Kind.RESYNCHRONISED;
import static org.multitunnel.capture.ReadWarning.Kind.TRUNCATED;
import static org.multitunnel.capture.ReadWarning.Kind.ZERO_LENGTH;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.multitunnel.capture.Format;
import org.multitunnel.capture.internal.MappedCapture;
import org.multitunnel.capture.internal.ScanContext;

/**
 * Walks the records of a classic libpcap file in one pass straight from the mapped windows (absolute gets, no
 * copies, no per-packet objects). Damage handling: a truncated last record ends the pass with a warning; an
 * impossible captured length triggers a bounded search for the next plausible record (two consecutive consistent
 * headers, or one that ends exactly at end of file) so packets after the damage are kept when they can be found.
 *
 * <pre>
 * file header (24 bytes): magic u32 | version major u16 | minor u16 | thiszone i32 | sigfigs u32 | snaplen u32 |
 *                         linktype u32 (low 26 bits; upper bits carry FCS flags)
 * record header (16 bytes, 24 for the "modified" a1b2cd34 format): ts_sec u32 | ts_frac u32 (µs or ns) |
 *                         caplen u32 | len u32, then caplen bytes of packet data
 * </pre>
 */
public final class PcapScanner {
    public static final int FILE_HEADER_LENGTH = 24;
    /** How far past a damaged record the scanner looks for the next plausible one. */
    public static final int RESYNC_SEARCH_BYTES = 4 << 20;
    private static final long MASK32 = 0xFFFF_FFFFL;
    private static final long RESYNC_MAX_TIME_JUMP_SECONDS = 86_400;

    private final ScanContext ctx;
    private final MappedCapture data;
    private final ByteOrder order;
    private final int headerLength;
    private final long fracToNanos;
    private final long fracLimit;
    private int snapLength;
    private long lastSeconds = -1;

    private PcapScanner(ScanContext ctx, Format format, ByteOrder order) {
        this.ctx = ctx;
        this.data = ctx.data;
        this.order = order;
        this.headerLength = format == Format.PCAP_MODIFIED ? 24 : 16;
        boolean nanos = format == Format.PCAP_NANOSECONDS;
        this.fracToNanos = nanos ? 1 : 1000;
        this.fracLimit = nanos ? 1_000_000_000L : 1_000_000L;
    }

    /** Records a parallel reader's boundary search must find in a row before it trusts an offset. */
    public static final int BOUNDARY_CHAIN = 16;

    /** Scans a whole pcap file whose magic already identified {@code format} and {@code order}. */
    public static void scan(ScanContext ctx, Format format, ByteOrder order) {
        PcapScanner s = new PcapScanner(ctx, format, order);
        if (s.header(format)) {
            s.loop(FILE_HEADER_LENGTH, Long.MAX_VALUE);
        }
    }

    /**
     * Scans one chunk of a pcap file for a parallel pass: the records from {@code start} (a record boundary found
     * by {@link #findBoundary}, or the end of the file header) up to the first one that would start at or after
     * {@code end}.
     *
     * @return {@code end} when the chunk ended exactly on the next chunk's first record (the boundary is then
     *         proven: both walks met there), otherwise the offset where the pass stopped (damage, a stopped visitor
     *         or the end of the file), which tells the caller to distrust the split
     */
    public static long scanRange(ScanContext ctx, Format format, ByteOrder order, long start, long end) {
        PcapScanner s = new PcapScanner(ctx, format, order);
        if (!s.header(format)) {
            return -1;
        }
        return s.loop(start, end);
    }

    /**
     * The first offset in [from, limit) where {@link #BOUNDARY_CHAIN} consecutive plausible record headers start
     * (or fewer that end exactly at the end of the file), or -1. Plausible: fraction below one second, captured
     * length at most the snapshot length and the original length, consecutive times within a day.
     */
    public static long findBoundary(MappedCapture data, Format format, ByteOrder order, long from, long limit) {
        PcapScanner s = new PcapScanner(new ScanContext(data, new org.multitunnel.capture.internal.Warnings(1),
                new org.multitunnel.capture.internal.InterfaceTable(), v -> true, null), format, order);
        if (data.size() < FILE_HEADER_LENGTH) {
            return -1;
        }
        s.snapLength = data.window(0, order).getInt(16);
        long end = Math.min(limit, data.size());
        for (long q = Math.max(from, FILE_HEADER_LENGTH); q < end; q++) {
            s.lastSeconds = -1;
            long p = q;
            int n = 0;
            while (n < BOUNDARY_CHAIN) {
                if (p == data.size()) {
                    break;
                }
                long e = s.plausibleEnd(p);
                if (e < 0) {
                    break;
                }
                s.lastSeconds = data.getInt(p, order) & MASK32;
                p = e;
                n++;
            }
            if (n == BOUNDARY_CHAIN || (n > 0 && p == data.size())) {
                return q;
            }
        }
        return -1;
    }

    /** Reads the file header and registers the interface; false (with a warning) when it is cut short. */
    private boolean header(Format format) {
        long size = data.size();
        if (size < FILE_HEADER_LENGTH) {
            ctx.warn(0, TRUNCATED, "pcap file header is truncated: " + size + " of " + FILE_HEADER_LENGTH + " bytes");
            return false;
        }
        ByteBuffer h = data.window(0, order);
        int major = h.getShort(4) & 0xFFFF;
        int minor = h.getShort(6) & 0xFFFF;
        snapLength = h.getInt(16);
        int linkType = h.getInt(20) & 0x03FF_FFFF;
        if (major != 2) {
            ctx.warn(4, BAD_BLOCK, "unexpected pcap version " + major + "." + minor + "; reading records as 2.4");
        }
        iface = ctx.interfaces.add(0, linkType, Math.max(snapLength, 0),
                format == Format.PCAP_NANOSECONDS ? 9 : 6, 0, "");
        this.linkType = linkType;
        return true;
    }

    private int iface;
    private int linkType;

    /** Walks records from {@code pos} until one would start at or after {@code end}; returns where it stopped. */
    private long loop(long pos, long end) {
        long size = data.size();
        int k = -1;
        ByteBuffer b = null;
        ByteBuffer be = null;
        long base = 0;
        while (true) {
            if (pos >= end) {
                return pos;
            }
            long remaining = size - pos;
            if (remaining == 0) {
                return pos;
            }
            if (remaining < headerLength) {
                ctx.warn(pos, TRUNCATED, "file ends inside a record header: " + remaining + " of " + headerLength
                        + " bytes");
                return pos;
            }
            int kk = data.windowIndex(pos);
            if (kk != k) {
                k = kk;
                b = data.window(k, order);
                be = data.window(k, ByteOrder.BIG_ENDIAN);
                base = data.windowBase(k);
            }
            int o = (int) (pos - base);
            long seconds = b.getInt(o) & MASK32;
            long frac = b.getInt(o + 4) & MASK32;
            int caplen = b.getInt(o + 8);
            int len = b.getInt(o + 12);
            if (caplen < 0 || caplen > MappedCapture.MAX_RECORD_DATA) {
                ctx.warn(pos, BAD_LENGTH, "record has impossible captured length " + Integer.toUnsignedString(caplen)
                        + " (limit " + MappedCapture.MAX_RECORD_DATA + ")");
                long at = pos;
                pos = resync(pos);
                if (pos < 0) {
                    return at;
                }
                continue;
            }
            if (caplen > remaining - headerLength) {
                ctx.warn(pos, TRUNCATED, "file ends inside a record: captured length " + caplen + " but only "
                        + (remaining - headerLength) + " bytes remain");
                return pos;
            }
            if (snapLength > 0 && caplen > snapLength) {
                ctx.warn(pos, CAPLEN_EXCEEDS_SNAPLEN, "captured length " + caplen + " exceeds snapshot length "
                        + snapLength + "; packet kept");
            } else if (caplen == 0) {
                ctx.warn(pos, ZERO_LENGTH, "record with 0 captured bytes (original length "
                        + Integer.toUnsignedString(len) + "); packet kept");
            }
            lastSeconds = seconds;
            long next = pos + headerLength + caplen;
            if (ctx.packets() == Integer.MAX_VALUE - 1) {
                ctx.warn(pos, INCOMPLETE, "stopped at " + ctx.packets() + " packets: too many for one capture");
                return pos;
            }
            if (!ctx.emit(be, o + headerLength, pos + headerLength, seconds * 1_000_000_000L + frac * fracToNanos,
                    caplen, len, iface, linkType, next)) {
                return next == end ? -1 : next; // stopped by the visitor: never a clean end of the chunk
            }
            pos = next;
        }
    }

    /** Offset of the next plausible record after damage at {@code damaged}, or -1 (with a warning) if none. */
    private long resync(long damaged) {
        long size = data.size();
        long limit = Math.min(size - headerLength, damaged + RESYNC_SEARCH_BYTES);
        for (long q = damaged + 1; q <= limit; q++) {
            long end = plausibleEnd(q);
            if (end < 0) {
                continue;
            }
            if (end == size || plausibleEnd(end) >= 0) {
                ctx.warn(damaged, RESYNCHRONISED, "skipped " + (q - damaged) + " damaged bytes; continuing with the"
                        + " record at offset " + q);
                return q;
            }
        }
        ctx.warn(damaged, BAD_LENGTH, "no valid record found within " + (limit - damaged) + " bytes after the damage;"
                + " ignoring the last " + (size - damaged) + " bytes of the file");
        return -1;
    }

    /** End offset of a consistent record header at {@code q}, or -1. */
    private long plausibleEnd(long q) {
        long size = data.size();
        if (q + headerLength > size) {
            return -1;
        }
        long seconds = data.getInt(q, order) & MASK32;
        long frac = data.getInt(q + 4, order) & MASK32;
        long caplen = data.getInt(q + 8, order) & MASK32;
        long len = data.getInt(q + 12, order) & MASK32;
        long maxCap = snapLength > 0 ? Math.min(snapLength, MappedCapture.MAX_RECORD_DATA)
                : MappedCapture.MAX_RECORD_DATA;
        if (frac >= fracLimit || caplen > maxCap || caplen > len || len > MappedCapture.MAX_RECORD_DATA) {
            return -1;
        }
        if (lastSeconds >= 0 && Math.abs(seconds - lastSeconds) > RESYNC_MAX_TIME_JUMP_SECONDS) {
            return -1;
        }
        long end = q + headerLength + caplen;
        return end <= size ? end : -1;
    }
}

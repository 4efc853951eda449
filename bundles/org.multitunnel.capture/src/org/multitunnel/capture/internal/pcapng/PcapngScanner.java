package org.multitunnel.capture.internal.pcapng;

import static org.multitunnel.capture.ReadWarning.Kind.BAD_BLOCK;
import static org.multitunnel.capture.ReadWarning.Kind.BAD_LENGTH;
import static org.multitunnel.capture.ReadWarning.Kind.CAPLEN_EXCEEDS_SNAPLEN;
import static org.multitunnel.capture.ReadWarning.Kind.INCOMPLETE;
import static org.multitunnel.capture.ReadWarning.Kind.LENGTH_MISMATCH;
import static org.multitunnel.capture.ReadWarning.Kind.RESYNCHRONISED;
import static org.multitunnel.capture.ReadWarning.Kind.TIMESTAMP_OVERFLOW;
import static org.multitunnel.capture.ReadWarning.Kind.TRUNCATED;
import static org.multitunnel.capture.ReadWarning.Kind.UNKNOWN_INTERFACE;
import static org.multitunnel.capture.ReadWarning.Kind.ZERO_LENGTH;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.capture.CaptureInterface;
import org.multitunnel.capture.internal.MappedCapture;
import org.multitunnel.capture.internal.ScanContext;
import org.multitunnel.capture.internal.Timestamps;

/**
 * Walks the blocks of a pcapng file in one pass straight from the mapped windows. Each Section Header Block sets the
 * byte order and starts a new list of interfaces; packets (EPB, SPB, OPB) are resolved to global interface ids and
 * nanosecond timestamps. Every other block type (NRB, ISB, DSB, custom, unknown) is skipped by its length. A block
 * with an impossible length or a trailing length that disagrees is reported, then the scanner searches forward for
 * the next block whose leading and trailing lengths agree, so packets after the damage are kept.
 *
 * <pre>
 * block: type u32 | total length u32 | body | total length u32 (repeated), all lengths multiples of 4
 * SHB 0x0A0D0D0A: byte-order magic 0x1A2B3C4D | major u16 | minor u16 | section length i64 | options
 *                  (opt_comment 1 lines "multitunnel:decode-as udp.port==N,mip": Decode As ports of the section)
 * IDB 0x00000001: linktype u16 | reserved u16 | snaplen u32 | options (if_name 2, if_tsresol 9, if_tsoffset 14)
 * EPB 0x00000006: interface u32 | ts high u32 | ts low u32 | caplen u32 | len u32 | data (padded) | options
 * SPB 0x00000003: len u32 | data: caplen = min(len, snaplen of interface 0, body room)
 * OPB 0x00000002: interface u16 | drops u16 | ts high u32 | ts low u32 | caplen u32 | len u32 | data | options
 * </pre>
 */
public final class PcapngScanner {
    public static final int SHB = 0x0A0D0D0A;
    public static final int IDB = 0x00000001;
    public static final int OPB = 0x00000002;
    public static final int SPB = 0x00000003;
    public static final int NRB = 0x00000004;
    public static final int ISB = 0x00000005;
    public static final int EPB = 0x00000006;
    public static final int DSB = 0x0000000A;
    public static final int CUSTOM_COPY = 0x00000BAD;
    public static final int CUSTOM_NO_COPY = 0x40000BAD;
    public static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** How far past a damaged block the scanner searches for the next valid one. */
    public static final int RESYNC_SEARCH_BYTES = 64 << 20;
    private static final long MASK32 = 0xFFFF_FFFFL;
    private static final int CHECKPOINT_BLOCKS = 4096;

    private final ScanContext ctx;
    /** The context's current mapping; refreshed at each {@link #resume} because a followed file grows. */
    private MappedCapture data;
    private ByteOrder order;
    private int section = -1;
    private final List<CaptureInterface> sectionInterfaces = new ArrayList<>();
    /** Decode As ports the current section header records (multitunnel:decode-as comments): for all its interfaces. */
    private List<Integer> sectionMipPorts = List.of();
    private long blocksSinceCheckpoint;

    private PcapngScanner(ScanContext ctx) {
        this.ctx = ctx;
        this.data = ctx.data;
    }

    /**
     * Scans a whole pcapng file (its first 4 bytes are the SHB type and, when present, its byte-order magic was
     * checked by {@link org.multitunnel.capture.internal.CaptureSource}).
     */
    public static void scan(ScanContext ctx) {
        new PcapngScanner(ctx).run(0, false);
    }

    /**
     * A scanner that keeps its section state (byte order, interfaces) between calls to {@link #resume}, for a file
     * that is still being written (live capture write-through).
     */
    public static PcapngScanner following(ScanContext ctx) {
        return new PcapngScanner(ctx);
    }

    /**
     * Scans from {@code pos} (a block boundary returned by the previous call, 0 at first) to the end of the
     * context's current mapping. With {@code tail}, a block cut off by the end is not damage but not yet written:
     * the scan stops before it, without a warning, and returns its offset to resume from once the file has grown.
     *
     * @return where to resume, or -1 when the pass must end (stopped, cancelled, or damage with nothing after it)
     */
    public long resume(long pos, boolean tail) {
        return run(pos, tail);
    }

    private long run(long start, boolean tail) {
        data = ctx.data;
        long size = data.size();
        long pos = start;
        int k = -1;
        ByteBuffer b = null;
        ByteBuffer be = null;
        ByteOrder bOrder = null;
        long base = 0;
        while (true) {
            long remaining = size - pos;
            if (remaining == 0) {
                return pos;
            }
            if (++blocksSinceCheckpoint >= CHECKPOINT_BLOCKS) {
                blocksSinceCheckpoint = 0;
                if (!ctx.checkpoint(pos)) {
                    return -1;
                }
            }
            if (remaining < 12 && tail) {
                return pos; // the next block is still being written
            }
            if (remaining < 12) {
                ctx.warn(pos, TRUNCATED, "file ends with " + remaining + " bytes, too short for a block");
                return -1;
            }
            int type = data.getInt(pos, ByteOrder.BIG_ENDIAN); // SHB type is a palindrome
            if (type == SHB) {
                int bom = data.getInt(pos + 8, ByteOrder.BIG_ENDIAN);
                if (bom == BYTE_ORDER_MAGIC) {
                    order = ByteOrder.BIG_ENDIAN;
                } else if (bom == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
                    order = ByteOrder.LITTLE_ENDIAN;
                } else {
                    ctx.warn(pos, BAD_BLOCK, String.format("section header with unknown byte-order magic 0x%08x",
                            bom));
                    pos = resync(pos);
                    if (pos < 0) {
                        return -1;
                    }
                    continue;
                }
            } else if (order == ByteOrder.LITTLE_ENDIAN) {
                type = Integer.reverseBytes(type);
            }
            long length = data.getInt(pos + 4, order) & MASK32;
            if (tail && length >= 12 && (length & 3) == 0 && length > remaining) {
                return pos; // the block is still being written
            }
            if (length < 12 || (length & 3) != 0 || length > remaining) {
                if (length >= 12 && (length & 3) == 0) {
                    ctx.warn(pos, TRUNCATED, "block of type " + hex(type) + " claims " + length
                            + " bytes but the file ends after " + remaining);
                } else {
                    ctx.warn(pos, BAD_LENGTH, "block of type " + hex(type) + " has impossible length " + length);
                }
                pos = resync(pos);
                if (pos < 0) {
                    return -1;
                }
                continue;
            }
            long trailer = data.getInt(pos + length - 4, order) & MASK32;
            if (trailer != length) {
                ctx.warn(pos, LENGTH_MISMATCH, "block of type " + hex(type) + " starts with length " + length
                        + " but ends with " + trailer);
                pos = resync(pos);
                if (pos < 0) {
                    return -1;
                }
                continue;
            }
            int kk = data.windowIndex(pos);
            if (kk != k || bOrder != order) {
                k = kk;
                b = data.window(k, order);
                be = data.window(k, ByteOrder.BIG_ENDIAN);
                bOrder = order;
                base = data.windowBase(k);
            }
            int o = (int) (pos - base);
            long next = pos + length;
            switch (type) {
                case SHB -> sectionHeader(pos, length);
                case IDB -> interfaceDescription(pos, length);
                case EPB -> {
                    if (length < 32) {
                        ctx.warn(pos, BAD_LENGTH, "enhanced packet block too short: " + length + " bytes");
                    } else if (!packet(pos, length, b, be, o, b.getInt(o + 8) & MASK32,
                            ((b.getInt(o + 12) & MASK32) << 32) | (b.getInt(o + 16) & MASK32),
                            b.getInt(o + 20) & MASK32, b.getInt(o + 24) & MASK32, 28, true, next)) {
                        return -1;
                    }
                }
                case OPB -> {
                    if (length < 32) {
                        ctx.warn(pos, BAD_LENGTH, "packet block too short: " + length + " bytes");
                    } else if (!packet(pos, length, b, be, o, b.getShort(o + 8) & 0xFFFF,
                            ((b.getInt(o + 12) & MASK32) << 32) | (b.getInt(o + 16) & MASK32),
                            b.getInt(o + 20) & MASK32, b.getInt(o + 24) & MASK32, 28, true, next)) {
                        return -1;
                    }
                }
                case SPB -> {
                    if (length < 16) {
                        ctx.warn(pos, BAD_LENGTH, "simple packet block too short: " + length + " bytes");
                    } else if (!simplePacket(pos, length, b, be, o, next)) {
                        return -1;
                    }
                }
                default -> {
                    // NRB, ISB, DSB, custom and unknown blocks carry no packets: skipped by their length
                }
            }
            pos = next;
        }
    }

    private void sectionHeader(long pos, long length) {
        section++;
        sectionInterfaces.clear();
        sectionMipPorts = List.of();
        if (length < 28) {
            ctx.warn(pos, BAD_BLOCK, "section header block too short: " + length + " bytes");
            return;
        }
        sectionMipPorts = DecodeAsComments.inOptions(ctx, order, pos + 24, pos + length - 4);
        int major = data.getUnsignedShort(pos + 12, order);
        int minor = data.getUnsignedShort(pos + 14, order);
        if (major != 1) {
            ctx.warn(pos, BAD_BLOCK, "unsupported pcapng version " + major + "." + minor
                    + "; reading blocks as version 1.0");
        }
    }

    private void interfaceDescription(long pos, long length) {
        if (length < 20) {
            ctx.warn(pos, BAD_BLOCK, "interface description block too short: " + length + " bytes");
            sectionInterfaces.add(null); // keep local numbering; packets on it are reported as unknown
            return;
        }
        InterfaceDescription d = InterfaceDescription.read(ctx, order, pos, length);
        List<Integer> mipPorts = sectionMipPorts;
        if (!d.mipPorts().isEmpty()) {
            java.util.LinkedHashSet<Integer> union = new java.util.LinkedHashSet<>(sectionMipPorts);
            union.addAll(d.mipPorts()); // at most 1024 + 1024 (DecodeAsComments.MAX_PORTS per block)
            mipPorts = List.copyOf(union);
        }
        int id = ctx.interfaces.add(section, d.linkType(), d.snapLength(), d.tsResolution(), d.tsOffsetSeconds(),
                d.name(), mipPorts);
        if (id < 0) {
            ctx.warn(pos, BAD_BLOCK, "more than " + org.multitunnel.capture.internal.InterfaceTable.MAX_INTERFACES
                    + " interfaces; packets on this one are skipped");
            sectionInterfaces.add(null);
        } else {
            sectionInterfaces.add(ctx.interfaces.get(id));
        }
    }

    private boolean packet(long pos, long length, ByteBuffer b, ByteBuffer be, int o, long localId, long units,
            long caplen, long len, int dataStart, boolean hasTime, long next) {
        CaptureInterface itf = localId < sectionInterfaces.size() ? sectionInterfaces.get((int) localId) : null;
        if (itf == null) {
            ctx.warn(pos, UNKNOWN_INTERFACE, "packet refers to interface " + localId + " but section " + section
                    + " describes " + sectionInterfaces.size() + "; packet skipped");
            return true;
        }
        long room = length - dataStart - 4;
        if (caplen > room) {
            ctx.warn(pos, BAD_LENGTH, "captured length " + caplen + " does not fit in a block of " + length
                    + " bytes; packet skipped");
            return true;
        }
        if (caplen > MappedCapture.MAX_RECORD_DATA) {
            ctx.warn(pos, BAD_LENGTH, "captured length " + caplen + " exceeds the limit of "
                    + MappedCapture.MAX_RECORD_DATA + "; packet skipped");
            return true;
        }
        if (itf.snapLength() > 0 && caplen > (itf.snapLength() & MASK32)) {
            ctx.warn(pos, CAPLEN_EXCEEDS_SNAPLEN, "captured length " + caplen + " exceeds snapshot length "
                    + itf.snapLength() + "; packet kept");
        } else if (caplen == 0) {
            ctx.warn(pos, ZERO_LENGTH, "packet with 0 captured bytes (original length " + len + "); packet kept");
        }
        long ts = 0;
        if (hasTime) {
            ts = Timestamps.toNanos(units, itf.tsResolution(), itf.tsOffsetSeconds());
            if (ts == Long.MAX_VALUE || ts == Long.MIN_VALUE) {
                ctx.warn(pos, TIMESTAMP_OVERFLOW, "timestamp " + Long.toUnsignedString(units) + " at resolution 0x"
                        + Integer.toHexString(itf.tsResolution()) + " does not fit in 64-bit nanoseconds");
            }
        }
        if (ctx.packets() == Integer.MAX_VALUE - 1) {
            ctx.warn(pos, INCOMPLETE, "stopped at " + ctx.packets() + " packets: too many for one capture");
            return false;
        }
        return ctx.emit(be, o + dataStart, pos + dataStart, ts, (int) caplen, (int) Math.min(len, Integer.MAX_VALUE),
                itf.id(), itf.linkType(), next);
    }

    private boolean simplePacket(long pos, long length, ByteBuffer b, ByteBuffer be, int o, long next) {
        CaptureInterface itf = sectionInterfaces.isEmpty() ? null : sectionInterfaces.get(0);
        if (itf == null) {
            ctx.warn(pos, UNKNOWN_INTERFACE, "simple packet block but section " + section
                    + " has no interface 0; packet skipped");
            return true;
        }
        long len = b.getInt(o + 8) & MASK32;
        long caplen = Math.min(len, length - 16);
        if (itf.snapLength() > 0) {
            caplen = Math.min(caplen, itf.snapLength() & MASK32);
        }
        return packet(pos, length, b, be, o, 0, 0, caplen, len, 12, false, next);
    }

    /** Next offset after {@code damaged} where a well-formed block starts, or -1 (with a warning) if none. */
    private long resync(long damaged) {
        long size = data.size();
        long limit = Math.min(size - 12, damaged + RESYNC_SEARCH_BYTES);
        ByteOrder current = order;
        for (long q = damaged + 1; q <= limit; q++) {
            int raw = data.getInt(q, ByteOrder.BIG_ENDIAN);
            ByteOrder o = current;
            if (raw == SHB) {
                int bom = data.getInt(q + 8, ByteOrder.BIG_ENDIAN);
                if (bom == BYTE_ORDER_MAGIC) {
                    o = ByteOrder.BIG_ENDIAN;
                } else if (bom == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
                    o = ByteOrder.LITTLE_ENDIAN;
                } else {
                    continue;
                }
            } else {
                int type = o == ByteOrder.BIG_ENDIAN ? raw : Integer.reverseBytes(raw);
                if (!isKnownType(type)) {
                    continue;
                }
            }
            long length = data.getInt(q + 4, o) & MASK32;
            if (length < 12 || (length & 3) != 0 || length > size - q) {
                continue;
            }
            if ((data.getInt(q + length - 4, o) & MASK32) == length) {
                ctx.warn(damaged, RESYNCHRONISED, "skipped " + (q - damaged) + " damaged bytes; continuing with the"
                        + " block at offset " + q);
                return q;
            }
        }
        ctx.warn(damaged, BAD_LENGTH, "no valid block found within " + Math.max(0, limit - damaged)
                + " bytes after the damage; ignoring the last " + (size - damaged) + " bytes of the file");
        return -1;
    }

    private static boolean isKnownType(int type) {
        return type == IDB || type == OPB || type == SPB || type == NRB || type == ISB || type == EPB
                || type == DSB || type == CUSTOM_COPY || type == CUSTOM_NO_COPY;
    }

    private static String hex(int type) {
        return String.format("0x%08x", type);
    }
}

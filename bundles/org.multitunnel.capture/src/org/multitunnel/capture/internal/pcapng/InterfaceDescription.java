package org.multitunnel.capture.internal.pcapng;

import static org.multitunnel.capture.ReadWarning.Kind.BAD_BLOCK;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.multitunnel.capture.internal.MappedCapture;
import org.multitunnel.capture.internal.ScanContext;

/**
 * The fields of a pcapng Interface Description Block that matter for reading packets: link type, snapshot length
 * and the timestamp options (if_tsresol, if_tsoffset), plus if_name for display. Options that overrun the block are
 * reported and the rest ignored; unknown options are skipped.
 *
 * <pre>
 * IDB body: linktype u16 | reserved u16 | snaplen u32 | options: code u16 | length u16 | value, padded to 4 ...
 *           opt_endofopt (0) | if_name (2, UTF-8) | if_tsresol (9, 1 byte) | if_tsoffset (14, i64 seconds)
 * </pre>
 */
record InterfaceDescription(int linkType, int snapLength, int tsResolution, long tsOffsetSeconds, String name,
        List<Integer> mipPorts) {
    static final int OPT_ENDOFOPT = 0;
    static final int OPT_IF_NAME = 2;
    static final int OPT_IF_TSRESOL = 9;
    static final int OPT_IF_TSOFFSET = 14;
    /** Default if_tsresol: microseconds. */
    static final int DEFAULT_TS_RESOLUTION = 6;
    private static final int MAX_NAME_BYTES = 256;

    /** Reads the IDB at {@code pos} ({@code length >= 20}, already checked against the file). */
    static InterfaceDescription read(ScanContext ctx, ByteOrder order, long pos, long length) {
        MappedCapture data = ctx.data;
        int linkType = data.getUnsignedShort(pos + 8, order);
        int snapLength = Math.max(0, data.getInt(pos + 12, order)); // above 2^31-1 means no useful limit
        int tsResolution = DEFAULT_TS_RESOLUTION;
        long tsOffset = 0;
        String name = "";
        DecodeAsComments.Ports mipPorts = new DecodeAsComments.Ports();
        long opt = pos + 16;
        long end = pos + length - 4;
        while (opt + 4 <= end) {
            int code = data.getUnsignedShort(opt, order);
            int optLength = data.getUnsignedShort(opt + 2, order);
            long value = opt + 4;
            if (code == OPT_ENDOFOPT) {
                break;
            }
            if (value + optLength > end) {
                ctx.warn(opt, BAD_BLOCK, "interface option " + code + " of length " + optLength
                        + " overruns its block; remaining options ignored");
                break;
            }
            if (code == OPT_IF_TSRESOL && optLength >= 1) {
                tsResolution = data.getUnsignedByte(value);
            } else if (code == OPT_IF_TSOFFSET && optLength >= 8) {
                tsOffset = data.getLong(value, order);
            } else if (code == OPT_IF_NAME && optLength > 0) {
                name = utf8(data, value, Math.min(optLength, MAX_NAME_BYTES));
            } else if (code == DecodeAsComments.OPT_COMMENT) {
                DecodeAsComments.comment(ctx, value, optLength, mipPorts);
            }
            opt = value + ((optLength + 3L) & ~3L);
        }
        return new InterfaceDescription(linkType, snapLength, tsResolution, tsOffset, name, mipPorts.list());
    }

    /** UTF-8 text up to the first NUL (some writers NUL-terminate option strings). */
    private static String utf8(MappedCapture data, long at, int max) {
        byte[] bytes = new byte[max];
        int n = 0;
        while (n < max) {
            byte b = (byte) data.getUnsignedByte(at + n);
            if (b == 0) {
                break;
            }
            bytes[n++] = b;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }
}

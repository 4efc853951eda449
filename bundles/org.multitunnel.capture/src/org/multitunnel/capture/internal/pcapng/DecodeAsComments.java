package org.multitunnel.capture.internal.pcapng;

import static org.multitunnel.capture.ReadWarning.Kind.BAD_BLOCK;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.multitunnel.capture.internal.MappedCapture;
import org.multitunnel.capture.internal.ScanContext;
import org.multitunnel.wire.dissect.DecodeAs;

/**
 * Reads the "Decode As" ports a pcapng file records for itself: opt_comment options (code 1) of a section header
 * or an interface description whose lines say {@code multitunnel:decode-as udp.port==N,mip} (the form the product's
 * writers use, see {@link DecodeAs}). Other comments are ignored; an entry that cannot be read becomes a
 * {@code BAD_BLOCK} warning and is skipped, so a damaged comment never stops the file from opening. Bounded: at
 * most {@value #MAX_COMMENT_BYTES} bytes of a comment are looked at, at most {@value #MAX_PORTS} ports are taken
 * per block (a hostile file cannot make every interface carry 65535 of them, nor the reader loop over them), and
 * only blocks that are not packets are read.
 */
final class DecodeAsComments {
    static final int OPT_ENDOFOPT = 0;
    static final int OPT_COMMENT = 1;
    /** The product writes lines of about 45 bytes; longer comments are read up to this length. */
    static final int MAX_COMMENT_BYTES = 4096;
    /** More Mobile IP ports than any test bed uses; the rest of a block's are ignored with one warning. */
    static final int MAX_PORTS = 1024;
    private static final byte[] PREFIX = DecodeAs.COMMENT_PREFIX.getBytes(StandardCharsets.US_ASCII);

    /** The ports one block records, in order, without duplicates, at most {@link #MAX_PORTS}. */
    static final class Ports {
        private final BitSet seen = new BitSet();
        private final List<Integer> list = new ArrayList<>();
        private boolean warned;

        /** False when the block already has {@link #MAX_PORTS} ports (and {@code port} is new). */
        boolean add(int port) {
            if (seen.get(port)) {
                return true;
            }
            if (list.size() >= MAX_PORTS) {
                return false;
            }
            seen.set(port);
            list.add(port);
            return true;
        }

        List<Integer> list() {
            return List.copyOf(list);
        }
    }

    private DecodeAsComments() {
    }

    /**
     * The ports recorded by the comments among the options at [start, end) of a block (a section header's). An
     * option overrunning the block ends the walk with a warning, as for interface options.
     */
    static List<Integer> inOptions(ScanContext ctx, ByteOrder order, long start, long end) {
        Ports ports = new Ports();
        MappedCapture data = ctx.data;
        long opt = start;
        while (opt + 4 <= end) {
            int code = data.getUnsignedShort(opt, order);
            int length = data.getUnsignedShort(opt + 2, order);
            long value = opt + 4;
            if (code == OPT_ENDOFOPT) {
                break;
            }
            if (value + length > end) {
                ctx.warn(opt, BAD_BLOCK, "section header option " + code + " of length " + length
                        + " overruns its block; remaining options ignored");
                break;
            }
            if (code == OPT_COMMENT) {
                comment(ctx, value, length, ports);
            }
            opt = value + ((length + 3L) & ~3L);
        }
        return ports.list();
    }

    /** Adds the ports an opt_comment value at {@code at} ({@code length} bytes) records to {@code ports}. */
    static void comment(ScanContext ctx, long at, int length, Ports ports) {
        MappedCapture data = ctx.data;
        int n = Math.min(length, MAX_COMMENT_BYTES);
        if (ports.warned || !contains(data, at, n)) {
            return; // an ordinary comment (not decoded at all), or the block is full already
        }
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) data.getUnsignedByte(at + i);
        }
        List<String> problems = new ArrayList<>();
        List<DecodeAs> entries = DecodeAs.inComment(new String(bytes, StandardCharsets.UTF_8), problems);
        for (String p : problems) {
            ctx.warn(at, BAD_BLOCK, p);
        }
        for (DecodeAs d : entries) {
            for (int p = d.firstPort(); p <= d.lastPort(); p++) {
                if (!ports.add(p)) {
                    ports.warned = true;
                    ctx.warn(at, BAD_BLOCK, "more than " + MAX_PORTS + " Decode As ports recorded in one block;"
                            + " the rest from " + DecodeAs.port(p) + " on are ignored");
                    return;
                }
            }
        }
    }

    private static boolean contains(MappedCapture data, long at, int n) {
        outer: for (int i = 0; i + PREFIX.length <= n; i++) {
            for (int k = 0; k < PREFIX.length; k++) {
                if (data.getUnsignedByte(at + i + k) != (PREFIX[k] & 0xff)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}

package org.multitunnel.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

import org.multitunnel.capture.DecodeAsResolver;
import org.multitunnel.capture.PacketVisitor;
import org.multitunnel.capture.PacketView;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Dissection;
import org.multitunnel.wire.dissect.FieldsJson;
import org.multitunnel.wire.dissect.FieldsText;
import org.multitunnel.wire.dissect.MipConfig;
import org.multitunnel.wire.fast.PacketClassifier;
import org.multitunnel.wire.fast.PacketKind;
import org.multitunnel.wire.fast.PacketSummary;

/**
 * The per-packet work of {@code multitunnel decode} in one streaming pass: pick the candidates (every packet with
 * {@code -Y}, {@code --all}, {@code --summary} or {@code -T fields}; else only what the cheap classifier calls
 * signalling), dissect them, keep what the filter matches, print it in the chosen form, and stop after
 * {@code -c} packets read or when the reader of stdout has gone away ({@code | head}), as tshark does.
 */
final class DecodePass implements PacketVisitor {
    /** How a packet is printed. */
    enum Mode {
        TREE, JSON, SUMMARY, FIELDS
    }

    private final Mode mode;
    private final boolean every;
    private final PacketFilter filter;
    private final long count;
    private final PrintStream stdout;
    private final Writer out;
    private final SummaryOutput summaryOut;
    private final FieldsOutput fieldsOut;
    /** The Decode As setting plus the ports each packet's file interface records. */
    private final DecodeAsResolver decodeAs;
    private final boolean dissect;
    private final PacketSummary summary = new PacketSummary();
    private long firstNanos;
    private long previousNanos;
    private int internalErrors;

    /**
     * @param every  every packet is a candidate (else signalling only)
     * @param filter {@code -Y}, or null
     * @param count  {@code -c}: packets to read, 0 for all
     * @param stdout the stream {@code out} writes to, watched for a closed pipe
     */
    DecodePass(Mode mode, boolean every, PacketFilter filter, long count, MipConfig mip, PrintStream stdout,
            Writer out, SummaryOutput summaryOut, FieldsOutput fieldsOut) {
        this.mode = mode;
        this.every = every;
        this.filter = filter;
        this.count = count;
        this.stdout = stdout;
        this.out = out;
        this.summaryOut = summaryOut;
        this.fieldsOut = fieldsOut;
        this.decodeAs = new DecodeAsResolver(mip);
        this.dissect = mode != Mode.SUMMARY; // a summary row dissects only what it shows
    }

    @Override
    public boolean visit(PacketView p) {
        long number = p.index() + 1;
        long t = p.timestampNanos();
        if (number == 1) {
            firstNanos = t;
            previousNanos = t;
        }
        if (filter != null) {
            if (filter.matches(p)) {
                print(frame(number, t, p, count(filter.dissection())), p);
            }
        } else if (every || isSignalling(PacketClassifier.classify(p.linkType(), p.buffer(), p.dataOffset(),
                p.capturedLength(), summary, decodeAs.ports(p)))) {
            print(frame(number, t, p, dissect ? count(decodeAs.dissector(p).dissectFull(p.linkType(), p.slice()))
                    : null), p);
        }
        previousNanos = t;
        if ((number & 1023) == 0 && stdout.checkError()) {
            return false; // nobody reads stdout any more
        }
        return count == 0 || number < count;
    }

    private FrameFields.Frame frame(long number, long t, PacketView p, List<Field> layers) {
        return new FrameFields.Frame(number, t, firstNanos, previousNanos, p.originalLength(), p.capturedLength(),
                layers);
    }

    private List<Field> count(Dissection d) {
        if (d.internalError() != null) {
            internalErrors++;
        }
        return d.layers();
    }

    /** Packets whose dissection hit a bug of ours (shown as far as decoded). */
    int internalErrors() {
        return internalErrors;
    }

    private static boolean isSignalling(PacketKind kind) {
        return kind == PacketKind.MIP_SIGNALLING || kind == PacketKind.MIP6_MOBILITY;
    }

    private void print(FrameFields.Frame frame, PacketView p) {
        try {
            switch (mode) {
                case JSON -> {
                    long t = frame.nanos();
                    out.write(FieldsJson.line(frame.number(), Math.floorDiv(t, 1_000_000_000L),
                            (int) Math.floorMod(t, 1_000_000_000L), frame.layers()));
                    out.write('\n');
                }
                case TREE -> {
                    out.write(FieldsText.packet(frame.number(), p.capturedLength(), frame.layers()));
                    out.write('\n');
                }
                case SUMMARY -> summaryOut.packet(frame, p);
                case FIELDS -> fieldsOut.packet(frame);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

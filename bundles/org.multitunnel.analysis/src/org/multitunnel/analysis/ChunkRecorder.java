package org.multitunnel.analysis;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.multitunnel.capture.DecodeAsResolver;
import org.multitunnel.capture.PacketView;
import org.multitunnel.capture.PacketVisitor;
import org.multitunnel.capture.tunnel.LongTupleTable;
import org.multitunnel.capture.tunnel.TunnelAccounting;
import org.multitunnel.wire.fast.MipPorts;
import org.multitunnel.wire.fast.PacketClassifier;
import org.multitunnel.wire.fast.PacketKind;
import org.multitunnel.wire.fast.PacketSummary;
import org.multitunnel.wire.fast.TunnelEncapsulation;

/**
 * The per-chunk half of a parallel analysis ({@link CaptureAnalyzer}): on its own thread it classifies and
 * accounts every packet of one chunk of the capture (the expensive part: every byte of the file passes here) and
 * writes down, in packet order, just what the sequential half needs to replay the chunk exactly — per packet a
 * 4-byte code (other, an IPv4 tunnel's endpoint pair, or a copied signalling message) and, for the packets that
 * matter to bindings, the time. Nothing is allocated per data packet: codes and times go into pages of primitive
 * arrays, endpoint pairs into an interning table; only rare signalling packets are copied.
 */
final class ChunkRecorder implements PacketVisitor {
    private static final int PAGE_SHIFT = 16;
    private static final int PAGE = 1 << PAGE_SHIFT;
    private static final int PROGRESS_EVERY = 1 << 14;
    /** Code of a packet the replay only counts (its time still advances the capture's end). */
    static final int OTHER = -1;
    private static final TunnelEncapsulation[] ENCAPSULATIONS = TunnelEncapsulation.values();

    /** What a kept packet is: Mobile IPv4 signalling (its UDP payload), a mobility header or IPv6 data (frames). */
    static final int SIGNALLING = 0;
    static final int MOBILITY = 1;
    static final int MIP6_DATA = 2;

    /** A rare packet kept for the replay: signalling (the UDP payload), or a whole frame for Mobile IPv6. */
    record Message(int kind, byte[] bytes, int src, int dst, int linkType, MipPorts ports) {
    }

    final TunnelAccounting accounting;
    /** Outer endpoints (src << 32 | dst) and encapsulation of the IPv4 tunnel packets. */
    private final LongTupleTable pairs = new LongTupleTable(2, 1024);
    private final DecodeAsResolver decodeAs;
    private final List<int[]> codes = new ArrayList<>();
    private final List<long[]> times = new ArrayList<>();
    final List<Message> messages = new ArrayList<>();
    private long count;
    private long timed;
    long lastNanos;
    private final AnalysisProgress progress;
    private final AtomicLong seen;

    ChunkRecorder(AnalysisOptions options, AnalysisProgress progress, AtomicLong seen) {
        this.decodeAs = new DecodeAsResolver(options.mip());
        this.accounting = new TunnelAccounting(options.intervalNanos(), decodeAs);
        this.progress = progress;
        this.seen = seen;
    }

    @Override
    public boolean visit(PacketView p) {
        long time = p.timestampNanos();
        lastNanos = Math.max(lastNanos, time);
        // frames are numbered within the chunk here; the merge shifts them by the chunk's first frame
        PacketSummary s = accounting.accept(p); // Mobile IP ports: the setting plus what the file records
        int code;
        if (IncrementalAnalysis.isSignalling(s)) {
            messages.add(new Message(SIGNALLING, IncrementalAnalysis.udpPayload(p, s), s.outerSrc(), s.outerDst(),
                    0, null));
            code = -2 - (messages.size() - 1);
        } else if (s.kind() == PacketKind.MIP6_MOBILITY) {
            messages.add(new Message(MOBILITY, copy(p), 0, 0, p.linkType(), null));
            code = -2 - (messages.size() - 1);
        } else if (IncrementalAnalysis.isIpv4TunnelData(s)) {
            code = pairs.intern((long) s.outerSrc() << 32 | (s.outerDst() & 0xffffffffL), s.encapsulation().ordinal(),
                    0, 0, 0);
        } else if (IncrementalAnalysis.isMip6Data(s)) {
            messages.add(new Message(MIP6_DATA, copy(p), 0, 0, p.linkType(), decodeAs.ports(p)));
            code = -2 - (messages.size() - 1);
        } else {
            code = OTHER;
        }
        long i = count++;
        if ((i & (PAGE - 1)) == 0) {
            codes.add(new int[PAGE]);
        }
        codes.get((int) (i >>> PAGE_SHIFT))[(int) (i & (PAGE - 1))] = code;
        if (code != OTHER) {
            long j = timed++;
            if ((j & (PAGE - 1)) == 0) {
                times.add(new long[PAGE]);
            }
            times.get((int) (j >>> PAGE_SHIFT))[(int) (j & (PAGE - 1))] = time;
        }
        if ((count & (PROGRESS_EVERY - 1)) == 0) {
            progress.packets(seen.addAndGet(PROGRESS_EVERY));
            return !progress.cancelled();
        }
        return true;
    }

    private static byte[] copy(PacketView p) {
        byte[] frame = new byte[p.capturedLength()];
        p.buffer().get(p.dataOffset(), frame);
        return frame;
    }

    /** Feeds the chunk's packets, in order, to the sequential half; frames continue from {@code firstFrame}. */
    void replay(IncrementalAnalysis analysis, long firstFrame, long packets) {
        long j = 0;
        for (long i = 0; i < packets; i++) {
            int code = codes.get((int) (i >>> PAGE_SHIFT))[(int) (i & (PAGE - 1))];
            long frame = firstFrame + i + 1;
            if (code == OTHER) {
                analysis.observe(Long.MIN_VALUE);
                continue;
            }
            long time = times.get((int) (j >>> PAGE_SHIFT))[(int) (j & (PAGE - 1))];
            j++;
            analysis.observe(time);
            if (code >= 0) {
                long pair = pairs.key(code, 0);
                analysis.tunnelData((int) (pair >>> 32), (int) pair, ENCAPSULATIONS[(int) pairs.key(code, 1)], frame,
                        time);
            } else {
                Message m = messages.get(-2 - code);
                switch (m.kind()) {
                    case SIGNALLING -> analysis.signallingMessage(m.bytes(), m.src(), m.dst(), frame, time);
                    case MOBILITY -> analysis.mobility(m.linkType(), ByteBuffer.wrap(m.bytes()).asReadOnlyBuffer(),
                            frame, time);
                    default -> {
                        // the classifier's offsets refer to the frame's buffer: classify the kept copy again
                        ByteBuffer b = ByteBuffer.wrap(m.bytes()).asReadOnlyBuffer();
                        PacketSummary again = new PacketSummary();
                        PacketClassifier.classify(m.linkType(), b, 0, m.bytes().length, again, m.ports());
                        analysis.mip6Data(b, again, frame);
                    }
                }
            }
        }
        analysis.observeLast(lastNanos);
        codes.clear(); // replayed: 12 bytes per packet that the rest of the analysis no longer needs
        times.clear();
        messages.clear();
    }
}

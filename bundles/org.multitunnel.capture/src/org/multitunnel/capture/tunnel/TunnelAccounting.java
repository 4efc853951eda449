package org.multitunnel.capture.tunnel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.multitunnel.capture.CaptureReader;
import org.multitunnel.capture.DecodeAsResolver;
import org.multitunnel.capture.PacketView;
import org.multitunnel.capture.PacketVisitor;
import org.multitunnel.wire.dissect.Addresses;
import org.multitunnel.wire.fast.TunnelEncapsulation;
import org.multitunnel.wire.fast.MipPorts;
import org.multitunnel.wire.fast.PacketClassifier;
import org.multitunnel.wire.fast.PacketKind;
import org.multitunnel.wire.fast.PacketSummary;

/**
 * TunnelTotals attribution and throughput series in the one pass over a capture: every packet is classified by the wire
 * bundle's allocation-free {@link PacketClassifier}; tunnelled data is counted against its tunnel (both outer
 * endpoints, encapsulation, GRE key or UDP ports), its direction and its inner flow, and registration signalling is
 * remembered as evidence of which endpoint is the home agent. Feed it packets ({@link #visit}, {@link #accept}, or
 * {@link #account} with a summary already classified), then call {@link #finish()} once.
 *
 * <p><b>Direction.</b> A tunnel is keyed by its endpoints in address order, and counted per orientation, so the
 * evidence may arrive in any order; at {@link #finish()} the HA end is chosen by the first {@link DirectionEvidence}
 * rule that separates the endpoints: the signalled HA address (mip.haaddr of requests and replies), the signalled
 * care-of address (mip.coa of requests), the destination of requests, the Mobile IP port (434, or one the Decode As
 * setting or the file names) on a UDP tunnel, the endpoint with
 * more tunnel peers, the endpoint that sent more bytes, and finally the lower address. GRE tunnels whose two
 * directions use different keys therefore appear as two one-way tunnels.
 *
 * <p><b>Hot path.</b> After warm-up, a packet costs one classification and three probes of open-addressing tables
 * keyed by packed longs (tunnel, inner flow, flow×tunnel use); nothing is allocated except when a table or a series
 * array doubles. Not thread-safe: one instance per pass.
 *
 * <p><b>Memory</b> grows with tunnels, buckets and flows, never with packets: per tunnel about 110 bytes (key, probe
 * slots, counters, series object) plus 24 bytes per non-empty series bucket (up to 48 while its array doubles); per
 * inner flow about 60 bytes; per (flow, tunnel) use about 50 bytes. {@link #retainedBytes()} gives the figure of a
 * pass; measured: 2.8 MiB for 442 tunnels with 200 one-second buckets each and 1458 inner flows (a 1M-packet,
 * 674 MB capture).
 */
public final class TunnelAccounting implements PacketVisitor {
    /** Default series bucket width: one second, as in the headless contract. */
    public static final long DEFAULT_INTERVAL_NANOS = 1_000_000_000L;

    private static final int ENCAP_SHIFT = 56;
    private static final long GRE_KEY_PRESENT = 1L << 48;
    /** Longs per tunnel: packets lo->hi, packets hi->lo, bytes lo->hi, bytes hi->lo, first, last (one cache line). */
    private static final int TW = 6;
    /** Longs per (flow, tunnel) use: first, last, packets, bytes, frame of the first. */
    private static final int UW = 5;

    private final long intervalNanos;
    private final PacketSummary summary = new PacketSummary();

    // evidence for the HA end (IPv4 addresses as unsigned longs)
    private final LongTupleTable signalledHomeAgents = new LongTupleTable(1, 64);
    private final LongTupleTable signalledCareOf = new LongTupleTable(1, 64);
    private final LongTupleTable requestDestinations = new LongTupleTable(1, 64);

    // tunnels: key (lo << 32 | hi, encapsulation | discriminator); orientation 0 = lo -> hi, 1 = hi -> lo
    private final LongTupleTable tunnels = new LongTupleTable(2, 256);
    private long[] tCounters = new long[256 * TW];
    private SeriesBuilder[] tSeries = new SeriesBuilder[256];

    // inner flows: key (version/proto/ports, src hi, src lo, dst hi, dst lo)
    private final LongTupleTable flows = new LongTupleTable(5, 1024);
    // (flow, tunnel) uses: key flow << 32 | tunnel
    private final LongTupleTable uses = new LongTupleTable(1, 1024);
    private long[] uCounters = new long[1024 * UW];

    private long packets, wireBytes, firstNanos = Long.MAX_VALUE, lastNanos = Long.MIN_VALUE;
    /** Frame number (1-based) of the packet being accounted. */
    private long frame;
    private long signalling, requests, replies, mobility, tunnelled, unattributed, malformed;
    private boolean finished;
    /** The Decode As setting plus what the file records per interface: which UDP ports are Mobile IP. */
    private final DecodeAsResolver decodeAs;
    /** Every Mobile IP port any packet was classified with (for the UDP-tunnel direction rule at the end). */
    private MipPorts mipPorts;
    private MipPorts lastPorts;
    private MipPorts[] seenPorts = new MipPorts[0];
    /** At {@link #finish()}: distinct tunnel peers per endpoint, indexed by the endpoint's id in the peer table. */
    private int[] degree;

    public TunnelAccounting() {
        this(DEFAULT_INTERVAL_NANOS);
    }

    /** @param intervalNanos series bucket width in ns (> 0); buckets are aligned to multiples of it since the epoch */
    public TunnelAccounting(long intervalNanos) {
        this(intervalNanos, MipPorts.DEFAULT);
    }

    /**
     * @param intervalNanos series bucket width in ns (> 0)
     * @param mipPorts      the UDP ports of Mobile IPv4 (signalling, which is never counted in a tunnel, and the
     *                      home agent's end of RFC 3519 UDP tunnels); a pcapng file may add its own per interface
     */
    public TunnelAccounting(long intervalNanos, MipPorts mipPorts) {
        this(intervalNanos, DecodeAsResolver.ofPorts(mipPorts));
    }

    /**
     * @param intervalNanos series bucket width in ns (> 0)
     * @param decodeAs      where Mobile IPv4 is: the setting plus the ports the file records per interface
     */
    public TunnelAccounting(long intervalNanos, DecodeAsResolver decodeAs) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("interval must be positive: " + intervalNanos + " ns");
        }
        this.intervalNanos = intervalNanos;
        this.decodeAs = decodeAs;
        this.mipPorts = decodeAs.settings().ports();
        this.lastPorts = mipPorts;
    }

    /** One streaming pass over {@code file} (pcap, pcapng or gzip) with a fresh accounting. */
    public static TunnelReport analyze(Path file, long intervalNanos) throws IOException {
        TunnelAccounting a = new TunnelAccounting(intervalNanos);
        CaptureReader.read(file, a);
        return a.finish();
    }

    public long intervalNanos() {
        return intervalNanos;
    }

    /**
     * A capture-index classifier that accounts every packet while {@code CaptureFile.open} indexes it, so opening a
     * file in the GUI also attributes its tunnels in the same pass, and stores {@link ClassificationBits} per packet.
     * With {@code CaptureFile.openInBackground} the accounting runs on the indexing thread: call {@link #finish()}
     * only after indexing has ended ({@code awaitIndexing()} or the listener's {@code finished}).
     */
    public org.multitunnel.capture.IndexClassifier indexingClassifier() {
        return view -> {
            visit(view);
            return ClassificationBits.of(summary);
        };
    }

    /** {@link PacketVisitor} entry: classifies and accounts the packet; never stops the pass. */
    @Override
    public boolean visit(PacketView p) {
        accept(p);
        return true;
    }

    /**
     * Classifies the packet with the Mobile IP ports of its interface (the setting plus what the file records) and
     * accounts it as frame {@code p.index() + 1}.
     *
     * @return the summary the classifier filled (reused for the next packet: read it before calling again)
     */
    public PacketSummary accept(PacketView p) {
        MipPorts ports = decodeAs.ports(p);
        if (ports != lastPorts) {
            notePorts(ports);
        }
        PacketClassifier.classify(p.linkType(), p.buffer(), p.dataOffset(), p.capturedLength(), summary, ports);
        account(summary, p.originalLength(), p.timestampNanos(), p.index() + 1);
        return summary;
    }

    /**
     * Classifies the frame at [offset, offset+capturedLength) of {@code buf} with the setting's Mobile IP ports and
     * accounts it.
     *
     * @return the summary the classifier filled (reused for the next packet: read it before calling again)
     */
    public PacketSummary accept(int linkType, ByteBuffer buf, int offset, int capturedLength, int originalLength,
            long timestampNanos) {
        return accept(linkType, buf, offset, capturedLength, originalLength, timestampNanos, packets + 1);
    }

    /**
     * As above, for the packet numbered {@code frame} (1-based) in its capture, which flow findings point at; the
     * setting's Mobile IP ports (a caller with a {@link PacketView} should use {@link #accept(PacketView)}).
     */
    public PacketSummary accept(int linkType, ByteBuffer buf, int offset, int capturedLength, int originalLength,
            long timestampNanos, long frame) {
        PacketClassifier.classify(linkType, buf, offset, capturedLength, summary, decodeAs.settings().ports());
        account(summary, originalLength, timestampNanos, frame);
        return summary;
    }

    /** Remembers a port set met for the first time (once per interface with recorded ports: rare, may allocate). */
    private void notePorts(MipPorts ports) {
        lastPorts = ports;
        for (MipPorts seen : seenPorts) {
            if (seen == ports) {
                return;
            }
        }
        seenPorts = Arrays.copyOf(seenPorts, seenPorts.length + 1);
        seenPorts[seenPorts.length - 1] = ports;
        mipPorts = mipPorts.plus(ports.list());
    }

    /** Accounts a packet that the caller has already classified into {@code s} (taken as the next frame). */
    public void account(PacketSummary s, int originalLength, long timestampNanos) {
        account(s, originalLength, timestampNanos, packets + 1);
    }

    /** Accounts packet number {@code frame} (1-based), already classified into {@code s}. */
    public void account(PacketSummary s, int originalLength, long timestampNanos, long frame) {
        if (finished) {
            throw new IllegalStateException("finish() was called");
        }
        this.frame = frame;
        packets++;
        wireBytes += originalLength;
        if (timestampNanos < firstNanos) {
            firstNanos = timestampNanos;
        }
        if (timestampNanos > lastNanos) {
            lastNanos = timestampNanos;
        }
        switch (s.kind()) {
            case TUNNEL_DATA -> {
                if (s.ipVersion() == 4) {
                    tunnelled++;
                    tunnel(s, timestampNanos);
                } else {
                    unattributed++;
                }
            }
            case MIP_SIGNALLING -> {
                signalling++;
                if (s.mipType() == 1) {
                    requests++;
                    remember(signalledHomeAgents, s.homeAgent());
                    remember(signalledCareOf, s.careOfAddress());
                    remember(requestDestinations, s.outerDst());
                } else if (s.mipType() == 3) {
                    replies++;
                    remember(signalledHomeAgents, s.homeAgent());
                }
            }
            case MIP6_MOBILITY -> mobility++;
            case MALFORMED -> malformed++;
            default -> {
            }
        }
    }

    private static void remember(LongTupleTable set, int address) {
        if (address != 0) {
            set.intern(address & 0xffffffffL, 0, 0, 0, 0);
        }
    }

    private void tunnel(PacketSummary s, long t) {
        long src = s.outerSrc() & 0xffffffffL;
        long dst = s.outerDst() & 0xffffffffL;
        int orientation = src <= dst ? 0 : 1;
        long lo = orientation == 0 ? src : dst;
        long hi = orientation == 0 ? dst : src;
        TunnelEncapsulation e = s.encapsulation();
        long disc;
        if (e == TunnelEncapsulation.UDP) {
            int loPort = orientation == 0 ? s.udpSrcPort() : s.udpDstPort();
            int hiPort = orientation == 0 ? s.udpDstPort() : s.udpSrcPort();
            disc = ((long) loPort << 16) | hiPort;
        } else if (e == TunnelEncapsulation.GRE && s.greKeyPresent()) {
            disc = GRE_KEY_PRESENT | s.greKey();
        } else {
            disc = 0;
        }
        int id = tunnels.intern((lo << 32) | hi, ((long) e.ordinal() << ENCAP_SHIFT) | disc, 0, 0, 0);
        if (id == tSeries.length) {
            tSeries = Arrays.copyOf(tSeries, id * 2);
            tCounters = Arrays.copyOf(tCounters, id * 2 * TW);
        }
        long bytes = s.outerTotalLength();
        long[] c = tCounters;
        int b = id * TW;
        SeriesBuilder series = tSeries[id];
        if (series == null) {
            series = tSeries[id] = new SeriesBuilder();
            c[b + 4] = t;
            c[b + 5] = t;
        } else if (t < c[b + 4]) {
            c[b + 4] = t;
        } else if (t > c[b + 5]) {
            c[b + 5] = t;
        }
        c[b + orientation]++;
        c[b + 2 + orientation] += bytes;
        series.add(Math.floorDiv(t, intervalNanos), bytes);
        if (s.innerVersion() != 0) {
            flow(s, id, t, bytes);
        }
    }

    private void flow(PacketSummary s, int tunnel, long t, long bytes) {
        boolean ports = s.innerSrcPort() >= 0;
        long k0 = ((long) s.innerVersion() << 48) | (ports ? 1L << 40 : 0) | ((long) (s.innerProto() & 0xff) << 32)
                | (ports ? ((long) s.innerSrcPort() << 16) | s.innerDstPort() : 0);
        int f;
        if (s.innerVersion() == 4) {
            f = flows.intern(k0, 0, s.innerSrc() & 0xffffffffL, 0, s.innerDst() & 0xffffffffL);
        } else {
            f = flows.intern(k0, s.innerSrc6Hi(), s.innerSrc6Lo(), s.innerDst6Hi(), s.innerDst6Lo());
        }
        int u = uses.intern(((long) f << 32) | tunnel, 0, 0, 0, 0);
        if ((u + 1) * UW > uCounters.length) {
            uCounters = Arrays.copyOf(uCounters, uCounters.length * 2);
        }
        long[] c = uCounters;
        int b = u * UW;
        if (c[b + 2] == 0) {
            c[b] = t;
            c[b + 1] = t;
            c[b + 4] = frame;
        } else if (t < c[b]) {
            c[b] = t;
            c[b + 4] = frame;
        } else if (t > c[b + 1]) {
            c[b + 1] = t;
        }
        c[b + 2]++;
        c[b + 3] += bytes;
    }

    /**
     * Adds everything {@code later} accounted — a pass over the part of the capture that comes after this one's —
     * as if this accounting had seen those packets itself, in order: tunnels, inner flows and their uses keep their
     * first-seen order (this one's first, then {@code later}'s new ones), counters add up, first/last times and
     * series merge. So a capture split at record boundaries, accounted chunk by chunk in parallel and merged in
     * file order, gives the same {@link TunnelReport} as one pass. {@code later} must not be used afterwards.
     */
    public void merge(TunnelAccounting later) {
        merge(later, 0);
    }

    /**
     * As {@link #merge(TunnelAccounting)}, for an accounting whose packets were numbered from 1 within their chunk:
     * {@code frameOffset} (the packets before the chunk) is added to the frame numbers it recorded.
     */
    public void merge(TunnelAccounting later, long frameOffset) {
        if (finished || later.finished) {
            throw new IllegalStateException("finish() was called");
        }
        if (later.intervalNanos != intervalNanos) {
            throw new IllegalArgumentException("different series intervals");
        }
        packets += later.packets;
        wireBytes += later.wireBytes;
        firstNanos = Math.min(firstNanos, later.firstNanos);
        lastNanos = Math.max(lastNanos, later.lastNanos);
        signalling += later.signalling;
        requests += later.requests;
        replies += later.replies;
        mobility += later.mobility;
        tunnelled += later.tunnelled;
        unattributed += later.unattributed;
        malformed += later.malformed;
        for (MipPorts p : later.seenPorts) {
            notePorts(p); // the Mobile IP ports its packets were classified with count as evidence here too
        }
        signalledHomeAgents.internAll(later.signalledHomeAgents);
        signalledCareOf.internAll(later.signalledCareOf);
        requestDestinations.internAll(later.requestDestinations);
        int[] tunnelMap = new int[later.tunnels.size()];
        for (int lt = 0; lt < tunnelMap.length; lt++) {
            int id = tunnels.intern(later.tunnels.key(lt, 0), later.tunnels.key(lt, 1), 0, 0, 0);
            tunnelMap[lt] = id;
            if (id >= tSeries.length) {
                tSeries = Arrays.copyOf(tSeries, Math.max(id + 1, tSeries.length * 2));
                tCounters = Arrays.copyOf(tCounters, tSeries.length * TW);
            }
            int b = id * TW;
            int lb = lt * TW;
            long[] c = tCounters;
            long[] lc = later.tCounters;
            if (tSeries[id] == null) {
                tSeries[id] = later.tSeries[lt];
                System.arraycopy(lc, lb, c, b, TW);
            } else {
                for (int k = 0; k < 4; k++) {
                    c[b + k] += lc[lb + k];
                }
                c[b + 4] = Math.min(c[b + 4], lc[lb + 4]);
                c[b + 5] = Math.max(c[b + 5], lc[lb + 5]);
                tSeries[id].merge(later.tSeries[lt]);
            }
        }
        int[] flowMap = new int[later.flows.size()];
        for (int lf = 0; lf < flowMap.length; lf++) {
            flowMap[lf] = flows.intern(later.flows.key(lf, 0), later.flows.key(lf, 1), later.flows.key(lf, 2),
                    later.flows.key(lf, 3), later.flows.key(lf, 4));
        }
        for (int lu = 0; lu < later.uses.size(); lu++) {
            long lk = later.uses.key(lu, 0);
            int f = flowMap[(int) (lk >>> 32)];
            int t = tunnelMap[(int) (lk & 0xffffffffL)];
            boolean known = uses.find(((long) f << 32) | t, 0, 0, 0, 0) >= 0;
            int u = uses.intern(((long) f << 32) | t, 0, 0, 0, 0);
            while ((u + 1) * UW > uCounters.length) {
                uCounters = Arrays.copyOf(uCounters, uCounters.length * 2);
            }
            int b = u * UW;
            int lb = lu * UW;
            long[] lc = later.uCounters;
            if (!known) {
                System.arraycopy(lc, lb, uCounters, b, UW);
                uCounters[b + 4] += frameOffset;
            } else {
                if (lc[lb] < uCounters[b]) { // an earlier first packet (ties keep the first seen, as one pass does)
                    uCounters[b] = lc[lb];
                    uCounters[b + 4] = lc[lb + 4] + frameOffset;
                }
                uCounters[b + 1] = Math.max(uCounters[b + 1], lc[lb + 1]);
                uCounters[b + 2] += lc[lb + 2];
                uCounters[b + 3] += lc[lb + 3];
            }
        }
        later.finished = true;
    }

    /** Heap held by the accounting's tables and series (the figure behind the memory note above). */
    public long retainedBytes() {
        long n = signalledHomeAgents.retainedBytes() + signalledCareOf.retainedBytes()
                + requestDestinations.retainedBytes() + tunnels.retainedBytes() + flows.retainedBytes()
                + uses.retainedBytes();
        n += 8L * tCounters.length + 4L * tSeries.length + 8L * uCounters.length;
        for (int i = 0; i < tunnels.size(); i++) {
            n += 48 + tSeries[i].retainedBytes();
        }
        return n;
    }

    /** Decides each tunnel's direction and builds the report; the accounting takes no packets afterwards. */
    public TunnelReport finish() {
        finished = true;
        return report(true);
    }

    /**
     * The report so far, without inner flows, while packets keep coming (a live capture shows its tunnels and
     * series every second). Directions are decided on the evidence so far, so a tunnel seen before any signalling
     * may turn around later. Costs one pass over the tunnels and copies of their series; call it rarely.
     */
    public TunnelReport snapshot() {
        if (finished) {
            throw new IllegalStateException("finish() was called");
        }
        return report(false);
    }

    private TunnelReport report(boolean withFlows) {
        int n = tunnels.size();
        LongTupleTable peers = peerCounts(n);
        TunnelTotals[] built = new TunnelTotals[n];
        for (int id = 0; id < n; id++) {
            built[id] = build(id, peers);
            if (withFlows) {
                tSeries[id] = null; // finished: the built series replaces the builder (one copy of the buckets)
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> compareTunnels(built[a], built[b]));
        int[] rank = new int[n];
        List<TunnelTotals> sorted = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rank[order[i]] = i;
            sorted.add(built[order[i]]);
        }
        return new TunnelReport(intervalNanos, packets, wireBytes, packets == 0 ? 0 : firstNanos,
                packets == 0 ? 0 : lastNanos, signalling, requests, replies, mobility, tunnelled, unattributed,
                malformed, sorted, withFlows ? buildFlows(rank) : List.of());
    }

    private LongTupleTable peerCounts(int n) {
        LongTupleTable endpoints = new LongTupleTable(1, 2 * n);
        LongTupleTable pairs = new LongTupleTable(1, n);
        degree = new int[2 * n + 16];
        for (int id = 0; id < n; id++) {
            long pair = tunnels.key(id, 0);
            if (pairs.find(pair, 0, 0, 0, 0) >= 0) {
                continue; // another encapsulation or key between the same endpoints: same peers
            }
            pairs.intern(pair, 0, 0, 0, 0);
            degree[endpoints.intern(pair >>> 32, 0, 0, 0, 0)]++;
            degree[endpoints.intern(pair & 0xffffffffL, 0, 0, 0, 0)]++;
        }
        return endpoints;
    }

    private TunnelTotals build(int id, LongTupleTable peers) {
        long pair = tunnels.key(id, 0);
        long k1 = tunnels.key(id, 1);
        long lo = pair >>> 32;
        long hi = pair & 0xffffffffL;
        int c = id * TW;
        long loSent = tCounters[c + 2];
        long hiSent = tCounters[c + 3];
        DirectionEvidence evidence;
        int haIsLo; // 1: lo is the HA, 0: hi is the HA
        int d;
        if ((d = separates(signalledHomeAgents, lo, hi)) != 0) {
            evidence = DirectionEvidence.SIGNALLED_HOME_AGENT;
            haIsLo = d > 0 ? 1 : 0;
        } else if ((d = separates(signalledCareOf, lo, hi)) != 0) {
            evidence = DirectionEvidence.SIGNALLED_CARE_OF;
            haIsLo = d > 0 ? 0 : 1;
        } else if ((d = separates(requestDestinations, lo, hi)) != 0) {
            evidence = DirectionEvidence.REQUEST_DESTINATION;
            haIsLo = d > 0 ? 1 : 0;
        } else if (k1 >>> ENCAP_SHIFT == TunnelEncapsulation.UDP.ordinal()
                && mipPorts.contains((int) ((k1 >>> 16) & 0xffff)) != mipPorts.contains((int) (k1 & 0xffff))) {
            evidence = DirectionEvidence.UDP_PORT_434;
            haIsLo = mipPorts.contains((int) ((k1 >>> 16) & 0xffff)) ? 1 : 0;
        } else if (degree[peers.find(lo, 0, 0, 0, 0)] != degree[peers.find(hi, 0, 0, 0, 0)]) {
            evidence = DirectionEvidence.PEER_COUNT;
            haIsLo = degree[peers.find(lo, 0, 0, 0, 0)] > degree[peers.find(hi, 0, 0, 0, 0)] ? 1 : 0;
        } else if (loSent != hiSent) {
            evidence = DirectionEvidence.BYTES_SENT;
            haIsLo = loSent > hiSent ? 1 : 0;
        } else {
            evidence = DirectionEvidence.ADDRESS_ORDER;
            haIsLo = 1;
        }
        // orientation 0 is lo -> hi: towards the care-of end when lo is the HA
        int toCoa = haIsLo == 1 ? 0 : 1;
        int toHa = 1 - toCoa;
        TunnelEncapsulation e = TunnelEncapsulation.values()[(int) (k1 >>> ENCAP_SHIFT)];
        long greKey = e == TunnelEncapsulation.GRE && (k1 & GRE_KEY_PRESENT) != 0 ? k1 & 0xffffffffL : -1;
        int haPort = -1;
        int coaPort = -1;
        if (e == TunnelEncapsulation.UDP) {
            int loPort = (int) ((k1 >>> 16) & 0xffff);
            int hiPort = (int) (k1 & 0xffff);
            haPort = haIsLo == 1 ? loPort : hiPort;
            coaPort = haIsLo == 1 ? hiPort : loPort;
        }
        int ha = (int) (haIsLo == 1 ? lo : hi);
        int coa = (int) (haIsLo == 1 ? hi : lo);
        return new TunnelTotals(ha, coa, e, greKey, haPort, coaPort,
                new DirectionTotals(tCounters[c + toCoa], tCounters[c + 2 + toCoa]),
                new DirectionTotals(tCounters[c + toHa], tCounters[c + 2 + toHa]), tCounters[c + 4], tCounters[c + 5],
                evidence, tSeries[id].build(intervalNanos));
    }

    /** 1 when only {@code lo} is in {@code set}, -1 when only {@code hi}, 0 when both or neither. */
    private static int separates(LongTupleTable set, long lo, long hi) {
        boolean l = set.find(lo, 0, 0, 0, 0) >= 0;
        boolean h = set.find(hi, 0, 0, 0, 0) >= 0;
        return l == h ? 0 : l ? 1 : -1;
    }

    private static int compareTunnels(TunnelTotals a, TunnelTotals b) {
        int c = Integer.compareUnsigned(a.homeAgent(), b.homeAgent());
        if (c == 0) {
            c = Integer.compareUnsigned(a.careOfAddress(), b.careOfAddress());
        }
        if (c == 0) {
            c = a.encapsulation().compareTo(b.encapsulation());
        }
        if (c == 0) {
            c = Long.compare(a.greKey(), b.greKey());
        }
        if (c == 0) {
            c = Integer.compare(a.homeAgentPort(), b.homeAgentPort());
        }
        if (c == 0) {
            c = Integer.compare(a.careOfPort(), b.careOfPort());
        }
        return c;
    }

    private List<InnerFlow> buildFlows(int[] tunnelRank) {
        int nf = flows.size();
        int nu = uses.size();
        // group uses by flow: counting sort on the flow id, uses stay in first-seen order within a flow
        int[] start = new int[nf + 1];
        for (int u = 0; u < nu; u++) {
            start[(int) (uses.key(u, 0) >>> 32) + 1]++;
        }
        for (int f = 0; f < nf; f++) {
            start[f + 1] += start[f];
        }
        int[] byFlow = new int[nu];
        int[] fill = Arrays.copyOf(start, nf);
        for (int u = 0; u < nu; u++) {
            byFlow[fill[(int) (uses.key(u, 0) >>> 32)]++] = u;
        }
        List<InnerFlow> out = new ArrayList<>(nf);
        for (int f = 0; f < nf; f++) {
            List<FlowTunnelUse> list = new ArrayList<>(start[f + 1] - start[f]);
            long p = 0;
            long b = 0;
            for (int i = start[f]; i < start[f + 1]; i++) {
                int u = byFlow[i];
                int tunnel = tunnelRank[(int) (uses.key(u, 0) & 0xffffffffL)];
                int c = u * UW;
                list.add(new FlowTunnelUse(tunnel, uCounters[c], uCounters[c + 1], uCounters[c + 2],
                        uCounters[c + 3], uCounters[c + 4]));
                p += uCounters[c + 2];
                b += uCounters[c + 3];
            }
            list.sort((x, y) -> x.firstNanos() != y.firstNanos() ? Long.compare(x.firstNanos(), y.firstNanos())
                    : Long.compare(x.firstFrame(), y.firstFrame()));
            long k0 = flows.key(f, 0);
            int version = (int) (k0 >>> 48);
            boolean ports = (k0 & (1L << 40)) != 0;
            String src = address(version, flows.key(f, 1), flows.key(f, 2));
            String dst = address(version, flows.key(f, 3), flows.key(f, 4));
            out.add(new InnerFlow(version, src, dst, (int) ((k0 >>> 32) & 0xff), ports ? (int) ((k0 >>> 16) & 0xffff)
                    : -1, ports ? (int) (k0 & 0xffff) : -1, p, b, list));
        }
        return out;
    }

    private static String address(int version, long hi, long lo) {
        if (version == 4) {
            return Addresses.ipv4((int) lo);
        }
        ByteBuffer b = ByteBuffer.allocate(16).putLong(hi).putLong(lo);
        return Addresses.ipv6(b, 0);
    }
}

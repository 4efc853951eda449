package org.multitunnel.agent.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.multitunnel.agent.net.Ipv4;
import org.multitunnel.wire.mip.ext.ExtensionRegistry;

/**
 * Node emulation against a home agent (what HA testers call it): N mobile nodes with K care-of addresses each
 * (RFC 7629 BIDs), registered at a constant request rate, re-registered before their granted lifetimes run out and
 * de-registered at the end, with RFC 5944 §5.7 Identifications and MN-HA authenticators on every request and every
 * reply's authenticator checked.
 *
 * <p>Two threads: this one (the caller of {@link #run()}) paces and builds requests, keeps every binding's state
 * and handles timeouts; a receive thread reads and verifies replies and hands them over through a
 * {@link ReplyRing}. Per-binding state lives in primitive arrays indexed by binding ({@code node × K + BID - 1}),
 * and the binding index travels in the low 20 bits of each request's Identification (the fraction part of the
 * RFC 5944 §5.7.1 timestamp), so a reply finds its request without a map or an allocation.
 *
 * <p>Phases: {@code register} (until every binding has been accepted once), {@code sustain} (refreshing the most
 * urgent binding at the request rate until the duration is over), {@code deregister} (Lifetime 0 for every
 * accepted binding, at the same rate). The request rate counts every datagram, retransmissions included.
 */
public final class LoadGenerator {
    private static final long SECOND = 1_000_000_000L;
    private static final long RETRY_AFTER_REJECT = SECOND;
    private static final int TAG_INDEX_BITS = 20;
    private static final int TAG_INDEX_MASK = (1 << TAG_INDEX_BITS) - 1;

    private enum State {
        SENDING, DRAIN, DEREGISTER, FINAL_DRAIN, DONE
    }

    private final LoadSettings s;
    private final LoadListener listener;
    private final RequestTemplates templates;
    private final int total;
    private final int k;
    private final boolean nonces;
    private final long timeoutNanos;

    // per binding, owned by the scheduling thread
    private final int[] tag;
    private final int[] prevTag;
    private final long[] sentAt;
    private final long[] prevSentAt;
    private final long[] lastId;
    private final long[] expires;
    private final byte[] attempt;
    private final boolean[] dereg;
    private final boolean[] registered;
    private final int[] nonce;
    private final int[] careOf;
    private final BindingSchedule schedule;
    private final TimeoutQueue[] timeouts;

    private final ReplyRing ring = new ReplyRing(1 << 16);
    private volatile boolean receiving = true;
    private volatile int stopRequests;

    // totals
    private long requests;
    private long transmissions;
    private long retransmissions;
    private long answered;
    private long accepted;
    private long rejected;
    private long unanswered;
    private long lost;
    private long late;
    private long authFailures;
    private long resyncs;
    private long lapsed;
    private long sendErrors;
    private long behind;
    private int inflight;
    private int registeredCount;
    private int peakBindings;
    private final long[] codes = new long[256];
    private final LatencyHistogram overall = new LatencyHistogram();

    // the open second
    private final LatencyHistogram secHist = new LatencyHistogram();
    private long secOffered;
    private long secAnswered;
    private long secAccepted;
    private long secRejected;
    private long secRetrans;
    private long secLost;
    private long secUnanswered;
    private long secLate;
    private final List<LoadSecond> series = new ArrayList<>();

    private DatagramChannel[] channels;
    private int[] sourceInts;
    private final byte[] buf;
    private final ByteBuffer out;
    private long t0;
    private long wall0;
    private State state = State.SENDING;
    private long nonReplies;

    public LoadGenerator(LoadSettings settings, LoadListener listener) {
        this.s = settings;
        this.listener = listener == null ? x -> {
        } : listener;
        this.templates = new RequestTemplates(settings);
        this.total = settings.bindings();
        this.k = settings.bids();
        this.nonces = settings.identification() == LoadSettings.Identification.NONCES;
        this.timeoutNanos = settings.timeoutMillis() * 1_000_000L;
        tag = new int[total];
        prevTag = new int[total];
        sentAt = new long[total];
        prevSentAt = new long[total];
        lastId = new long[total];
        expires = new long[total];
        attempt = new byte[total];
        dereg = new boolean[total];
        registered = new boolean[total];
        nonce = nonces ? new int[total] : null;
        careOf = new int[total];
        schedule = new BindingSchedule(total);
        timeouts = new TimeoutQueue[settings.transmissions() + 1];
        for (int j = 1; j < timeouts.length; j++) {
            timeouts[j] = new TimeoutQueue();
        }
        buf = new byte[Math.max(64, templates.maxLength())];
        out = ByteBuffer.wrap(buf);
    }

    /** First call: stop sending new registrations and go on to de-register; second call: abandon the run. */
    public void stop() {
        stopRequests++;
    }

    /** Runs the whole load (blocking) and returns its report. IOException when the sockets cannot be opened. */
    public LoadReport run() throws IOException {
        openChannels();
        Selector selector = Selector.open();
        for (DatagramChannel c : channels) {
            c.register(selector, SelectionKey.OP_READ);
        }
        Thread receiver = Thread.ofPlatform().daemon().name("load-receive").start(() -> receiveLoop(selector));
        List<LoadReport.Phase> phases = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        warnings(warnings);
        Instant started = Instant.now();
        wall0 = started.getEpochSecond() * SECOND + started.getNano();
        t0 = System.nanoTime();
        try {
            loop(phases, warnings);
        } finally {
            receiving = false;
            selector.wakeup();
            try {
                receiver.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            selector.close();
            for (DatagramChannel c : channels) {
                c.close();
            }
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        if (behind > 0) {
            warnings.add("the generator fell " + behind + " requests behind the requested rate (CPU-bound: fewer "
                    + "offered than asked)");
        }
        if (nonReplies > 0) {
            warnings.add(nonReplies + " datagrams received that were not Registration Replies");
        }
        return report(started, elapsed, phases, warnings);
    }

    private void openChannels() throws IOException {
        List<java.net.InetAddress> src = s.sources();
        channels = new DatagramChannel[src.size()];
        sourceInts = new int[src.size()];
        try {
            for (int i = 0; i < channels.length; i++) {
                DatagramChannel c = DatagramChannel.open();
                channels[i] = c;
                c.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
                c.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
                try {
                    c.bind(new InetSocketAddress(src.get(i), 0));
                } catch (IOException e) {
                    throw new IOException("cannot send from " + src.get(i).getHostAddress() + ": " + e.getMessage(),
                            e);
                }
                c.configureBlocking(false);
                sourceInts[i] = Ipv4.toInt(src.get(i));
            }
        } catch (IOException | RuntimeException e) {
            for (DatagramChannel c : channels) {
                if (c != null) {
                    c.close();
                }
            }
            throw e;
        }
        for (int i = 0; i < total; i++) {
            int bid = i % k + 1;
            careOf[i] = s.careOfBase() != 0 ? s.careOfBase() + i : sourceInts[(bid - 1) % sourceInts.length];
        }
    }

    private void warnings(List<String> w) {
        double round = (double) total / s.rate();
        double renew = s.lifetime() * s.refresh();
        if (round > renew) {
            w.add(String.format(java.util.Locale.ROOT, "at %d requests/s a round over %d bindings takes %.1f s, "
                    + "longer than %.1f s (lifetime %d s × refresh %.2f): bindings will lapse", s.rate(), total,
                    round, renew, s.lifetime(), s.refresh()));
        }
        if (round > s.durationSeconds()) {
            w.add(String.format(java.util.Locale.ROOT, "registering %d bindings at %d requests/s takes %.1f s, "
                    + "longer than the duration (%.1f s)", total, s.rate(), round, s.durationSeconds()));
        }
    }

    private void loop(List<LoadReport.Phase> phases, List<String> warnings) {
        long endSending = t0 + (long) (s.durationSeconds() * SECOND);
        long epoch = t0;
        long sentInEpoch = 0;
        long secondEnd = t0 + SECOND;
        int deregCursor = 0;
        String phase = "register";
        long phaseStart = t0;
        listener.phase(phase);
        schedule.fillInOrder(t0);
        while (state != State.DONE) {
            long now = System.nanoTime();
            ring.drain(this::onReply);
            processTimeouts(now);
            if (stopRequests >= 2) {
                unanswered += inflight; // abandoned
                secUnanswered += inflight;
                inflight = 0;
                if (state == State.SENDING || state == State.DEREGISTER || state == State.FINAL_DRAIN) {
                    phases.add(phase(phase, phaseStart, now));
                }
                state = State.DONE;
                break;
            }
            boolean sent = false;
            switch (state) {
                case SENDING -> {
                    if (phase.equals("register") && registeredCount == total) {
                        phases.add(phase(phase, phaseStart, now));
                        phase = "sustain";
                        phaseStart = now;
                        listener.phase(phase);
                    }
                    if (now >= endSending || stopRequests >= 1) {
                        phases.add(phase(phase, phaseStart, now));
                        state = State.DRAIN;
                        break;
                    }
                    long allowed = allowed(now, epoch);
                    long backlog = Math.max(1, s.rate() / 20);
                    if (allowed - sentInEpoch > backlog) {
                        behind += allowed - sentInEpoch - backlog;
                        sentInEpoch = allowed - backlog;
                    }
                    int burst = 0;
                    while (sentInEpoch < allowed && burst < 256) {
                        int i = schedule.poll();
                        if (i < 0) {
                            sentInEpoch = allowed; // everything is in flight: no catching up later
                            break;
                        }
                        if (registered[i] && expires[i] <= now) {
                            registered[i] = false; // its granted lifetime ran out before we got to it
                            registeredCount--;
                            lapsed++;
                        }
                        transmit(i, false, now, 1, true);
                        sentInEpoch++;
                        burst++;
                        sent = true;
                    }
                }
                case DRAIN -> {
                    if (inflight == 0) {
                        state = State.DEREGISTER;
                        phase = "deregister";
                        phaseStart = now;
                        listener.phase(phase);
                        epoch = now;
                        sentInEpoch = 0;
                    }
                }
                case DEREGISTER -> {
                    long allowed = allowed(now, epoch);
                    int burst = 0;
                    while (deregCursor < total && sentInEpoch < allowed && burst < 256) {
                        int i = deregCursor++;
                        if (registered[i] && attempt[i] == 0) {
                            transmit(i, true, now, 1, true);
                            sentInEpoch++;
                            burst++;
                            sent = true;
                        }
                    }
                    if (deregCursor == total) {
                        state = State.FINAL_DRAIN;
                    }
                }
                case FINAL_DRAIN -> {
                    if (inflight == 0) {
                        phases.add(phase(phase, phaseStart, now));
                        state = State.DONE;
                    }
                }
                default -> {
                }
            }
            while (now >= secondEnd) {
                closeSecond((int) ((secondEnd - t0) / SECOND) - 1);
                secondEnd += SECOND;
            }
            if (!sent && ring.isEmpty()) {
                LockSupport.parkNanos(20_000);
            }
        }
        long now = System.nanoTime();
        if (secOffered + secAnswered + secLate + secLost > 0 || series.isEmpty()) {
            closeSecond((int) ((now - t0) / SECOND));
        }
    }

    private long allowed(long now, long epoch) {
        return (long) ((now - epoch) / 1e9 * s.rate());
    }

    private LoadReport.Phase phase(String name, long start, long end) {
        return new LoadReport.Phase(name, (start - t0) / 1e9, (end - t0) / 1e9);
    }

    /** Sends request {@code i}: attempt 1 of a new one (or a resynchronised one), or a retransmission. */
    private void transmit(int i, boolean deregistration, long now, int attemptNo, boolean newRequest) {
        long id = identification(i, now, attemptNo);
        int bid = i % k + 1;
        int len = templates.write(buf, deregistration, bid, s.homeAddress(i / k), careOf[i], id);
        send((bid - 1) % channels.length, len);
        if (attemptNo == 1) {
            if (newRequest) {
                requests++;
            }
            inflight++;
            prevSentAt[i] = 0;
        } else {
            prevTag[i] = tag[i];
            prevSentAt[i] = sentAt[i];
            retransmissions++;
            secRetrans++;
        }
        tag[i] = (int) id;
        sentAt[i] = now;
        attempt[i] = (byte) attemptNo;
        dereg[i] = deregistration;
        timeouts[attemptNo].add(i, (int) id, now + (timeoutNanos << (attemptNo - 1)));
        transmissions++;
        secOffered++;
    }

    /**
     * RFC 5944 §5.7.1 timestamps: the current NTP time with the binding index in the low 20 bits of the fraction,
     * strictly increasing per binding; a retransmission is a new registration with a new value (§3.6.3). §5.7.2
     * nonces: the last nonce the agent gave this binding high, our own counter and index low; a retransmission
     * goes out unchanged.
     */
    private long identification(int i, long now, int attemptNo) {
        long id;
        if (nonces) {
            if (attemptNo > 1) {
                return lastId[i];
            }
            int counter = ((int) (lastId[i] >>> TAG_INDEX_BITS) + 1) & 0xfff;
            id = (nonce[i] & 0xffffffffL) << 32 | ((long) counter << TAG_INDEX_BITS | i) & 0xffffffffL;
        } else {
            long ntp = ntp(wall0 + (now - t0));
            id = (ntp & ~(long) TAG_INDEX_MASK) | i;
            if (Long.compareUnsigned(id, lastId[i]) <= 0) {
                id = lastId[i] + (1L << TAG_INDEX_BITS);
            }
        }
        lastId[i] = id;
        return id;
    }

    private static long ntp(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, SECOND) + org.multitunnel.agent.net.NtpIdentification.NTP_UNIX_OFFSET;
        long fraction = (Math.floorMod(epochNanos, SECOND) << 32) / SECOND;
        return (seconds & 0xffffffffL) << 32 | fraction;
    }

    private void send(int channel, int len) {
        out.clear().limit(len);
        try {
            for (int tries = 0; tries < 100; tries++) {
                if (channels[channel].send(out, s.target()) > 0) {
                    return;
                }
                Thread.onSpinWait(); // the socket's send buffer is full: the kernel drains it in microseconds
            }
            sendErrors++;
        } catch (IOException e) {
            sendErrors++; // e.g. ICMP port unreachable reported on the next send: the timeout counts it as lost
        }
    }

    private void onReply(long a, long id, long recvNanos, long homeField) {
        int code = (int) (a & 0xff);
        int auth = (int) ((a >>> 8) & 0xff);
        int life = (int) ((a >>> 16) & 0xffff);
        int t = (int) id;
        int i = t & TAG_INDEX_MASK;
        if (i >= total || attempt[i] == 0 || (int) homeField != s.homeAddress(i / k)) {
            late++;
            secLate++;
            return;
        }
        long sent;
        if (t == tag[i]) {
            sent = sentAt[i];
        } else if (prevSentAt[i] != 0 && t == prevTag[i]) {
            sent = prevSentAt[i];
        } else {
            late++;
            secLate++;
            return;
        }
        attempt[i] = 0;
        inflight--;
        answered++;
        secAnswered++;
        overall.record(recvNanos - sent);
        secHist.record(recvNanos - sent);
        codes[code]++;
        boolean authentic = auth == ReplyReader.AUTH_VALID;
        if (nonces && authentic) {
            nonce[i] = (int) (id >>> 32);
        }
        if (code <= 1 && authentic) {
            accepted++;
            secAccepted++;
            if (dereg[i]) {
                if (registered[i]) {
                    registered[i] = false;
                    registeredCount--;
                }
            } else {
                if (!registered[i]) {
                    registered[i] = true;
                    registeredCount++;
                    peakBindings = Math.max(peakBindings, registeredCount);
                }
                expires[i] = life == 0xffff ? Long.MAX_VALUE : recvNanos + life * SECOND;
                if (state == State.SENDING) {
                    schedule.add(i, recvNanos + (long) (life * s.refresh() * SECOND));
                }
            }
        } else if (code == 133 && nonces && authentic && state != State.DONE) {
            resyncs++; // RFC 5944 §5.7.2: the reply carries the nonce to use; send again with it at once
            transmit(i, dereg[i], System.nanoTime(), 1, false);
        } else {
            if (code <= 1) {
                authFailures++;
            } else {
                rejected++;
                secRejected++;
            }
            if (!dereg[i] && state == State.SENDING) {
                schedule.add(i, recvNanos + RETRY_AFTER_REJECT);
            }
        }
    }

    private void processTimeouts(long now) {
        for (int j = 1; j < timeouts.length; j++) {
            TimeoutQueue q = timeouts[j];
            while (q.due(now)) {
                int i = q.headIndex();
                int t = q.headTag();
                q.pop();
                if (attempt[i] != j || tag[i] != t) {
                    continue; // answered (or resent) meanwhile
                }
                lost++;
                secLost++;
                if (j + 1 < timeouts.length) {
                    transmit(i, dereg[i], now, j + 1, false);
                } else {
                    attempt[i] = 0;
                    inflight--;
                    unanswered++;
                    secUnanswered++;
                    if (!dereg[i] && state == State.SENDING) {
                        schedule.add(i, now);
                    }
                }
            }
        }
    }

    private void closeSecond(int second) {
        LoadSecond x = new LoadSecond(Math.max(0, second), secOffered, secAnswered, secAccepted, secRejected,
                secRetrans, secLost, secUnanswered, secLate, registeredCount, secHist.percentileMillis(0.5),
                secHist.percentileMillis(0.9), secHist.percentileMillis(0.99), secHist.maxMillis());
        series.add(x);
        secOffered = secAnswered = secAccepted = secRejected = secRetrans = secLost = secUnanswered = secLate = 0;
        secHist.reset();
        listener.second(x);
    }

    /** The receive thread: reads every reply, verifies it and hands it to the scheduling thread. */
    private void receiveLoop(Selector selector) {
        ByteBuffer in = ByteBuffer.allocateDirect(65_536);
        byte[] b = new byte[65_536];
        ReplyReader reader = new ReplyReader(s.key(), ExtensionRegistry.defaults());
        try {
            while (receiving) {
                selector.select(50);
                for (SelectionKey key : selector.selectedKeys()) {
                    DatagramChannel c = (DatagramChannel) key.channel();
                    while (true) {
                        in.clear();
                        if (c.receive(in) == null) {
                            break;
                        }
                        long now = System.nanoTime();
                        in.flip();
                        int n = in.remaining();
                        in.get(b, 0, n);
                        if (!reader.read(b, n)) {
                            nonReplies++;
                            continue;
                        }
                        long a = reader.code | (long) reader.auth << 8 | (long) reader.lifetime << 16;
                        if (!ring.put(a, reader.identification, now, reader.home, () -> receiving)) {
                            return;
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            // closed at the end of the run
        }
    }

    private LoadReport report(Instant started, double elapsed, List<LoadReport.Phase> phases,
            List<String> warnings) {
        List<String> sources = new ArrayList<>();
        s.sources().forEach(a -> sources.add(a.getHostAddress()));
        LoadReport.Settings settings = new LoadReport.Settings(Ipv4.text(s.target()), s.nodes(), s.bids(), s.rate(),
                s.durationSeconds(), s.lifetime(), s.refresh(), s.flowBindings(), s.plain(),
                s.identification().name().toLowerCase(java.util.Locale.ROOT), sources, s.key().spi(),
                s.timeoutMillis(), s.transmissions());
        LoadReport.Totals totals = new LoadReport.Totals(requests, transmissions, retransmissions, answered,
                accepted, rejected, unanswered, lost, late, authFailures, resyncs, lapsed, sendErrors, peakBindings,
                elapsed > 0 ? transmissions / elapsed : 0, elapsed > 0 ? answered / elapsed : 0);
        Map<Integer, Long> byCode = new LinkedHashMap<>();
        for (int c = 0; c < codes.length; c++) {
            if (codes[c] > 0) {
                byCode.put(c, codes[c]);
            }
        }
        LoadReport.Latency latency = new LoadReport.Latency(overall.percentileMillis(0.5),
                overall.percentileMillis(0.9), overall.percentileMillis(0.99), overall.percentileMillis(0.999),
                overall.maxMillis());
        return new LoadReport(settings, started.getEpochSecond() + started.getNano() / 1e9, elapsed, totals, byCode,
                latency, phases, series, warnings);
    }
}

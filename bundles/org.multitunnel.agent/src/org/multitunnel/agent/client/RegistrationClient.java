package org.multitunnel.agent.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.mip.MipCodec;
import org.multitunnel.wire.mip.MipMessage;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.AuthResult;
import org.multitunnel.wire.mip.auth.MipAuthenticator;
import org.multitunnel.wire.mip.ext.ExtensionTypes;

/**
 * A mobile node's registration transaction, as RFC 5944 specifies it for the sender: the request leaves from a
 * chosen source address (RFC 7629 §5 wants each care-of address registered through its own interface), unanswered
 * requests are retransmitted with exponential back-off (§3.6.3; with timestamps every retransmission carries a new
 * Identification and so counts as a new request, with a fixed value it is resent unchanged), and a reply is taken
 * only if it matches (§3.6.2.1, §5.7): same Home Address and the low-order 32 bits of the Identification of one
 * of our transmissions (the home agent may put its own clock into the high-order bits when it answers 133).
 * With verification keys, a reply without a valid MN-HA authenticator is discarded as §3.6.2.1 requires; if no
 * valid reply follows, the verdict is {@link Verdict#AUTH_FAILED}. Registration denials by a foreign agent
 * (codes 64-127) carry no MN-HA authenticator and are not verified.
 */
public final class RegistrationClient {
    private static final int MAX_DATAGRAM = 65_535;
    /** How often a waiting exchange looks at its cancel flag. */
    private static final int POLL_MILLIS = 100;
    private final ClientOptions options;
    private final MipCodec codec;

    public RegistrationClient(ClientOptions options) {
        this(options, new MipCodec());
    }

    public RegistrationClient(ClientOptions options, MipCodec codec) {
        this.options = options;
        this.codec = codec;
    }

    public ClientOptions options() {
        return options;
    }

    /** Sends {@code spec} until a matching reply arrives or the transmissions are used up. */
    public ClientResult send(RegistrationSpec spec) throws IOException {
        return send(spec, null);
    }

    /** As {@link #send(RegistrationSpec)}; {@code comment} labels the packets in the options' exchange log. */
    public ClientResult send(RegistrationSpec spec, String comment) throws IOException {
        IdentificationSource ids = options.identification();
        Outgoing[] last = new Outgoing[1];
        return exchange(attempt -> {
            if (last[0] == null || ids.fresh()) {
                last[0] = new Outgoing(spec.toRequest(ids.next()));
            }
            return last[0];
        }, comment, () -> false);
    }

    /**
     * Sends the bytes {@code source} gives for each transmission (a fixed message is simply returned again), with
     * the same retransmission, matching and verification as a spec. A request that does not decode is still sent
     * and matched by the Home Address and Identification at their RFC 5944 §3.3 offsets. {@code cancelled} is
     * polled while waiting; when it turns true the exchange ends with {@link InterruptedIOException}.
     */
    public ClientResult send(RequestSource source, String comment, BooleanSupplier cancelled) throws IOException {
        return exchange(attempt -> {
            byte[] wire = source.next(attempt);
            return new Outgoing(decodeRequest(wire), wire);
        }, comment, cancelled);
    }

    /** One transmission: the request as decoded (null when it does not decode) and its exact bytes. */
    private record Outgoing(RegistrationRequest request, byte[] wire) {
        Outgoing(RegistrationRequest request) {
            this(request, request.encode());
        }

        int homeAddress() {
            return request != null ? request.homeAddressInt() : wire.length >= 8 ? ByteBuffer.wrap(wire).getInt(4) : 0;
        }

        int identificationLow() {
            return request != null ? (int) request.identification()
                    : wire.length >= 24 ? ByteBuffer.wrap(wire).getInt(20) : 0;
        }
    }

    /** What goes out on each transmission: the same object again means an identical retransmission. */
    @FunctionalInterface
    private interface Transmissions {
        Outgoing next(int attempt) throws IOException;
    }

    private ClientResult exchange(Transmissions next, String comment, BooleanSupplier cancelled) throws IOException {
        List<ExchangedPacket> packets = new ArrayList<>();
        try (DatagramSocket socket = open()) {
            InetSocketAddress local = localAddress(socket);
            List<Outgoing> sent = new ArrayList<>();
            List<Long> sentAt = new ArrayList<>();
            Outgoing request = null;
            RegistrationReply unauthenticated = null;
            byte[] unauthenticatedBytes = null;
            AuthResult failedAuth = null;
            Duration timeout = options.initialTimeout();
            byte[] buf = new byte[MAX_DATAGRAM];
            for (int attempt = 1; attempt <= options.transmissions(); attempt++) {
                request = next.next(attempt);
                byte[] wire = request.wire();
                long wall = wallNanos();
                long t0 = System.nanoTime();
                socket.send(new DatagramPacket(wire, wire.length, options.target()));
                packets.add(new ExchangedPacket(wall, true, local, options.target(), wire));
                sent.add(request);
                sentAt.add(t0);
                long deadline = t0 + timeout.toNanos();
                while (true) {
                    if (cancelled.getAsBoolean()) {
                        throw new InterruptedIOException("cancelled");
                    }
                    long remainingMs = (deadline - System.nanoTime()) / 1_000_000L;
                    if (remainingMs <= 0) {
                        break;
                    }
                    socket.setSoTimeout((int) Math.min(POLL_MILLIS, remainingMs));
                    DatagramPacket in = new DatagramPacket(buf, buf.length);
                    try {
                        socket.receive(in);
                    } catch (SocketTimeoutException e) {
                        continue;
                    }
                    long t1 = System.nanoTime();
                    byte[] data = java.util.Arrays.copyOfRange(in.getData(), in.getOffset(),
                            in.getOffset() + in.getLength());
                    packets.add(new ExchangedPacket(wallNanos(), false,
                            (InetSocketAddress) in.getSocketAddress(), local, data));
                    RegistrationReply reply = decodeReply(data);
                    int match = reply == null ? -1 : matching(reply, sent);
                    if (match < 0) {
                        continue; // a stray datagram, or a reply to something else: keep waiting
                    }
                    AuthResult auth = null;
                    if (options.verifyKeys() != null && !deniedByForeignAgent(reply.code())) {
                        auth = mnHaResult(data, reply);
                        if (auth == null || !auth.valid()) {
                            unauthenticated = reply;
                            unauthenticatedBytes = data;
                            failedAuth = auth;
                            continue; // RFC 5944 §3.6.2.1: silently discard, a valid reply may still come
                        }
                    }
                    Verdict v = reply.accepted() ? Verdict.ACCEPTED : Verdict.REJECTED;
                    return result(v, sent.get(match).request(), reply, data,
                            Duration.ofNanos(t1 - sentAt.get(match)), attempt, auth, packets, comment);
                }
                timeout = timeout.multipliedBy(2).compareTo(options.maxTimeout()) > 0 ? options.maxTimeout()
                        : timeout.multipliedBy(2);
            }
            if (unauthenticated != null) {
                return result(Verdict.AUTH_FAILED, request.request(), unauthenticated, unauthenticatedBytes, null,
                        options.transmissions(), failedAuth, packets, comment);
            }
            return result(Verdict.NO_REPLY, request.request(), null, null, null, options.transmissions(), null,
                    packets, comment);
        }
    }

    private ClientResult result(Verdict v, RegistrationRequest rq, RegistrationReply rp, byte[] bytes, Duration rtt,
            int transmissions, AuthResult auth, List<ExchangedPacket> packets, String comment) {
        if (options.log() != null) {
            options.log().addAll(packets, comment);
        }
        return new ClientResult(v, rq, rp, bytes, rtt, transmissions, auth, packets);
    }

    private DatagramSocket open() throws IOException {
        InetSocketAddress bind = options.source() == null ? new InetSocketAddress(options.sourcePort())
                : new InetSocketAddress(options.source(), options.sourcePort());
        return new DatagramSocket(bind);
    }

    /** The concrete local address (the route's source when bound to the wildcard), for the exchange log. */
    private InetSocketAddress localAddress(DatagramSocket s) throws IOException {
        if (!s.getLocalAddress().isAnyLocalAddress()) {
            return (InetSocketAddress) s.getLocalSocketAddress();
        }
        s.connect(options.target());
        InetSocketAddress a = new InetSocketAddress(s.getLocalAddress(), s.getLocalPort());
        s.disconnect();
        return a;
    }

    private RegistrationRequest decodeRequest(byte[] data) {
        try {
            MipMessage m = codec.decode(data);
            return m instanceof RegistrationRequest r ? r : null;
        } catch (RuntimeException e) { // DecodeException, or a deliberately inconsistent message
            return null;
        }
    }

    private RegistrationReply decodeReply(byte[] data) {
        try {
            MipMessage m = codec.decode(data);
            return m instanceof RegistrationReply r ? r : null;
        } catch (DecodeException e) {
            return null;
        }
    }

    /** Index of the transmission {@code reply} answers (RFC 5944 §5.7: low-order 32 bits), or -1. */
    private static int matching(RegistrationReply reply, List<Outgoing> sent) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            Outgoing rq = sent.get(i);
            if (rq.homeAddress() == reply.homeAddressInt()
                    && rq.identificationLow() == (int) reply.identification()) {
                return i;
            }
        }
        return -1;
    }

    private AuthResult mnHaResult(byte[] data, RegistrationReply reply) {
        List<AuthResult> all = MipAuthenticator.verify(data, reply, options.verifyKeys(), reply.homeAgent());
        long count = all.stream().filter(r -> r.extensionType() == ExtensionTypes.MN_HA_AUTH).count();
        return count == 1 ? MipAuthenticator.resultFor(all, ExtensionTypes.MN_HA_AUTH) : null;
    }

    /** RFC 5944 §3.4: 64-127 are denials by the foreign agent, which has no MN-HA key. */
    static boolean deniedByForeignAgent(int code) {
        return code >= 64 && code <= 127;
    }

    private static long wallNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}

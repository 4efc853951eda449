package org.multitunnel.agent.client;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.multitunnel.wire.mip.MipCodec;
import org.multitunnel.wire.mip.MipMessage;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.ExtensionTypes;

/**
 * A scripted loopback "home agent" for tests: for each request it receives it sends whatever datagrams the
 * responder returns (none = silence, a stray first, a bad authenticator ...). {@link #alwaysAccepting} is the
 * deliberately broken agent of the conformance tests: it accepts everything, signed with the key.
 */
public final class FakeHomeAgent implements AutoCloseable {
    private final DatagramSocket socket;
    private final Thread thread;
    private final AtomicInteger received = new AtomicInteger();

    public FakeHomeAgent(Function<RegistrationRequest, List<byte[]>> responder) throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(() -> loop(responder), "fake-ha");
        thread.setDaemon(true);
        thread.start();
    }

    public static FakeHomeAgent alwaysAccepting(SecurityAssociation sa) throws SocketException {
        return new FakeHomeAgent(rq -> List.of(RegistrationReply.replyTo(rq).code(0)
                .authenticate(ExtensionTypes.MN_HA_AUTH, sa).build().encode()));
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Requests received so far. */
    public int received() {
        return received.get();
    }

    private void loop(Function<RegistrationRequest, List<byte[]>> responder) {
        MipCodec codec = new MipCodec();
        byte[] buf = new byte[65535];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                MipMessage m = codec.decode(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                if (!(m instanceof RegistrationRequest rq)) {
                    continue;
                }
                received.incrementAndGet();
                for (byte[] out : responder.apply(rq)) {
                    socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                }
            } catch (IOException | RuntimeException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2000);
    }
}

package org.multitunnel.agent.testutil;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

import org.multitunnel.wire.mip.MipCodec;
import org.multitunnel.wire.mip.MipMessage;
import org.multitunnel.wire.mip.RegistrationReply;

/** A loopback UDP socket that sends one request and waits (bounded) for the reply, as a mobile node would. */
public final class UdpProbe implements AutoCloseable {
    private final DatagramSocket socket;
    private final MipCodec codec = new MipCodec();
    private byte[] lastReplyBytes;

    public UdpProbe(String localAddress) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.setSoTimeout(2_000);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public void send(byte[] message, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(message, message.length, to));
    }

    /** Sends and returns the decoded reply; fails after 2 s without one. */
    public RegistrationReply exchange(byte[] message, InetSocketAddress to) throws IOException {
        send(message, to);
        return receive();
    }

    public RegistrationReply receive() throws IOException {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        lastReplyBytes = Arrays.copyOf(p.getData(), p.getLength());
        MipMessage m = codec.decode(lastReplyBytes);
        if (!(m instanceof RegistrationReply r)) {
            throw new AssertionError("expected a Registration Reply, got " + m.summary());
        }
        return r;
    }

    /** True when nothing arrives within {@code millis}. */
    public boolean silentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            socket.receive(new DatagramPacket(new byte[2048], 2048));
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(2_000);
        }
    }

    public byte[] lastReplyBytes() {
        return lastReplyBytes.clone();
    }

    @Override
    public void close() {
        socket.close();
    }
}

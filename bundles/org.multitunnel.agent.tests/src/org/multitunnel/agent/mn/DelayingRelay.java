package org.multitunnel.agent.mn;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A UDP relay on loopback between mobile node and home agent that holds back the first datagram from one source
 * for a while: it makes requests overtake each other as they can on real links, deterministically. Each source
 * gets its own upstream socket, so replies find their way back.
 */
final class DelayingRelay implements AutoCloseable {
    private final DatagramSocket front;
    private final InetSocketAddress target;
    private final String delayedSource;
    private final long delayMillis;
    private final Map<SocketAddress, DatagramSocket> upstream = new ConcurrentHashMap<>();
    private volatile boolean delayedOnce;

    DelayingRelay(InetSocketAddress target, String delayedSource, long delayMillis) throws SocketException {
        this.front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.target = target;
        this.delayedSource = delayedSource;
        this.delayMillis = delayMillis;
        Thread.ofPlatform().daemon().start(this::loop);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) front.getLocalSocketAddress();
    }

    private void loop() {
        byte[] buf = new byte[4096];
        while (!front.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                front.receive(p);
                byte[] data = java.util.Arrays.copyOf(p.getData(), p.getLength());
                SocketAddress from = p.getSocketAddress();
                DatagramSocket up = upstream.computeIfAbsent(from, this::open);
                boolean hold = !delayedOnce && p.getAddress().getHostAddress().equals(delayedSource);
                delayedOnce |= hold;
                Thread.ofPlatform().daemon().start(() -> {
                    try {
                        Thread.sleep(hold ? delayMillis : 0);
                        up.send(new DatagramPacket(data, data.length, target));
                    } catch (IOException | InterruptedException e) {
                        // the test sees the missing reply
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    private DatagramSocket open(SocketAddress client) {
        try {
            DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread.ofPlatform().daemon().start(() -> {
                byte[] buf = new byte[4096];
                while (!s.isClosed()) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        s.receive(p);
                        front.send(new DatagramPacket(p.getData(), p.getLength(), client));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            return s;
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        front.close();
        upstream.values().forEach(DatagramSocket::close);
    }
}

package org.multitunnel.agent.net;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Objects;

/**
 * One bound UDP socket with a single receive thread, as every agent needs: a handler per datagram, sends from the
 * same socket (RFC 5944 §3.8.3.1 answers go back from the port the request reached), optional recording of both
 * directions, and a close that stops the thread within one poll interval and joins it.
 */
public final class UdpEndpoint implements AutoCloseable {
    /** Largest Mobile IPv4 message we accept; registration messages are far smaller. */
    public static final int MAX_DATAGRAM = 65_507;
    private static final int POLL_MILLIS = 200;
    private static final int RECEIVE_BUFFER = 4 << 20;

    /** Called on the receive thread for every datagram. Exceptions are caught and logged, never fatal. */
    @FunctionalInterface
    public interface Handler {
        void datagram(byte[] payload, InetSocketAddress from) throws Exception;
    }

    private final DatagramSocket socket;
    private final InetSocketAddress local;
    private final PacketRecorder recorder;
    private final Thread thread;
    private volatile boolean open = true;

    private UdpEndpoint(DatagramSocket socket, PacketRecorder recorder, Handler handler, String name) {
        this.socket = socket;
        this.local = (InetSocketAddress) socket.getLocalSocketAddress();
        this.recorder = recorder;
        this.thread = Thread.ofPlatform().daemon().name(name + "-" + local.getPort()).unstarted(() -> loop(handler));
    }

    /**
     * Binds {@code address} (port 0: any free port) and starts receiving. {@code recorder} may be null; it is not
     * closed by this endpoint.
     */
    public static UdpEndpoint open(InetSocketAddress address, Handler handler, PacketRecorder recorder, String name)
            throws IOException {
        DatagramSocket s = new DatagramSocket(null);
        try {
            s.setReuseAddress(false);
            s.bind(address);
            s.setSoTimeout(POLL_MILLIS);
            // room for bursts while the thread is busy (a GC pause at 20,000 requests/s is hundreds of datagrams);
            // the kernel caps it at net.core.rmem_max
            s.setReceiveBufferSize(RECEIVE_BUFFER);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        UdpEndpoint e = new UdpEndpoint(s, recorder, Objects.requireNonNull(handler), name);
        if (recorder != null) {
            try {
                recorder.bound(e.local); // an agent's recording names the port it got before any datagram
            } catch (IOException | RuntimeException x) {
                s.close();
                throw x;
            }
        }
        e.thread.start();
        return e;
    }

    public InetSocketAddress localAddress() {
        return local;
    }

    public boolean isOpen() {
        return open;
    }

    public void send(byte[] payload, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(payload, payload.length, to));
        if (recorder != null) {
            recorder.record(local, to, payload, payload.length);
        }
    }

    private void loop(Handler handler) {
        byte[] buf = new byte[MAX_DATAGRAM];
        while (open) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (SocketException e) {
                break; // closed
            } catch (IOException e) {
                if (!open) {
                    break;
                }
                continue;
            }
            InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
            byte[] data = Arrays.copyOf(p.getData(), p.getLength());
            if (recorder != null) {
                recorder.record(from, local, data, data.length);
            }
            try {
                handler.datagram(data, from);
            } catch (Exception | StackOverflowError e) {
                System.err.println(thread.getName() + ": error handling datagram from " + from + ": " + e);
            }
        }
    }

    /** Stops the receive thread (within one poll interval), closes the socket and waits for the thread. */
    @Override
    public void close() {
        open = false;
        socket.close();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

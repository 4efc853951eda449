package org.multitunnel.capture.live.tunnel;

import java.io.IOException;
import java.net.Inet4Address;

/**
 * A raw IPv4 socket for one IP protocol (4 IP-in-IP, 47 GRE) bound to a local address and connected to one peer:
 * the kernel writes the outer IPv4 header (source = the bound address, so source-based policy routing picks the
 * access link of that care-of address) and delivers to it only packets of that protocol from that peer to that
 * address — one socket per tunnel keeps the tunnels apart. Received packets include their outer IPv4 header.
 */
public final class RawIpSocket implements AutoCloseable {
    private final int fd;
    private final String label;

    private RawIpSocket(int fd, String label) {
        this.fd = fd;
        this.label = label;
    }

    public static RawIpSocket open(int protocol, Inet4Address local, Inet4Address remote) throws IOException {
        String label = "raw proto " + protocol + " " + local.getHostAddress() + " -> " + remote.getHostAddress();
        int fd = LibC.INSTANCE.socket(LibC.AF_INET, LibC.SOCK_RAW, protocol);
        if (fd < 0) {
            throw new IOException(LibC.error("socket(AF_INET, SOCK_RAW, " + protocol + ") (needs CAP_NET_RAW)"));
        }
        if (LibC.INSTANCE.bind(fd, sockaddr(local), 16) < 0) {
            String e = LibC.error("bind " + label);
            LibC.INSTANCE.close(fd);
            throw new IOException(e);
        }
        if (LibC.INSTANCE.connect(fd, sockaddr(remote), 16) < 0) {
            String e = LibC.error("connect " + label);
            LibC.INSTANCE.close(fd);
            throw new IOException(e);
        }
        return new RawIpSocket(fd, label);
    }

    /** Sends {@code len} bytes of payload; the kernel prepends the outer IPv4 header. */
    public void send(byte[] payload, int len) throws IOException {
        if (LibC.INSTANCE.send(fd, payload, len, 0) != len) {
            throw new IOException(LibC.error("send " + label));
        }
    }

    /** Makes {@link #receive} fail after {@code millis} without a packet (0: wait forever). */
    public void receiveTimeout(long millis) throws IOException {
        byte[] tv = new byte[16]; // struct timeval: 64-bit seconds, 64-bit microseconds, little-endian
        java.nio.ByteBuffer.wrap(tv).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(millis / 1000)
                .putLong((millis % 1000) * 1000);
        if (LibC.INSTANCE.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, tv, tv.length) < 0) {
            throw new IOException(LibC.error("setsockopt SO_RCVTIMEO " + label));
        }
    }

    /** Blocks for the next packet (outer IPv4 header included); returns its length. */
    public int receive(byte[] buf) throws IOException {
        long n = LibC.INSTANCE.recv(fd, buf, buf.length, 0);
        if (n < 0) {
            throw new IOException(LibC.error("recv " + label));
        }
        return (int) n;
    }

    @Override
    public void close() {
        LibC.INSTANCE.close(fd);
    }

    /** struct sockaddr_in: family (host order), port 0, address (network order), 8 bytes zero. */
    static byte[] sockaddr(Inet4Address a) {
        byte[] s = new byte[16];
        s[0] = (byte) LibC.AF_INET;
        System.arraycopy(a.getAddress(), 0, s, 4, 4);
        return s;
    }
}

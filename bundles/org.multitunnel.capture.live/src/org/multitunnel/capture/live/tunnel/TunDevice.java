package org.multitunnel.capture.live.tunnel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A Linux TUN device opened by name (IFF_TUN | IFF_NO_PI): reads return the IP packets the kernel routes into it,
 * writes hand IP packets to the kernel as if they had arrived on it. The device itself is made and addressed with
 * iproute2 ({@code ip tuntap add dev NAME mode tun}) by whoever sets up the namespace; this only attaches to it.
 */
public final class TunDevice implements AutoCloseable {
    private final int fd;
    private final String name;

    private TunDevice(int fd, String name) {
        this.fd = fd;
        this.name = name;
    }

    public static TunDevice open(String name) throws IOException {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        if (n.length == 0 || n.length > 15) {
            throw new IOException("bad TUN device name '" + name + "'");
        }
        int fd = LibC.INSTANCE.open("/dev/net/tun", LibC.O_RDWR);
        if (fd < 0) {
            throw new IOException(LibC.error("open /dev/net/tun"));
        }
        byte[] ifreq = new byte[40]; // struct ifreq: char ifr_name[16]; short ifr_flags; padding
        System.arraycopy(n, 0, ifreq, 0, n.length);
        short flags = LibC.IFF_TUN | LibC.IFF_NO_PI;
        ifreq[16] = (byte) flags; // little-endian short (x86_64, aarch64)
        ifreq[17] = (byte) (flags >> 8);
        if (LibC.INSTANCE.ioctl(fd, LibC.TUNSETIFF, ifreq) < 0) {
            String e = LibC.error("ioctl TUNSETIFF " + name);
            LibC.INSTANCE.close(fd);
            throw new IOException(e);
        }
        return new TunDevice(fd, name);
    }

    public String name() {
        return name;
    }

    /** Blocks for the next packet; returns its length. */
    public int read(byte[] buf) throws IOException {
        long n = LibC.INSTANCE.read(fd, buf, buf.length);
        if (n < 0) {
            throw new IOException(LibC.error("read " + name));
        }
        return (int) n;
    }

    public void write(byte[] packet, int len) throws IOException {
        if (LibC.INSTANCE.write(fd, packet, len) != len) {
            throw new IOException(LibC.error("write " + name));
        }
    }

    @Override
    public void close() {
        LibC.INSTANCE.close(fd);
    }
}

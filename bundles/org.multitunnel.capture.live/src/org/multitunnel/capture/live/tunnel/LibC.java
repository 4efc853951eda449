package org.multitunnel.capture.live.tunnel;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The few libc calls a userspace tunnel needs and the JDK does not offer: raw IP sockets (socket/bind/connect/
 * send/recv with SOCK_RAW) and attaching to a TUN device (open + ioctl TUNSETIFF). Loaded through JNA, which the
 * target platform already carries for pcap4j; kept package-private so no JNA type leaks into the API.
 */
interface LibC extends Library {
    int AF_INET = 2;
    int SOCK_RAW = 3;
    int O_RDWR = 2;
    /** _IOW('T', 202, int) from linux/if_tun.h. */
    long TUNSETIFF = 0x400454caL;
    short IFF_TUN = 0x0001;
    short IFF_NO_PI = 0x1000;
    int SOL_SOCKET = 1;
    int SO_RCVTIMEO = 20;

    LibC INSTANCE = Native.load("c", LibC.class);

    int socket(int domain, int type, int protocol);

    int bind(int fd, byte[] sockaddr, int len);

    int connect(int fd, byte[] sockaddr, int len);

    long send(int fd, byte[] buf, long len, int flags);

    long recv(int fd, byte[] buf, long len, int flags);

    int setsockopt(int fd, int level, int name, byte[] value, int len);

    int open(String path, int flags);

    long read(int fd, byte[] buf, long len);

    long write(int fd, byte[] buf, long len);

    int ioctl(int fd, long request, byte[] arg);

    int close(int fd);

    String strerror(int errno);

    /** "what: strerror(errno)" for the call that just failed on this thread. */
    static String error(String what) {
        int errno = Native.getLastError();
        return what + ": " + INSTANCE.strerror(errno) + " (errno " + errno + ")";
    }
}

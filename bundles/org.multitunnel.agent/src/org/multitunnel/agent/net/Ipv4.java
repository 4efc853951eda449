package org.multitunnel.agent.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Conversions between dotted quads, {@code int}s and {@link InetAddress} for the agents, which carry IPv4
 * addresses in registration fields and in the synthetic IPv4 headers of their recordings.
 */
public final class Ipv4 {
    private Ipv4() {
    }

    public static int toInt(InetAddress a) {
        if (!(a instanceof Inet4Address)) {
            throw new IllegalArgumentException("not an IPv4 address: " + a);
        }
        byte[] b = a.getAddress();
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    public static String text(int a) {
        return ((a >>> 24) & 0xff) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }

    /** Parses a literal dotted quad without any name lookup. */
    public static InetAddress parse(String dotted) {
        String[] p = dotted.trim().split("\\.", -1);
        if (p.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (p[i].isEmpty() || p[i].length() > 3 || !p[i].chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            }
            int v = Integer.parseInt(p[i]);
            if (v > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            }
            b[i] = (byte) v;
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Parses {@code ADDR:PORT} (IPv4 literal). */
    public static InetSocketAddress socket(String addrPort) {
        int c = addrPort.lastIndexOf(':');
        if (c <= 0 || c == addrPort.length() - 1) {
            throw new IllegalArgumentException("expected ADDR:PORT, got " + addrPort);
        }
        int port;
        try {
            port = Integer.parseInt(addrPort.substring(c + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in " + addrPort);
        }
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range in " + addrPort);
        }
        return new InetSocketAddress(parse(addrPort.substring(0, c)), port);
    }

    public static String text(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}

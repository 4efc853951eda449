package org.multitunnel.capture.live;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;


/**
 * Everything a live capture is started with, in one immutable value (the capture dialog fills it, the CLI parses
 * into it); {@link #of} gives the defaults and the {@code with*} methods change one field.
 *
 * @param interfaceName     interface to open (see {@link Interfaces#list()})
 * @param filter            BPF expression; empty captures everything
 * @param snapLength        bytes kept per packet
 * @param promiscuous       put the interface into promiscuous mode
 * @param timeoutMillis     libpcap packet buffer timeout (also bounds how late stop() can be on old libpcaps)
 * @param immediate         libpcap immediate mode: deliver each packet at once instead of per buffer. Off by
 *                          default: on Linux (TPACKET_V3) immediate mode retires a ring block per packet or two, so
 *                          a burst of a few dozen packets overflows even a large ring (measured: 88 of 120 dropped
 *                          with 2 MiB and a 256 KiB snaplen); buffered mode adds at most {@code timeoutMillis} latency
 * @param kernelBufferBytes kernel ring size; 0 keeps libpcap's default (2 MiB)
 * @param writeThrough      pcapng file every captured packet is written to (created or truncated)
 * @param queuePackets      packets that may wait for the listener; beyond this they are dropped for the listener only
 * @param queueBytes        bytes that may wait for the listener (same rule)
 * @param flushIntervalMillis how often the write-through file is flushed to the OS
 * @param mipPorts          UDP ports the write-through file records as Mobile IP ({@code multitunnel:decode-as}
 *                          section comments), so the capture opens decoded as it was captured: the Decode As
 *                          setting at capture time plus, e.g., the port of the agent being watched
 */
public record LiveCaptureOptions(String interfaceName, String filter, int snapLength, boolean promiscuous,
        int timeoutMillis, boolean immediate, int kernelBufferBytes, Path writeThrough, int queuePackets,
        long queueBytes, long flushIntervalMillis, List<Integer> mipPorts) {
    /** Mobile IP signalling and tunnels: MIPv4 registration, IP-in-IP, GRE, minimal encapsulation, MIPv6. */
    public static final String DEFAULT_FILTER =
            "udp port 434 or ip proto 4 or ip proto 47 or ip proto 55 or ip6 proto 135";
    public static final int DEFAULT_SNAPLEN = 262_144;
    public static final int DEFAULT_TIMEOUT_MILLIS = 100;
    /** Kernel ring: 16 MiB absorbs about 10 k full-size frames of burst while the capture thread catches up. */
    public static final int DEFAULT_KERNEL_BUFFER_BYTES = 16 << 20;
    public static final int DEFAULT_QUEUE_PACKETS = 8192;
    public static final long DEFAULT_QUEUE_BYTES = 32L << 20;
    public static final long DEFAULT_FLUSH_INTERVAL_MILLIS = 1000;

    public LiveCaptureOptions {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(writeThrough, "writeThrough");
        filter = filter == null ? "" : filter.strip();
        if (snapLength <= 0) {
            throw new IllegalArgumentException("snapLength must be positive: " + snapLength);
        }
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("timeoutMillis must be positive: " + timeoutMillis);
        }
        if (kernelBufferBytes < 0) {
            throw new IllegalArgumentException("kernelBufferBytes must be >= 0: " + kernelBufferBytes);
        }
        if (queuePackets < 1 || queueBytes < 1) {
            throw new IllegalArgumentException("queue bounds must be positive: " + queuePackets + ", " + queueBytes);
        }
        if (flushIntervalMillis < 1) {
            throw new IllegalArgumentException("flushIntervalMillis must be positive: " + flushIntervalMillis);
        }
        mipPorts = List.copyOf(mipPorts);
        for (int p : mipPorts) {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("not a UDP port: " + p);
            }
        }
    }

    /** Options without recorded Mobile IP ports (as before they existed). */
    public LiveCaptureOptions(String interfaceName, String filter, int snapLength, boolean promiscuous,
            int timeoutMillis, boolean immediate, int kernelBufferBytes, Path writeThrough, int queuePackets,
            long queueBytes, long flushIntervalMillis) {
        this(interfaceName, filter, snapLength, promiscuous, timeoutMillis, immediate, kernelBufferBytes,
                writeThrough, queuePackets, queueBytes, flushIntervalMillis, List.of());
    }

    /**
     * Defaults: {@link #DEFAULT_FILTER}, 256 KiB snaplen, not promiscuous, 100 ms timeout, buffered (not immediate),
     * 16 MiB kernel ring, listener queue of 8192 packets / 32 MiB, flush every second, no Mobile IP ports recorded in
     * the file (readers then use their own Decode As setting).
     */
    public static LiveCaptureOptions of(String interfaceName, Path writeThrough) {
        return new LiveCaptureOptions(interfaceName, DEFAULT_FILTER, DEFAULT_SNAPLEN, false, DEFAULT_TIMEOUT_MILLIS,
                false, DEFAULT_KERNEL_BUFFER_BYTES, writeThrough, DEFAULT_QUEUE_PACKETS, DEFAULT_QUEUE_BYTES,
                DEFAULT_FLUSH_INTERVAL_MILLIS, List.of());
    }

    public LiveCaptureOptions withFilter(String f) {
        return new LiveCaptureOptions(interfaceName, f, snapLength, promiscuous, timeoutMillis, immediate,
                kernelBufferBytes, writeThrough, queuePackets, queueBytes, flushIntervalMillis, mipPorts);
    }

    public LiveCaptureOptions withSnapLength(int n) {
        return new LiveCaptureOptions(interfaceName, filter, n, promiscuous, timeoutMillis, immediate,
                kernelBufferBytes, writeThrough, queuePackets, queueBytes, flushIntervalMillis, mipPorts);
    }

    public LiveCaptureOptions withPromiscuous(boolean p) {
        return new LiveCaptureOptions(interfaceName, filter, snapLength, p, timeoutMillis, immediate,
                kernelBufferBytes, writeThrough, queuePackets, queueBytes, flushIntervalMillis, mipPorts);
    }

    public LiveCaptureOptions withTimeoutMillis(int t) {
        return new LiveCaptureOptions(interfaceName, filter, snapLength, promiscuous, t, immediate,
                kernelBufferBytes, writeThrough, queuePackets, queueBytes, flushIntervalMillis, mipPorts);
    }

    public LiveCaptureOptions withImmediate(boolean i) {
        return new LiveCaptureOptions(interfaceName, filter, snapLength, promiscuous, timeoutMillis, i,
                kernelBufferBytes, writeThrough, queuePackets, queueBytes, flushIntervalMillis, mipPorts);
    }

    public LiveCaptureOptions withKernelBufferBytes(int b) {
        return new LiveCaptureOptions(interfaceName, filter, snapLength, promiscuous, timeoutMillis, immediate,
                b, writeThrough, queuePackets, queueBytes, flushIntervalMillis, mipPorts);
    }

    public LiveCaptureOptions withQueue(int packets, long bytes) {
        return new LiveCaptureOptions(interfaceName, filter, snapLength, promiscuous, timeoutMillis, immediate,
                kernelBufferBytes, writeThrough, packets, bytes, flushIntervalMillis, mipPorts);
    }

    /** These options recording exactly {@code ports} as the file's Mobile IP ports. */
    public LiveCaptureOptions withMipPorts(List<Integer> ports) {
        return new LiveCaptureOptions(interfaceName, filter, snapLength, promiscuous, timeoutMillis, immediate,
                kernelBufferBytes, writeThrough, queuePackets, queueBytes, flushIntervalMillis, ports);
    }

    /** These options recording {@code more} ports besides those already recorded (order kept, duplicates dropped). */
    public LiveCaptureOptions withMoreMipPorts(List<Integer> more) {
        java.util.LinkedHashSet<Integer> all = new java.util.LinkedHashSet<>(mipPorts);
        all.addAll(more);
        return withMipPorts(List.copyOf(all));
    }

    public LiveCaptureOptions withFlushIntervalMillis(long ms) {
        return new LiveCaptureOptions(interfaceName, filter, snapLength, promiscuous, timeoutMillis, immediate,
                kernelBufferBytes, writeThrough, queuePackets, queueBytes, ms, mipPorts);
    }
}

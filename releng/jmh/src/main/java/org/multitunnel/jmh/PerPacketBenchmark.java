package org.multitunnel.jmh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.multitunnel.capture.CaptureReader;
import org.multitunnel.capture.synth.ScenarioSpec;
import org.multitunnel.capture.synth.ScenarioSynthesizer;
import org.multitunnel.capture.tunnel.TunnelAccounting;
import org.multitunnel.wire.fast.PacketClassifier;
import org.multitunnel.wire.fast.PacketSummary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Why: the per-packet path decides how fast {@code analyze} and the GUI's indexing are, and must not allocate;
 * this measures it in isolation, per packet: the allocation-free classifier, and classification plus tunnel
 * accounting (tunnel, inner flow and use tables, series). Packets are a synthesized HA-link mix (TLS/TCP 443 bulk
 * and web, RTP-sized UDP, the four encapsulations, some signalling) held in one direct buffer, as a mapped capture
 * is. Each operation is one packet ({@code @OperationsPerInvocation}); run with {@code -prof gc} for bytes
 * allocated per packet ({@code gc.alloc.rate.norm}). {@code releng/jmh.sh} runs it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PerPacketBenchmark {
    /** Packets per invocation: the whole synthesized capture. */
    static final int PACKETS = 65_536;

    private ByteBuffer data;
    private final int[] offset = new int[PACKETS];
    private final int[] length = new int[PACKETS];
    private final long[] time = new long[PACKETS];
    private int count;
    private final PacketSummary summary = new PacketSummary();
    private TunnelAccounting accounting;
    /** Added to the packets' times so each invocation continues the capture (series append, as in a long file). */
    private long shift;
    private long span;

    @Setup(Level.Trial)
    public void load() throws IOException {
        Path dir = Files.createTempDirectory("mt-jmh");
        Path file = dir.resolve("mix.pcap");
        ScenarioSynthesizer.writeCapture(ScenarioSpec.demo().withMobileNodes(60).withSeconds(60)
                .withPacketsPerSecond(1200).withTraffic(ScenarioSpec.Traffic.MIXED), file,
                ScenarioSynthesizer.Format.PCAP);
        data = ByteBuffer.allocateDirect((int) Files.size(file));
        CaptureReader.read(file, p -> {
            if (count == PACKETS) {
                return false;
            }
            offset[count] = data.position();
            length[count] = p.capturedLength();
            time[count] = p.timestampNanos();
            for (int i = 0; i < p.capturedLength(); i++) {
                data.put(p.buffer().get(p.dataOffset() + i));
            }
            count++;
            return true;
        });
        if (count < PACKETS) {
            throw new IllegalStateException("the synthesized capture has only " + count + " packets");
        }
        Files.delete(file);
        Files.delete(dir);
        accounting = new TunnelAccounting();
        span = time[PACKETS - 1] - time[0] + 1_000_000_000L;
    }

    @TearDown(Level.Trial)
    public void done() {
        accounting.finish();
    }

    /** The fast classifier alone: link, IP, tunnel header, inner 5-tuple, Mobile IP type. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public void classify(Blackhole bh) {
        for (int i = 0; i < PACKETS; i++) {
            bh.consume(PacketClassifier.classify(1, data, offset[i], length[i], summary));
        }
    }

    /**
     * Classification plus tunnel accounting, as analyze's chunk threads and the GUI's indexer run it; each
     * invocation continues the capture in time, so the series grow as they do over a long file (their occasional
     * doubling is the only allocation, amortised per packet in {@code gc.alloc.rate.norm}).
     */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public void classifyAndAccount(Blackhole bh) {
        long t = shift;
        for (int i = 0; i < PACKETS; i++) {
            bh.consume(accounting.accept(1, data, offset[i], length[i], length[i], time[i] + t));
        }
        shift += span;
    }
}

package org.multitunnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.agent.net.NtpIdentification;
import org.multitunnel.capture.synth.MipPortMover;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.mip.MipCodec;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.MultipathExtension;

/**
 * Decode As on the command line: {@code decode}, {@code analyze}, {@code bench} and {@code replay} read Mobile IP
 * on UDP 434 and 4434 by default, on any port given with {@code -d udp.port==N,mip} (or {@code --decode-as},
 * {@code --mip-port}), and on the port a recording of the product's own agent names in its pcapng header.
 */
class DecodeAsCommandsTest {
    private static final Path DEMO = Path.of("../../test-captures/demo-multipath.pcapng");
    private static final String KEY_HEX = "00112233445566778899aabbccddeeff";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final CountDownLatch stop = new CountDownLatch(1);

    @TempDir
    Path dir;

    @AfterEach
    void shutdown() {
        stop.countDown();
        pool.shutdownNow();
    }

    private int run(Command c, String... args) throws Exception {
        out.reset();
        err.reset();
        try {
            return c.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        } catch (UsageException e) {
            err.writeBytes(e.getMessage().getBytes(StandardCharsets.UTF_8));
            return 64;
        }
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private long jsonLines() {
        return out().lines().filter(l -> l.startsWith("{\"frame\": ")).count();
    }

    @Test
    void aRecordingOfAgentHaOnAFreePortDecodesAndAnalyzesWithDefaultSettings() throws Exception {
        Path recording = dir.resolve("ha.pcapng");
        ByteArrayOutputStream agentErr = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(agentErr, true, StandardCharsets.UTF_8);
        Future<Integer> rc = pool.submit(() -> new AgentCommand().runUntil(List.of("ha", "--listen", "127.0.0.1:0",
                "--key", "256:" + KEY_HEX, "--record", recording.toString()), e, e, stop));
        InetSocketAddress ha = awaitListening(agentErr);
        assertNotEquals(434, ha.getPort());
        assertNotEquals(4434, ha.getPort());
        assertEquals(0, register(ha).code());
        stop.countDown();
        assertEquals(0, rc.get(5, TimeUnit.SECONDS));

        assertEquals(0, run(new DecodeCommand(), recording.toString(), "--json"));
        assertEquals(2, jsonLines(), "request and reply, decoded without options: " + out() + err());
        assertTrue(out().contains("\"udp.dstport\": [" + ha.getPort() + "]"), out());
        assertTrue(out().contains("\"mip.type\": [1]") && out().contains("\"mip.type\": [3]"), out());
        assertEquals(0, run(new DecodeCommand(), recording.toString()));
        assertTrue(out().contains("Mobile IP"), out());
        assertEquals(0, run(new AnalyzeCommand(), recording.toString(), "--json", "-"));
        assertTrue(out().contains("\"homeAddress\": \"10.1.0.5\""), out());
        assertTrue(out().contains("\"careOfAddress\": \"127.0.0.31\""), out());
        assertEquals(0, run(new BenchCommand(), recording.toString(), "--only", "classify,decode", "--repeat", "0"));
        assertTrue(out().contains("2 signalling decoded, 0 failed"), out());
    }

    @Test
    void decodeAsOptionsDecodeACaptureMovedToAnotherPort() throws Exception {
        Path moved = dir.resolve("demo-5434.pcap"); // pcap: nothing in the file names the port
        MipPortMover.move(DEMO, moved, 5434);
        assertEquals(0, run(new DecodeCommand(), DEMO.toString(), "--json"));
        long original = jsonLines();
        String originalJson = out().replace("[434]", "[5434]");
        assertTrue(original > 10, "the demo has signalling: " + original);
        assertEquals(0, run(new DecodeCommand(), moved.toString(), "--json"));
        long without = jsonLines();
        assertTrue(without < original, without + " of " + original + " lines without Decode As");

        for (List<String> options : List.of(List.of("-d", "udp.port==5434,mip"), // Wireshark's spelling
                List.of("-dudp.port==5434,mip"), // glued, as tshark's getopt allows
                List.of("-d", " udp.port == 5434, mip "), // spaces tshark accepts (and one it does not)
                List.of("-d", "udp.port==5433-5435,mip"), // a range
                List.of("-d", "udp.port==0x153a,mip"), // hexadecimal (0x153a = 5434)
                List.of("--decode-as", "udp.port==5434,mip"), List.of("--decode-as=udp.port==5434:1,mip"),
                List.of("--mip-port", "5434"), List.of("--mip-port=5434"))) {
            String[] args = concat(List.of(moved.toString(), "--json"), options);
            assertEquals(0, run(new DecodeCommand(), args), String.join(" ", args) + ": " + err());
            assertEquals(original, jsonLines(), String.join(" ", options));
            assertEquals(originalJson.lines().count(), out().lines().count());
        }

        assertEquals(0, run(new AnalyzeCommand(), DEMO.toString(), "--json", "-"));
        String analysed = out().replace(DEMO.getFileName().toString(), "F");
        assertEquals(0, run(new AnalyzeCommand(), moved.toString(), "--json", "-"));
        assertFalse(out().contains("\"homeAddress\": \"10.1.0.1\""), "nothing without Decode As");
        assertEquals(0, run(new AnalyzeCommand(), moved.toString(), "--json", "-", "-d", "udp.port==5434,mip"));
        String movedAnalysis = out().replace(moved.getFileName().toString(), "F");
        assertEquals(count(analysed, "\"bid\": "), count(movedAnalysis, "\"bid\": "), "the same bindings");
        assertEquals(count(analysed, "\"careOfAddress\": "), count(movedAnalysis, "\"careOfAddress\": "));

        assertEquals(0, run(new BenchCommand(), DEMO.toString(), "--only", "decode", "--repeat", "0"));
        String decodedOriginal = signallingDecoded(out());
        assertEquals(0, run(new BenchCommand(), moved.toString(), "--only", "decode", "--repeat", "0", "--mip-port",
                "5434"));
        assertEquals(decodedOriginal, signallingDecoded(out()));

        // replay: without Decode As there is nothing to replay (exit 2, saying how to add the port)
        assertEquals(2, run(new ReplayCommand(), moved.toString(), "--to", "127.0.0.1:9"));
        assertTrue(err().contains("on UDP 434, 4434") && err().contains("-d udp.port==N,mip"), err());
    }

    @Test
    void replayFindsTheRequestsOfAMovedCaptureWithDecodeAs() throws Exception {
        Path moved = dir.resolve("demo-5434.pcap");
        MipPortMover.move(DEMO, moved, 5434);
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            String to = "127.0.0.1:" + silent.getLocalPort(); // no agent answers: every row says so
            int rc = run(new ReplayCommand(), moved.toString(), "--to", to, "-d", "udp.port==5434,mip", "--timeout",
                    "10", "--transmissions", "1", "--json");
            assertNotEquals(2, rc, err());
            assertTrue(out().contains("\"captured\": 0"), out());
        }
    }

    @Test
    void aScenarioSynthesizedOnAnotherPortDecodesAsPcapngAndWithDecodeAsAsPcap() throws Exception {
        Path ng = dir.resolve("synth-4435.pcapng");
        Path pcap = dir.resolve("synth-4435.pcap");
        for (Path p : List.of(ng, pcap)) {
            assertEquals(0, run(new SynthCommand(), p.toString(), "--seconds", "5", "--mip-port", "4435"), err());
        }
        assertEquals(0, run(new DecodeCommand(), ng.toString(), "--json"));
        long lines = jsonLines();
        assertTrue(lines > 0 && out().contains("\"udp.srcport\": [4435]"), out());
        assertEquals(0, run(new DecodeCommand(), pcap.toString(), "--json"));
        assertEquals(0, jsonLines(), "a pcap records nothing: 4435 needs -d");
        assertEquals(0, run(new DecodeCommand(), pcap.toString(), "--json", "-d", "udp.port==4435,mip"));
        assertEquals(lines, jsonLines());
        assertEquals(64, run(new SynthCommand(), pcap.toString(), "--mip-port", "0"));
    }

    @Test
    void malformedDecodeAsValuesAreUsageErrorsNamingOptionAndValue() throws Exception {
        assertEquals(64, run(new DecodeCommand(), DEMO.toString(), "-d", "udp.port==4435,MIP"));
        assertEquals("-d: unknown protocol 'MIP' in 'udp.port==4435,MIP': the protocol for udp.port is 'mip' "
                + "(Mobile IP)", err());
        assertEquals(64, run(new AnalyzeCommand(), DEMO.toString(), "-d", "tcp.port==4435,mip"));
        assertTrue(err().startsWith("-d: unknown layer type 'tcp.port'"), err());
        assertEquals(64, run(new BenchCommand(), DEMO.toString(), "--mip-port", "70000"));
        assertEquals("--mip-port: '70000' is not a UDP port (1-65535), a range N-M or N:COUNT", err());
        assertEquals(64, run(new ReplayCommand(), DEMO.toString(), "--to", "127.0.0.1:9", "--decode-as",
                "udp.port==4435"));
        assertTrue(err().startsWith("--decode-as: 'udp.port==4435' does not follow udp.port==PORT,mip"), err());
        assertEquals(64, run(new DecodeCommand(), DEMO.toString(), "-d"));
        assertEquals("-d needs a value, e.g. -d udp.port==4435,mip", err());
        // tshark accepts a single '=' with a warning: so do we
        assertEquals(0, run(new DecodeCommand(), DEMO.toString(), "-d", "udp.port=4435,mip"));
        assertTrue(err().contains("warning: -d wants \"==\" instead of \"=\"; read as udp.port==4435,mip"), err());
    }

    @Test
    void everyReadingCommandDocumentsDecodeAs() {
        for (Command c : List.of(new DecodeCommand(), new AnalyzeCommand(), new ReplayCommand(), new BenchCommand())) {
            assertTrue(c.usage().contains("-d udp.port==N,mip"), c.name());
            assertTrue(c.usage().contains("--decode-as udp.port==N,mip and --mip-port N"), c.name());
            assertTrue(c.usage().contains("UDP 434 and\n") || c.usage().contains("UDP 434 and 4434"), c.name());
        }
    }

    private static String signallingDecoded(String benchOutput) {
        Matcher m = Pattern.compile("(\\d+) signalling decoded, (\\d+) failed").matcher(benchOutput);
        assertTrue(m.find(), benchOutput);
        return m.group();
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static String[] concat(List<String> a, List<String> b) {
        String[] r = new String[a.size() + b.size()];
        for (int i = 0; i < a.size(); i++) {
            r[i] = a.get(i);
        }
        for (int i = 0; i < b.size(); i++) {
            r[a.size() + i] = b.get(i);
        }
        return r;
    }

    private static InetSocketAddress awaitListening(ByteArrayOutputStream log) throws InterruptedException {
        Pattern p = Pattern.compile("listening on (127\\.0\\.0\\.1):(\\d+)");
        for (int i = 0; i < 250; i++) {
            Matcher m = p.matcher(log.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("agent did not start: " + log.toString(StandardCharsets.UTF_8));
    }

    private static RegistrationReply register(InetSocketAddress ha) throws Exception {
        RegistrationRequest rq = RegistrationRequest.builder().lifetime(120).homeAddress("10.1.0.5")
                .homeAgent("127.0.0.1").careOfAddress("127.0.0.31")
                .identification(NtpIdentification.of(Instant.now()))
                .extension(MultipathExtension.builder().ifAtt(4).bid(1).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SecurityAssociation.hmacMd5(256, Hex.decode(KEY_HEX)))
                .build();
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.31", 0))) {
            s.setSoTimeout(2_000);
            byte[] b = rq.encode();
            s.send(new DatagramPacket(b, b.length, ha));
            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            s.receive(p);
            return (RegistrationReply) new MipCodec().decode(p.getData(), 0, p.getLength());
        }
    }
}

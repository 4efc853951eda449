package org.multitunnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.mip.MipCodec;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.MultipathExtension;

/** {@code multitunnel agent}: options, config file, key hygiene and the status JSON, with a real HA on loopback. */
class AgentCommandTest {
    private static final String KEY_HEX = "00112233445566778899aabbccddeeff";
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CountDownLatch stop = new CountDownLatch(1);

    @AfterEach
    void shutdown() {
        stop.countDown();
        pool.shutdownNow();
    }

    private Future<Integer> startAgent(List<String> args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        return pool.submit(() -> new AgentCommand().runUntil(args, o, e, stop));
    }

    private InetSocketAddress awaitListening() throws InterruptedException {
        Pattern p = Pattern.compile("listening on (127\\.0\\.0\\.1):(\\d+)");
        for (int i = 0; i < 250; i++) {
            Matcher m = p.matcher(err.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("agent did not start: " + err.toString(StandardCharsets.UTF_8));
    }

    private static RegistrationReply register(InetSocketAddress ha, int bid) throws Exception {
        RegistrationRequest rq = RegistrationRequest.builder().lifetime(120).homeAddress("10.1.0.5")
                .homeAgent("127.0.0.1").careOfAddress("127.0.0.31")
                .identification(NtpIdentification.of(Instant.now()))
                .extension(MultipathExtension.builder().ifAtt(4).bid(bid).build())
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

    @Test
    void homeAgentAnswersAndPrintsItsStatusOnStop() throws Exception {
        Future<Integer> rc = startAgent(List.of("ha", "--listen", "127.0.0.1:0", "--key", "256:" + KEY_HEX,
                "--status", "--verbose"));
        InetSocketAddress ha = awaitListening();
        assertEquals(0, register(ha, 3).code());
        stop.countDown();
        assertEquals(0, rc.get(5, TimeUnit.SECONDS));
        String json = out.toString(StandardCharsets.UTF_8).trim();
        assertTrue(json.startsWith("{\"agent\":\"ha\""), json);
        assertTrue(json.contains("\"homeAddress\":\"10.1.0.5\",\"bid\":3,\"careOfAddress\":\"127.0.0.31\""), json);
        assertFalse(err.toString(StandardCharsets.UTF_8).contains(KEY_HEX), "key bytes never printed");
        assertFalse(json.contains(KEY_HEX));
    }

    @Test
    void configFileDeniesMultipathAndWarnsAboutAReadableKey(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("ha.properties");
        Files.writeString(cfg,
                "listen = 127.0.0.1:0\nkey = 256:" + KEY_HEX + "\ndeny-multipath = 10.1.0.9, 10.1.0.5\n");
        Files.setPosixFilePermissions(cfg, PosixFilePermissions.fromString("rw-r--r--"));
        Future<Integer> rc = startAgent(List.of("ha", "--config", cfg.toString()));
        InetSocketAddress ha = awaitListening();
        assertEquals(152, register(ha, 1).code());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("warning: key file " + cfg + " is not private to its"
                + " owner (mode 0644"), err.toString(StandardCharsets.UTF_8));
        assertFalse(err.toString(StandardCharsets.UTF_8).contains("on the command line"),
                "a key in the config file is not on the command line");
        stop.countDown();
        assertEquals(0, rc.get(5, TimeUnit.SECONDS));
    }

    @Test
    void nonceOptionRefusesATimestampIdentificationAndAMalformedLimitIsAUsageError() throws Exception {
        Future<Integer> rc = startAgent(List.of("ha", "--listen", "127.0.0.1:0", "--key", "256:" + KEY_HEX,
                "--max-lifetime-mn", "10.1.0.5=45", "--nonce", "10.1.0.5"));
        InetSocketAddress ha = awaitListening();
        // a timestamp Identification is no nonce of this HA: 133 (RFC 5944 §5.7.2)
        RegistrationReply first = register(ha, 1);
        assertEquals(133, first.code());
        stop.countDown();
        assertEquals(0, rc.get(5, TimeUnit.SECONDS));
        assertThrows(UsageException.class, () -> new AgentCommand().runUntil(List.of("ha", "--listen",
                "127.0.0.1:0", "--max-lifetime-mn", "10.1.0.5:45"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), new CountDownLatch(0)));
    }

    @Test
    void perNodeLifetimeLimitCutsTheGrantedLifetime() throws Exception {
        Future<Integer> rc = startAgent(List.of("ha", "--listen", "127.0.0.1:0", "--key", "256:" + KEY_HEX,
                "--max-lifetime-mn", "10.1.0.5=45"));
        InetSocketAddress ha = awaitListening();
        RegistrationReply r = register(ha, 1); // asks for 120 s
        assertEquals(0, r.code());
        assertEquals(45, r.lifetime());
        stop.countDown();
        assertEquals(0, rc.get(5, TimeUnit.SECONDS));
    }

    @Test
    void keyFileReadableByOthersGetsAWarning(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("keys");
        Files.writeString(keys, "# spi key\n256 " + KEY_HEX + "\n");
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-r-----"));
        Future<Integer> rc = startAgent(List.of("ha", "--listen", "127.0.0.1:0", "--key-file", keys.toString()));
        InetSocketAddress ha = awaitListening();
        assertEquals(0, register(ha, 1).code());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("warning: key file"));
        stop.countDown();
        assertEquals(0, rc.get(5, TimeUnit.SECONDS));
    }

    @Test
    void homeAgentTakesKeysFromAVariableOrStandardInputAndRecordsPrivately(@TempDir Path dir) throws Exception {
        Path record = dir.resolve("ha.pcapng");
        KeyOptions.Sources env = new KeyOptions.Sources(InputStream.nullInputStream(),
                Map.of("MNHA_KEY", "256:" + KEY_HEX)::get);
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        Future<Integer> rc = pool.submit(() -> KeyOptions.using(env, () -> new AgentCommand().runUntil(List.of("ha",
                "--listen", "127.0.0.1:0", "--key-env", "MNHA_KEY", "--record", record.toString()), o, e, stop)));
        assertEquals(0, register(awaitListening(), 1).code());
        stop.countDown();
        assertEquals(0, rc.get(5, TimeUnit.SECONDS));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(record)),
                "the recording holds authenticators over known plaintext");
        assertFalse(err.toString(StandardCharsets.UTF_8).contains("warning"), err.toString(StandardCharsets.UTF_8));
        assertFalse((out.toString(StandardCharsets.UTF_8) + err).contains(KEY_HEX));
    }

    @Test
    void mobileNodeTakesItsKeyFromStandardInputAndTheHomeAgentItsFaHaKeyFromAFile(@TempDir Path dir)
            throws Exception {
        Path keys = Files.writeString(dir.resolve("mnha.keys"), "256 " + KEY_HEX + "\n");
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
        Future<Integer> rc = startAgent(List.of("ha", "--listen", "127.0.0.1:0", "--key-file", keys.toString(),
                "--fa-ha-key-file", keys.toString(), "--status-interval", "1"));
        InetSocketAddress ha = awaitListening();
        ExecutorService mnPool = Executors.newSingleThreadExecutor();
        CountDownLatch mnStop = new CountDownLatch(1);
        ByteArrayOutputStream mnErr = new ByteArrayOutputStream();
        try {
            KeyOptions.Sources stdin = new KeyOptions.Sources(
                    new ByteArrayInputStream(("256:" + KEY_HEX + "\n").getBytes(StandardCharsets.UTF_8)),
                    v -> null);
            PrintStream e = new PrintStream(mnErr, true, StandardCharsets.UTF_8);
            Future<Integer> mn = mnPool.submit(() -> KeyOptions.using(stdin, () -> new AgentCommand().runUntil(
                    List.of("mn", "--home-agent", "127.0.0.1:" + ha.getPort(), "--home-address", "10.1.0.77",
                            "--home-agent-address", "127.0.0.1", "--care-of", "127.0.0.41", "--key", "-"),
                    new PrintStream(new ByteArrayOutputStream()), e, mnStop)));
            long end = System.nanoTime() + 10_000_000_000L;
            while (!out.toString(StandardCharsets.UTF_8).contains("\"homeAddress\":\"10.1.0.77\"")
                    && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"homeAddress\":\"10.1.0.77\""),
                    "the HA bound the MN signed with the key from standard input: " + out + mnErr);
            mnStop.countDown();
            assertEquals(0, mn.get(10, TimeUnit.SECONDS));
        } finally {
            mnStop.countDown();
            mnPool.shutdownNow();
        }
        stop.countDown();
        assertEquals(0, rc.get(5, TimeUnit.SECONDS));
        assertFalse((mnErr.toString(StandardCharsets.UTF_8) + err + out).contains(KEY_HEX));
        assertFalse((mnErr.toString(StandardCharsets.UTF_8) + err).contains("warning"), mnErr + " " + err);
    }

    @Test
    void badArgumentsAreUsageErrors() {
        PrintStream o = new PrintStream(new ByteArrayOutputStream());
        AgentCommand c = new AgentCommand();
        List<List<String>> bad = new ArrayList<>(List.of(List.of(), List.of("xx"),
                List.of("ha", "--bogus"), List.of("ha", "--listen"), List.of("fa", "--listen", "127.0.0.1:0"),
                List.of("mn", "--home-agent", "127.0.0.1:4434"), List.of("ha", "--listen", "localhost"),
                List.of("mn", "--home-agent", "127.0.0.1:4434", "--home-address", "10.1.0.5", "--key",
                        "256:" + KEY_HEX, "--care-of", "10.2.0.1@10.3.0.1@127.0.0.1:434@x")));
        for (List<String> args : bad) {
            assertThrows(UsageException.class, () -> c.runUntil(args, o, o, stop), args.toString());
        }
    }

    @Test
    void usageDocumentsTheContractOptions() {
        String u = new AgentCommand().usage();
        for (String opt : List.of("agent ha|fa|mn", "--listen ADDR:PORT", "--key SPI:HEXKEY", "--deny-multipath HOA",
                "--config FILE", "--key-file", "--record", "--status", "--home-agent", "--home-address", "--care-of",
                "--lifetime")) {
            assertTrue(u.contains(opt), opt);
        }
    }
}

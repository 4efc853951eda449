package org.multitunnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.agent.ha.HomeAgent;
import org.multitunnel.agent.ha.HomeAgentConfig;
import org.multitunnel.capture.write.PcapngWriter;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.MultipathExtension;

/**
 * Keys that never show. Before the fix {@code --key SPI:HEX} was the only way to give a key to send, replay,
 * conformance and the agents — readable by every local user in {@code /proc/PID/cmdline} — and a key-file line
 * with its columns swapped echoed the key in "unknown algorithm '<KEY>'". Every test asserts on the captured
 * stdout and stderr (and exception messages) that the key's hex never appears.
 */
class KeySecrecyTest {
    private static final String KEY_HEX = "00112233445566778899aabbccddeeff";
    private static final String WRONG_HEX = "ffeeddccbbaa99887766554433221100";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<HomeAgent> agents = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopAgents() throws Exception {
        for (HomeAgent a : agents) {
            a.close();
        }
    }

    private String target() throws Exception {
        HomeAgent ha = HomeAgent.start(HomeAgentConfig.builder().listen(new InetSocketAddress("127.0.0.1", 0))
                .key(4096, Hex.decode(KEY_HEX)).build());
        agents.add(ha);
        return "127.0.0.1:" + ha.localAddress().getPort();
    }

    /** Runs a command as the launcher does (usage errors 64, CliException its code), with stdin and environment. */
    private int run(Command c, InputStream stdin, Map<String, String> env, String... args) throws Exception {
        out.reset();
        err.reset();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        return KeyOptions.using(new KeyOptions.Sources(stdin, env::get), () -> {
            try {
                return c.run(List.of(args), o, e);
            } catch (UsageException x) {
                e.println("multitunnel " + c.name() + ": " + x.getMessage());
                return 64;
            } catch (CliException x) {
                e.println("multitunnel " + c.name() + ": " + x.getMessage());
                return x.exitCode();
            }
        });
    }

    private int run(Command c, String... args) throws Exception {
        return run(c, InputStream.nullInputStream(), Map.of(), args);
    }

    private String text() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private void assertNoKeyShown() {
        assertFalse(text().toLowerCase().contains(KEY_HEX), "key bytes shown: " + text());
        assertFalse(text().toLowerCase().contains(WRONG_HEX), "key bytes shown: " + text());
    }

    private Path keyFile(String content, String mode) throws Exception {
        Path f = Files.writeString(dir.resolve("keys-" + Integer.toHexString(content.hashCode())), content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    private static InputStream stdin(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private String[] send(String target, String... keyArgs) {
        List<String> a = new ArrayList<>(List.of("--to", target, "--home-address", "10.1.0.5", "--care-of",
                "127.0.1.1", "--from", "127.0.1.1", "--bid", "1", "--transmissions", "2"));
        a.addAll(List.of(keyArgs));
        return a.toArray(String[]::new);
    }

    @Test
    void sendTakesItsKeyFromAFileAVariableOrStandardInputWithoutWarnings() throws Exception {
        String ha = target();
        Path keys = keyFile("# MN-HA keys\n4096 " + KEY_HEX + " hmac-md5\n", "rw-------");
        assertEquals(0, run(new SendCommand(), send(ha, "--key-file", keys.toString())), text());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("MN-HA authenticator valid"), text());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals(0, run(new SendCommand(), InputStream.nullInputStream(), Map.of("MNHA", "4096:" + KEY_HEX),
                send(ha, "--key-env", "MNHA")), text());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals(0, run(new SendCommand(), stdin("4096:" + KEY_HEX + "\n"), Map.of(), send(ha, "--key", "-")),
                text());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertNoKeyShown();
        // the wrong key from a file: the reply does not verify (3), so the file's key was really used
        Path wrong = keyFile("4096 " + WRONG_HEX + "\n", "r--------");
        assertEquals(3, run(new SendCommand(), send(ha, "--key-file", wrong.toString(), "--transmissions", "1")));
        assertNoKeyShown();
    }

    @Test
    void literalKeyStillWorksButWarnsOnceThatOtherUsersCanReadIt() throws Exception {
        String ha = target();
        assertEquals(0, run(new SendCommand(), send(ha, "--key", "4096:" + KEY_HEX)));
        assertEquals("warning: --key on the command line can be read by other local users (ps, /proc/PID/cmdline);"
                + " use --key-file FILE, --key-env VAR or --key - (standard input)\n",
                err.toString(StandardCharsets.UTF_8));
        assertNoKeyShown();
        KeyOptions.Keys two = KeyOptions.read("--key", List.of("1:" + KEY_HEX, "2:" + WRONG_HEX), List.of(),
                List.of(), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, two.associations().size());
        assertEquals(2, err.toString(StandardCharsets.UTF_8).split("warning:", -1).length - 1,
                "one warning per command, not per key: " + err);
    }

    @Test
    void replayAndConformanceTakeKeyFilesVariablesAndStandardInput() throws Exception {
        String first = target();
        Path pcap = dir.resolve("rec.pcapng");
        Path keys = keyFile("4096 " + KEY_HEX + "\n", "rw-------");
        assertEquals(0, run(new SendCommand(), send(first, "--key-file", keys.toString(), "--pcapng",
                pcap.toString())));
        String port = first.substring(first.indexOf(':') + 1);
        String ha = target();
        assertEquals(0, run(new ReplayCommand(), InputStream.nullInputStream(), Map.of("K", "4096:" + KEY_HEX),
                pcap.toString(), "--to", ha, "--port", port, "--key-env", "K", "--map", "10.1.0.5=10.1.0.6",
                "--json"), text());
        assertTrue(out.toString(StandardCharsets.UTF_8).trim().endsWith("\"compared\": 1, \"mismatches\": 0}"),
                text());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals(0, run(new ConformanceCommand(), stdin("4096:" + KEY_HEX), Map.of(), "--target", ha, "--key",
                "-", "--only", "RFC5944-3.8-HA-CHECKS-AUTH"), text());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("1 scenarios: 1 passed"), text());
        assertEquals(0, run(new ConformanceCommand(), "--target", ha, "--key-file", keys.toString(), "--only",
                "RFC5944-3.8-HA-CHECKS-AUTH"), text());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("1 scenarios: 1 passed"), text());
        assertNoKeyShown();
    }

    /**
     * A registration request on UDP 434 signed with the test key, as raw IPv4 (LINKTYPE_IPV4, 228), so analyze
     * verifies its authenticator with whatever key it is given.
     */
    private Path signedCapture() throws Exception {
        byte[] rrq = RegistrationRequest.builder().lifetime(300).homeAddress("10.1.0.5").homeAgent("10.0.0.1")
                .careOfAddress("192.0.2.5").identification(0x1122334455667788L)
                .extension(MultipathExtension.builder().ifAtt(4).bid(1).build())
                .authenticate(ExtensionTypes.MN_HA_AUTH, SecurityAssociation.hmacMd5(4096, Hex.decode(KEY_HEX)))
                .build().encode();
        ByteBuffer p = ByteBuffer.allocate(20 + 8 + rrq.length);
        p.put((byte) 0x45).put((byte) 0)               // IPv4, IHL 5; DSCP 0
                .putShort((short) p.capacity())        // total length
                .putShort((short) 1).putShort((short) 0) // identification, no fragmentation
                .put((byte) 64).put((byte) 17)         // TTL, protocol UDP
                .putShort((short) 0)                   // header checksum (not checked)
                .put(new byte[] { (byte) 192, 0, 2, 5 }) // source: the care-of address
                .put(new byte[] { 10, 0, 0, 1 })       // destination: the home agent
                .putShort((short) 434).putShort((short) 434) // UDP source and destination port: Mobile IP
                .putShort((short) (8 + rrq.length))    // UDP length
                .putShort((short) 0)                   // UDP checksum: none
                .put(rrq).flip();
        Path f = dir.resolve("signed.pcapng");
        try (PcapngWriter w = PcapngWriter.create(f, "signed request", false)) {
            int itf = w.addInterface(228, 65535, "raw");
            w.write(itf, 1_700_000_000_000_000_000L, p, p.remaining());
        }
        return f;
    }

    private boolean analyzeFindsAuthMismatch(Path capture, InputStream stdin, Map<String, String> env,
            String... keyArgs) throws Exception {
        List<String> a = new ArrayList<>(List.of(capture.toString(), "--json", "-"));
        a.addAll(List.of(keyArgs));
        assertEquals(0, run(new AnalyzeCommand(), stdin, env, a.toArray(String[]::new)), text());
        return out.toString(StandardCharsets.UTF_8).contains("RFC5944-3.5.2-AUTH-MISMATCH");
    }

    @Test
    void analyzeVerifiesWithKeysFromEverySourceAndKeepsKeysAsAnAlias() throws Exception {
        Path capture = signedCapture();
        Path right = keyFile("4096 " + KEY_HEX + "\n", "rw-------");
        Path wrong = keyFile("4096 " + WRONG_HEX + "\n", "rw-------");
        Map<String, String> none = Map.of();
        InputStream empty = InputStream.nullInputStream();
        assertTrue(analyzeFindsAuthMismatch(capture, empty, none, "--key-file", wrong.toString()));
        assertFalse(analyzeFindsAuthMismatch(capture, empty, none, "--key-file", right.toString()));
        assertTrue(analyzeFindsAuthMismatch(capture, empty, none, "--keys", wrong.toString()), "--keys alias");
        assertFalse(analyzeFindsAuthMismatch(capture, empty, none, "--keys", right.toString()), "--keys alias");
        assertTrue(analyzeFindsAuthMismatch(capture, empty, Map.of("K", "4096:" + WRONG_HEX), "--key-env", "K"));
        assertFalse(analyzeFindsAuthMismatch(capture, empty, Map.of("K", "4096:" + KEY_HEX), "--key-env", "K"));
        assertTrue(analyzeFindsAuthMismatch(capture, stdin("4096:" + WRONG_HEX), none, "--key", "-"));
        assertFalse(analyzeFindsAuthMismatch(capture, stdin("# from a pipe\n4096:" + KEY_HEX), none, "--key", "-"));
        assertNoKeyShown();
    }

    @Test
    void keyFileNotPrivateToItsOwnerGetsAWarning() throws Exception {
        for (String mode : List.of("rw-r--r--", "rw-r-----", "rw--w----", "rw----r--", "rw-rw-rw-", "r--r-----")) {
            err.reset();
            Path f = keyFile("256 " + KEY_HEX + "\n", mode);
            KeyOptions.read(a -> a.equals("key-file") ? List.of(f.toString()) : List.of(), List.of(),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            String m = mode;
            int octal = 0;
            for (int i = 0; i < 9; i++) {
                octal = octal << 1 | (m.charAt(i) == '-' ? 0 : 1);
            }
            assertEquals(String.format("warning: key file %s is not private to its owner (mode %04o: group or others"
                    + " have access); chmod 600 %s%n", f, octal, f), err.toString(StandardCharsets.UTF_8), mode);
        }
        for (String mode : List.of("rw-------", "r--------")) {
            err.reset();
            Path f = keyFile("257 " + KEY_HEX + "\n", mode);
            assertEquals(1, KeyOptions.read(a -> a.equals("key-file") ? List.of(f.toString()) : List.of(), List.of(),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).associations().size());
            assertEquals("", err.toString(StandardCharsets.UTF_8), mode);
        }
    }

    @Test
    void badKeyFileLinesNameTheLineAndFieldButNeverEchoAField() throws Exception {
        // each line is the 3rd of its file, after a comment and a good line
        Map<String, String> lines = new java.util.LinkedHashMap<>();
        lines.put(KEY_HEX + " 4096", "field 1 (SPI) is not a number from 0 to 4294967295");
        lines.put("4096 hmac-md5 " + KEY_HEX, "field 2 (key) is not an even number of hexadecimal digits");
        lines.put("4096 " + KEY_HEX + " " + WRONG_HEX, "field 3 (algorithm) is neither hmac-md5 nor keyed-md5");
        lines.put("4096 " + KEY_HEX + " hmac-md5 not-an-ip", "field 4 (peer) is not a dotted IPv4 address");
        lines.put("4096 " + KEY_HEX + " hmac-md5 10.1.0.5 " + WRONG_HEX, "expected SPI HEXKEY [ALGORITHM [PEER]],"
                + " found 5 fields");
        lines.put(KEY_HEX, "expected SPI HEXKEY [ALGORITHM [PEER]], found 1 fields");
        for (Map.Entry<String, String> e : lines.entrySet()) {
            Path f = keyFile("# keys\n256 " + KEY_HEX + "\n" + e.getKey() + "\n", "rw-------");
            CliException x = assertThrows(CliException.class, () -> KeyOptions.read(
                    a -> a.equals("key-file") ? List.of(f.toString()) : List.of(), List.of(), System.err));
            assertEquals(Sysexits.DATAERR, x.exitCode());
            assertEquals("--key-file " + f + ":3: " + e.getValue(), x.getMessage());
            // through a command: one line, exit 65, nothing of the line shown
            assertEquals(65, run(new SendCommand(), send("127.0.0.1:9", "--key-file", f.toString())));
            assertEquals("multitunnel send: --key-file " + f + ":3: " + e.getValue() + "\n",
                    err.toString(StandardCharsets.UTF_8));
            assertNoKeyShown();
        }
    }

    @Test
    void missingKeyFileIsNoInputOnOneLine() throws Exception {
        Path missing = dir.resolve("nope.keys");
        for (Command c : List.of(new SendCommand(), new ReplayCommand(), new ConformanceCommand())) {
            String[] args = switch (c.name()) {
                case "send" -> send("127.0.0.1:9", "--key-file", missing.toString());
                case "replay" -> new String[] { signedCapture().toString(), "--to", "127.0.0.1:9", "--key-file",
                    missing.toString() };
                default -> new String[] { "--target", "127.0.0.1:9", "--key-file", missing.toString() };
            };
            assertEquals(66, run(c, args), c.name());
            assertEquals("multitunnel " + c.name() + ": --key-file " + missing + ": no such file\n",
                    err.toString(StandardCharsets.UTF_8));
        }
        assertEquals(66, run(new AnalyzeCommand(), signedCapture().toString(), "--keys", missing.toString()));
        assertEquals("multitunnel analyze: --key-file " + missing + ": no such file\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badLiteralEnvironmentAndStandardInputKeysNeverEchoTheValue() throws Exception {
        List<String> swapped = List.of("--key", KEY_HEX + ":4096");
        UsageException e = assertThrows(UsageException.class, () -> KeyOptions.read(
                "--key", List.of(KEY_HEX + ":4096"), List.of(), List.of(), System.err));
        assertEquals("--key: the SPI before ':' is not a number from 0 to 4294967295 (the value is not echoed)",
                e.getMessage());
        assertEquals(64, run(new SendCommand(), send("127.0.0.1:9", swapped.toArray(String[]::new))));
        assertNoKeyShown();
        assertEquals(64, run(new SendCommand(), InputStream.nullInputStream(), Map.of("K", "4096:" + KEY_HEX + "zz"),
                send("127.0.0.1:9", "--key-env", "K")));
        assertEquals("multitunnel send: --key-env K: the key after ':' is not an even number of hexadecimal digits"
                + " (the value is not echoed)\n", err.toString(StandardCharsets.UTF_8));
        assertEquals(64, run(new SendCommand(), send("127.0.0.1:9", "--key-env", "UNSET_FOR_SURE")));
        assertEquals("multitunnel send: --key-env UNSET_FOR_SURE: the variable is not set\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals(64, run(new SendCommand(), stdin(KEY_HEX + "\n"), Map.of(), send("127.0.0.1:9", "--key", "-")));
        assertEquals("multitunnel send: --key - (standard input) wants SPI:HEXKEY (the value is not echoed)\n",
                err.toString(StandardCharsets.UTF_8));
        assertNoKeyShown();
    }

    @Test
    void recordingsAndExportsAreWrittenPrivateToTheirOwner() throws Exception {
        String ha = target();
        Path keys = keyFile("4096 " + KEY_HEX + "\n", "rw-------");
        Path sent = dir.resolve("send.pcapng");
        Files.writeString(sent, "an older file, readable by all");
        Files.setPosixFilePermissions(sent, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(0, run(new SendCommand(), send(ha, "--key-file", keys.toString(), "--pcapng", sent.toString())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sent)));
        String port = ha.substring(ha.indexOf(':') + 1);
        Path replayed = dir.resolve("replay.pcapng");
        assertEquals(0, run(new ReplayCommand(), sent.toString(), "--to", ha, "--port", port, "--key-file",
                keys.toString(), "--pcapng", replayed.toString()), text());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(replayed)));
        Path conf = dir.resolve("conformance.pcapng");
        run(new ConformanceCommand(), "--target", ha, "--key-file", keys.toString(), "--only",
                "RFC5944-3.8-HA-CHECKS-AUTH", "--pcapng", conf.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)));
    }
}

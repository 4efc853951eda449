package org.multitunnel.analysis.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.capture.PacketView;
import org.multitunnel.capture.synth.ScenarioSpec;
import org.multitunnel.capture.synth.ScenarioSynthesizer;
import org.multitunnel.capture.write.PcapngWriter;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Dissection;
import org.multitunnel.wire.dissect.PacketDissector;

/**
 * Our filter engine selects exactly the frames {@code tshark -Y} selects (tshark 4.0), for 50 filters over Wireshark
 * fields, on one capture made of the public captures, the project's captures and a synthesized scenario. Left out,
 * as the issue allows: frames with minimal encapsulation (tshark 4.0 has no dissector for IP protocol 55, so they are
 * not copied into the capture) and, for filters reading Mobile IP extension fields, frames with a type-154 extension
 * (tshark frames it as a short extension and mis-reads what follows). Also left out, as frames not both tools can
 * dissect fully: frames tshark flags as malformed, frames our dissection flags malformed, and frames of link types
 * this product has no dissector for (PPP, Frame Relay, Juniper, ... in the public captures). Frame k of the merged capture is stamped k seconds after the first, so
 * one {@code tshark -z io,stat,1,...} pass gives every filter's verdict for every frame; filters with a comma (sets)
 * get a {@code -Y} run of their own. Fails, never skips, when tshark is missing.
 */
class TsharkFilterAgreementTest {
    private static final Path CAPTURES = Path.of("../../test-captures");
    private static final long BASE = 1_700_000_000L * 1_000_000_000L;
    /** Our default Decode As: Mobile IP on 434 (tshark's default too) and on the reference agents' 4434. */
    private static final String DECODE_AS = "udp.port==4434,mip";

    /** Filters over fields Wireshark also has; the flag marks those reading Mobile IP extension fields. */
    private static final List<String> FILTERS = List.of(
            "ip.addr == 198.51.100.2", "udp.port == 434", "frame.number <= 3", "ip.addr == 10.1.0.0/16",
            "ip.src == 192.0.2.1", "ip.dst != 192.0.2.1", "!(ip.addr == 192.0.2.1)", "ip.addr ~= 192.0.2.1",
            "ip.addr === 10.1.0.1", "tcp.port == 443", "tcp.port in {80, 443, 139}", "udp.port in {433..435}",
            "udp", "tcp", "gre", "mip", "!mip", "ipv6", "icmp", "vlan", "not ip and not ipv6",
            "gre.key", "gre.key > 0x100", "gre.proto == 0x0800", "gre.flags.sequence_number == 1",
            "ip.proto == 47", "ip.ttl < 64", "ip.len > 500 && ip.len < 1200", "ip.flags.df == 0", "ip.version == 4",
            "ipv6.addr == 2001:db8::1", "ipv6.nxt == 135", "ipv6.src[0:2] == 20:01", "ipv6.addr == 2001:db8::/32",
            "eth.addr == 02:00:00:00:00:01", "eth.src[0:3] == 02:00:00", "eth.type == 0x0800", "eth.dst[0] & 1",
            "frame.len > 1000", "frame.cap_len < 100", "frame.len != frame.cap_len", "frame.time_delta > 1.5",
            "frame.time_relative >= 100", "frame.time >= \"2023-11-14 22:20:00 UTC\"", "frame.time_epoch < 1700000050.5",
            "frame contains 0a:01:00:01", "frame[12:2] == 08:00", "frame.protocols contains \"gre\"",
            "frame.protocols contains \"ip:ip:\"", "frame.protocols matches \"^eth:ethertype:ip:udp\"",
            "mip.type == 1", "mip.type == 4", "mip.code == 0", "mip.code in {128..153}", "mip.homeaddr == 10.1.0.1",
            "mip.coa", "mip.life > 100", "mip.s == 1", "mip.t == 1 && mip.g == 1", "mip.nattt.nexthdr == 4",
            "string(ip.src) matches \"^198\\\\.51\"", "len(eth.src) == 6", "count(ip.addr) == 4", "ip.src#2 == 10.1.0.1",
            "ip#2", "ip.src < ip.dst", "upper(frame.protocols) contains \"GRE\"", "tcp.flags.syn == 1",
            "tcp.flags & 0x12", "tcp.srcport < 1024", "tcp.hdr_len > 20", "udp.length < 50", "udp.srcport == udp.dstport",
            "any udp.port != 434", "all ip.addr in {10.0.0.0/8, 192.0.2.0/24, 198.51.100.0/24}", "ip.host == \"192.0.2.1\"",
            "mip.auth.spi", "mip.nai contains \"@\"", "len(mip.auth.auth) == 16", "mip.ext.type == 32");

    /** Frames of one merged capture, with what we know about each. */
    private record Merged(Path file, int frames, BitSet notOurs, BitSet type154, List<String> origin) {
    }

    @Test
    void filtersSelectTheSameFramesAsTshark(@TempDir Path dir) throws Exception {
        assertTrue(FILTERS.size() >= 40, "the issue asks for at least 40 filters");
        Merged merged = merge(dir);
        Map<String, BitSet> tshark = tshark(merged);
        BitSet malformed = tshark.remove("_ws.malformed");
        // the one-pass io,stat reading agrees with plain -Y (guards the bucket-per-frame trick)
        for (String check : List.of("ip.addr == 198.51.100.2", "gre.key > 0x100", "mip.type == 1")) {
            assertEquals(tsharkY(merged, check), tshark.get(check), "io,stat vs -Y for " + check);
        }
        List<String> failures = new ArrayList<>();
        int nonTrivial = 0;
        try (CaptureFile f = CaptureFile.open(merged.file())) {
            assertEquals(merged.frames(), f.packetCount());
            for (String text : FILTERS) {
                BitSet ours = ours(f, DisplayFilter.parse(text));
                BitSet theirs = tshark.get(text);
                boolean ext = text.contains("mip.auth") || text.contains("mip.nai") || text.contains("mip.ext");
                List<String> diff = new ArrayList<>();
                for (int k = 0; k < merged.frames(); k++) {
                    if (malformed.get(k) || merged.notOurs().get(k) || (ext && merged.type154().get(k))) {
                        continue;
                    }
                    if (ours.get(k) != theirs.get(k)) {
                        diff.add((k + 1) + " (" + merged.origin().get(k) + ", ours " + ours.get(k) + ")");
                    }
                }
                if (!diff.isEmpty()) {
                    failures.add(text + ": " + diff.size() + " frames differ, e.g. " + diff.subList(0, Math.min(4,
                            diff.size())));
                }
                int count = theirs.cardinality();
                if (count > 0 && count < merged.frames()) {
                    nonTrivial++;
                }
            }
        }
        BitSet excluded = (BitSet) malformed.clone();
        excluded.or(merged.notOurs());
        assertTrue(merged.frames() - excluded.cardinality() > 4000, "only " + (merged.frames()
                - excluded.cardinality()) + " of " + merged.frames() + " frames compared");
        System.out.printf("tshark agreement: %d filters, %d frames, %d compared (%d flagged malformed by tshark, %d not "
                + "ours: unsupported link type or malformed in our dissection), %d with a type-154 extension%n",
                FILTERS.size(), merged.frames(), merged.frames() - excluded.cardinality(), malformed.cardinality(),
                merged.notOurs().cardinality(), merged.type154().cardinality());
        if (!failures.isEmpty()) {
            fail("filters that disagree with tshark -Y:\n" + String.join("\n", failures));
        }
        assertTrue(nonTrivial >= 40, "only " + nonTrivial + " filters select some but not all frames");
    }

    /** Every frame of the chosen captures and of a synthesized scenario, except minimal encapsulation. */
    private static Merged merge(Path dir) throws IOException {
        Path synth = dir.resolve("synth.pcapng");
        ScenarioSynthesizer.writeCapture(ScenarioSpec.demo().withSeconds(8).withPacketsPerSecond(40), synth,
                ScenarioSynthesizer.Format.PCAPNG);
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> s = Files.walk(CAPTURES)) {
            s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng)$")).sorted().forEach(sources::add);
        }
        sources.add(synth);
        Path out = dir.resolve("merged.pcapng");
        PacketDissector dissector = new PacketDissector();
        BitSet notOurs = new BitSet();
        BitSet type154 = new BitSet();
        List<String> origin = new ArrayList<>();
        Map<Integer, Integer> interfaces = new LinkedHashMap<>();
        int k = 0;
        try (PcapngWriter w = PcapngWriter.create(out, "filter agreement", false)) {
            for (Path p : sources) {
                CaptureFile f;
                try {
                    f = CaptureFile.open(p);
                } catch (IOException | RuntimeException e) {
                    continue; // a file the reader refuses: nothing to compare
                }
                try (f) {
                    for (int i = 0; i < f.packetCount(); i++) {
                        Dissection d = dissector.dissectFull(f.linkType(i), f.packet(i));
                        if (d.layers().stream().anyMatch(l -> l.name().equals("minenc"))) {
                            continue; // tshark 4.0 does not dissect minimal encapsulation
                        }
                        Integer itf = interfaces.get(f.linkType(i));
                        if (itf == null) {
                            itf = w.addInterface(f.linkType(i), 262144, "linktype " + f.linkType(i));
                            interfaces.put(f.linkType(i), itf);
                        }
                        if (has154(d.layers())) {
                            type154.set(k);
                        }
                        if (d.malformed() || dissector.registry().lookup(DissectorRegistry.LINKTYPE, f.linkType(i)) == null) {
                            notOurs.set(k); // a link type we do not dissect, or a frame our dissection flags malformed
                        }
                        // frame k at k seconds plus a varying part below one second (io,stat bucket k)
                        w.write(itf, BASE + k * 1_000_000_000L + (k * 37L % 1000) * 1_000_000L, f.packet(i),
                                f.originalLength(i));
                        origin.add(CAPTURES.relativize(p.startsWith(CAPTURES) ? p : CAPTURES.resolve(p.getFileName()))
                                + "#" + (i + 1));
                        k++;
                    }
                }
            }
        }
        return new Merged(out, k, notOurs, type154, origin);
    }

    private static boolean has154(List<Field> layers) {
        for (Field l : layers) {
            for (Field t : l.findAll("mip.ext.type")) {
                if (Long.valueOf(154).equals(t.value())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static BitSet ours(CaptureFile f, DisplayFilter filter) {
        FrameMatcher m = filter.matcher();
        FilterFrame frame = new FilterFrame();
        PacketView v = new PacketView();
        BitSet out = new BitSet();
        for (int i = 0; i < f.packetCount(); i++) {
            f.view(i, v);
            frame.next(i + 1, v.linkType(), v.buffer(), v.dataOffset(), v.capturedLength(), v.originalLength(),
                    v.timestampNanos());
            if (m.matches(frame)) {
                out.set(i);
            }
        }
        return out;
    }

    /** Each filter's frames per tshark: one io,stat pass for the filters without commas, -Y for the others. */
    private static Map<String, BitSet> tshark(Merged merged) throws Exception {
        List<String> stat = new ArrayList<>();
        stat.add("_ws.malformed");
        Map<String, BitSet> out = new LinkedHashMap<>();
        for (String f : FILTERS) {
            if (f.contains(",")) {
                out.put(f, tsharkY(merged, f));
            } else {
                stat.add(f);
            }
        }
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-d", DECODE_AS, "-r", merged.file().toString(), "-q", "-z",
                "io,stat,1," + String.join(",", stat)));
        String text = run(cmd);
        Pattern row = Pattern.compile("^\\|\\s*(\\d+)\\s*<>\\s*\\S+\\s*\\|(.*)$");
        for (String s : stat) {
            out.put(s, new BitSet());
        }
        int rows = 0;
        for (String line : text.split("\n")) {
            Matcher m = row.matcher(line);
            if (!m.find()) {
                continue;
            }
            rows++;
            int frame = Integer.parseInt(m.group(1));
            String[] cells = m.group(2).split("\\|");
            for (int c = 0; c < stat.size(); c++) {
                if (Long.parseLong(cells[2 * c].strip()) > 0) {
                    out.get(stat.get(c)).set(frame);
                }
            }
        }
        assertEquals(merged.frames(), rows, "tshark io,stat rows (one per frame):\n" + text.lines().limit(40)
                .reduce("", (a, b) -> a + b + "\n"));
        return out;
    }

    private static BitSet tsharkY(Merged merged, String filter) throws Exception {
        String text = run(List.of("tshark", "-n", "-d", DECODE_AS, "-r", merged.file().toString(), "-Y", filter, "-T", "fields",
                "-e", "frame.number"));
        BitSet out = new BitSet();
        for (String line : text.split("\n")) {
            if (line.matches("\\d+")) {
                out.set(Integer.parseInt(line) - 1);
            }
        }
        return out;
    }

    private static String run(List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        pb.environment().put("TZ", "UTC");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("tshark is needed for this test (Debian package tshark, installed by .ci/run): "
                    + e.getMessage());
        }
        p.getOutputStream().close();
        byte[] stdout = p.getInputStream().readAllBytes();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("tshark failed (" + cmd + "): " + stderr);
        }
        return new String(stdout, StandardCharsets.UTF_8);
    }
}

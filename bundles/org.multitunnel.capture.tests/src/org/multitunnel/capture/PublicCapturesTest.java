package org.multitunnel.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every public capture (test-captures/public: 227 hostile files from tcpdump's test suite, pcapng variants, GRE and
 * mobility captures) must open without an escaping exception or hang, and agree with independent tools.
 */
class PublicCapturesTest {

    /**
     * Expected values from independent tools, run on the same files:
     * packets = {@code capinfos -T -M -c FILE} (wireshark 4.0 capinfos; tshark agrees), or for link types
     * tshark does not support (vtp_asan.pcap: MFR, 182) the records tcpdump 4.99 prints with {@code -r FILE -n -tt}
     * (1 decoded + 4 "[Invalid header: caplen==0]"); captured bytes = sum of
     * {@code tshark -r FILE -T fields -e frame.cap_len}; first timestamp = {@code tshark -T fields
     * -e frame.time_epoch -c 1} (tcpdump -tt for vtp_asan); link type = what {@code tcpdump -r FILE} names
     * (EN10MB 1, IPV6 229, LINUX_SLL 113, C_HDLC 104, MFR 182).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "tcpdump-malformed/arp-oobr.pcap,              2282, 136380, 1, 1268518494558191000",
        "tcpdump-mobility-gre/various_gre.pcap,         100,   8444, 1, 1497606301394037000",
        "tcpdump-mobility-gre/erspan-type-ii-3.pcap,    108,  12032, 1, 1486833319096226000",
        "tcpdump-mobility-gre/ipv6_mobility_1.pcap,      16,   1024, 229, 1752754256004346000",
        "tcpdump-mobility-gre/nhrp.pcapng,               25,   3750, 1, 1657178391987024000",
        "tcpdump-pcapng/OSPFv2_Capture_FINAL.pcapng,     30,   5364, 1, 1518622219014914000",
        "tcpdump-pcapng/bgp-role.pcapng,                  9,   1278, 113, 1668715732541413000",
        "tcpdump-pcapng/hdlc_slarp.pcapng,                7,    168, 104, 1359439458845147000",
        "tcpdump-malformed/smb_data_print-oobr.pcapng,    4,    534, 1, 1480520108640523000",
        "tcpdump-malformed/nfs-attr-oobr.pcap,           48,   4384, 1, 808464432999999000",
        "tcpdump-malformed/babel_update_oobr.pcap,      107,   7383, 1, 1108000000128000",
        "tcpdump-malformed/vtp_asan.pcap,                 5,     50, 182, 1700306020999999000",
    })
    void matchesIndependentToolsOnPacketsBytesLinkTypeAndFirstTimestamp(String file, int packets, long capturedBytes,
            int linkType, long firstTimestampNanos) throws Exception {
        try (CaptureFile f = CaptureFile.open(PublicCaptures.file(file))) {
            assertEquals(packets, f.packetCount());
            long sum = 0;
            for (int i = 0; i < f.packetCount(); i++) {
                sum += f.capturedLength(i);
                assertEquals(linkType, f.linkType(i));
            }
            assertEquals(capturedBytes, sum);
            assertEquals(firstTimestampNanos, f.timestampNanos(0));
        }
    }

    @Test
    void emptyPublicCapturesHaveNoPacketsAndNoWarnings() throws Exception {
        // capinfos: 0 packets for both (headers only)
        for (String name : List.of("tcpdump-malformed/empty.pcap", "tcpdump-malformed/empty.pcapng")) {
            try (CaptureFile f = CaptureFile.open(PublicCaptures.file(name))) {
                assertEquals(0, f.packetCount(), name);
                assertEquals(List.of(), f.warnings(), name);
                assertEquals(1, f.interfaces().size(), name);
            }
        }
    }

    /**
     * 3365 = sum over all 264 public files of {@code capinfos -T -M -c} (3358), plus tcpdump's record count for the
     * 7 files with link types capinfos/tshark reject (frf16_magic_ie-oobr, hoobr_juniper3, juniper_es_oobr,
     * juniper_monitor_invalid_cookie_length, vtp_asan-2, vtp_asan-3: 1 each; vtp_asan: 5).
     */
    @Test
    void readsEveryPublicCaptureWithoutEscapingExceptionOrHangAndWithTheToolsTotal() {
        List<Path> files = PublicCaptures.all();
        assertEquals(264, files.size(), "public capture count changed");
        long[] total = new long[1];
        List<String> problems = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (Path p : files) {
                try (CaptureFile f = CaptureFile.open(p)) {
                    total[0] += f.packetCount();
                    checkInvariants(f, problems);
                    ReadSummary s = CaptureReader.read(p, v -> true);
                    if (s.packets() != f.packetCount()) {
                        problems.add(p + ": streaming read " + s.packets() + " packets, index " + f.packetCount());
                    }
                    for (ReadWarning w : f.warnings()) {
                        if (w.kind() == ReadWarning.Kind.INCOMPLETE) {
                            problems.add(p + ": " + w);
                        }
                    }
                } catch (Exception e) {
                    problems.add(p + ": " + e);
                }
            }
        });
        assertEquals(List.of(), problems);
        assertEquals(3365, total[0]);
    }

    static void checkInvariants(CaptureFile f, List<String> problems) throws Exception {
        long size = f.sizeBytes();
        for (int i = 0; i < f.packetCount(); i++) {
            long end = f.fileOffset(i) + f.capturedLength(i);
            if (f.capturedLength(i) < 0 || end > size || f.packet(i).remaining() != f.capturedLength(i)
                    || f.interfaceId(i) >= f.interfaces().size()) {
                problems.add(f.path() + ": inconsistent packet " + i);
                return;
            }
        }
        if (!Files.isReadable(f.path())) {
            fail("unreadable " + f.path());
        }
        assertTrue(f.indexingComplete());
    }
}

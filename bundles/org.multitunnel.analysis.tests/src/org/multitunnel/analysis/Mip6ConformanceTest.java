package org.multitunnel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.capture.write.PcapngWriter;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.Finding;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.MultitunnelFactory;
import org.multitunnel.model.export.FindingObjects;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.ip.Ipv6Header;
import org.multitunnel.wire.ip.UdpHeader;

/**
 * Seed 003 (draft-montavont-mip6-mmi-02) rules as the Mobile IPv6 analysis checks them on the wire, each on a
 * capture built from the bytes written out below: the load-balancing option's fields (§7.3.2), the security of
 * a Binding Update carrying it (§7.3.3), the receiver's use of the destination care-of addresses (§7.1, §7.3.2),
 * one care-of address per correspondent (§5.2), and a mobility header cut short (RFC 6275 §9.2).
 */
class Mip6ConformanceTest {
    private static final String HOA = "20010db8000100000000000000000005"; // 2001:db8:1::5, the home address
    private static final String HA = "20010db8000100000000000000000001"; // 2001:db8:1::1, the home agent
    private static final String COA1 = "20010db8000a00000000000000000005"; // 2001:db8:a::5
    private static final String COA2 = "20010db8000b00000000000000000005"; // 2001:db8:b::5
    private static final String CN = "20010db8000c00000000000000000009"; // 2001:db8:c::9, a correspondent

    @TempDir
    Path dir;

    private final List<byte[]> frames = new ArrayList<>();

    /** Destination options header carrying the Home Address option (RFC 6275 §6.3), 24 bytes. */
    private static String homeAddressOption(int next) {
        return String.format("%02x", next) // Next Header
                + "02" // Hdr Ext Len 2: 24 bytes
                + "01020000" // PadN, 2 bytes: the option starts at 8n+6
                + "c9" + "10" + HOA; // Home Address option: type 201, length 16, the home address
    }

    /** A Binding Update (RFC 6275 §6.1.7) with flags and mobility options; Header Len from the length. */
    private static String bindingUpdate(String flags, String options) {
        String body = "0007" // Sequence 7
                + flags // A, H, ... flags and reserved
                + "0040" // Lifetime 64 units (256 s)
                + options;
        int size = 6 + body.length() / 2;
        assertEquals(0, size % 8, "the test's mobility header must be a multiple of 8 bytes");
        return "3b" // Payload Proto 59
                + String.format("%02x", size / 8 - 1) // Header Len
                + "05" // MH Type 5: Binding Update
                + "00" + "0000" // Reserved, Checksum
                + body;
    }

    /** Seed 003 §7.1 load-balancing option at the default type 200: S(4) D(4) | CoA ID | Alternate CoA. */
    private static String loadBalancing(int s, int d, int coaId, String acoa) {
        return "c8" // Option Type 200 (a preference: never assigned)
                + "12" // Option Len 18
                + String.format("%x%x", s, d) // S and D
                + String.format("%02x", coaId) // CoA ID
                + acoa; // Alternate care-of address
    }

    /** A Binding Acknowledgement, status 0 (accepted), sequence 7, lifetime 64 units, padded to 16 bytes. */
    private static String bindingAckAccepted() {
        return "3b" + "01" + "06" + "00" + "0000" // Payload Proto 59, Header Len 1, MH Type 6, Reserved, Checksum
                + "00" + "00" + "0007" + "0040" // Status 0, flags, Sequence 7, Lifetime 64
                + "01020000"; // PadN to 16 bytes
    }

    private Mip6ConformanceTest ipv6(String src, String dst, int next, String payload) {
        frames.add(Ipv6Header.builder().nextHeader(next).hopLimit(64).source(Hex.decode(src))
                .destination(Hex.decode(dst)).build(Hex.decode(payload)));
        return this;
    }

    private static String udp() {
        return Hex.encode(UdpHeader.builder().sourcePort(5000).destinationPort(6000).build(new byte[] {1, 2, 3}));
    }

    private CaptureSession analyze() throws Exception {
        Path file = dir.resolve("mip6.pcapng");
        try (PcapngWriter w = PcapngWriter.create(file, "seed 003 rules", false)) {
            int ifc = w.addInterface(229, 65535, "ipv6"); // LINKTYPE_IPV6
            long t = 1_700_000_000_000_000_000L;
            for (byte[] f : frames) {
                w.write(ifc, t += 1_000_000, ByteBuffer.wrap(f), f.length);
            }
        }
        CaptureSession s = MultitunnelFactory.eINSTANCE.createCaptureSession();
        CaptureAnalyzer.analyze(file, AnalysisOptions.defaults(), new ModelUpdater(s), AnalysisProgress.NONE);
        return s;
    }

    private static List<String> at(CaptureSession s, String rule) {
        return s.getFindings().stream().filter(f -> f.getRule().equals(rule))
                .map(f -> f.getFrame() + ": " + f.getMessage()).toList();
    }

    private static Finding one(CaptureSession s, String rule) {
        List<Finding> f = s.getFindings().stream().filter(x -> x.getRule().equals(rule)).toList();
        assertEquals(1, f.size(), s.getFindings().stream().map(x -> x.getFrame() + " " + x.getRule()).toList()
                .toString());
        return f.get(0);
    }

    @Test
    void optionWithNeitherSourceNorDestinationAndReservedCoaIdIsFlagged() throws Exception {
        ipv6(COA1, HA, 60, homeAddressOption(135) + bindingUpdate("c000", // A, H: home registration
                loadBalancing(0, 0, 0, COA2))); // S 0, D 0, CoA ID 0
        CaptureSession s = analyze();
        Finding f = one(s, AnalysisRules.MMI_OPTION_FILLED);
        assertEquals(1, f.getFrame());
        assertTrue(f.getMessage().contains("neither S nor D") && f.getMessage().contains("CoA ID 0"), f.getMessage());
        assertEquals("2001:db8:1::5", FindingObjects.of(f).homeAddress());
        // and the home registration travelled without IPsec
        assertEquals(1, one(s, AnalysisRules.MMI_SECURITY).getFrame());
    }

    @Test
    void wellFilledOptionsToACorrespondentWithReturnRoutabilityAreClean() throws Exception {
        ipv6(COA1, CN, 60, homeAddressOption(135) + bindingUpdate("8000", // A only: correspondent registration
                loadBalancing(1, 0, 1, COA2) // source CoA 2001:db8:b::5, CoA ID 1
                        + "0404" + "0001" + "0002" // Nonce Indices: home 1, care-of 2
                        + "050c" + "00112233445566778899aabb" // Binding Authorization Data, 12-byte authenticator
                        + "01020000")); // PadN to a multiple of 8
        assertEquals(List.of(), analyze().getFindings().stream().map(Finding::getRule).toList());
    }

    @Test
    void correspondentRegistrationWithoutReturnRoutabilityIsFlagged() throws Exception {
        ipv6(COA1, CN, 60, homeAddressOption(135) + bindingUpdate("8000", // A: correspondent registration
                loadBalancing(1, 0, 1, COA2))); // a source option; no Nonce Indices, no Binding Authorization Data
        Finding f = one(analyze(), AnalysisRules.MMI_SECURITY);
        assertTrue(f.getMessage().contains("Nonce Indices"), f.getMessage());
    }

    @Test
    void correspondentSendingToAnotherCareOfAddressThanAdvertisedIsFlagged() throws Exception {
        ipv6(COA1, CN, 60, homeAddressOption(135) + bindingUpdate("8000",
                loadBalancing(0, 1, 1, COA2) // destination CoA 2001:db8:b::5
                        + "0404" + "0001" + "0002" + "050c" + "00112233445566778899aabb" + "01020000"))
                .ipv6(CN, COA1, 135, bindingAckAccepted()) // frame 2: accepted
                .ipv6(CN, COA2, 43, "11" + "02" + "02" + "01" + "00000000" + HOA + udp()) // frame 3: RH2 to CoA 2
                .ipv6(CN, COA1, 43, "11" + "02" + "02" + "01" + "00000000" + HOA + udp()); // frame 4: to CoA 1
        // (each "11 02 02 01 00000000 HoA": Next Header UDP, Hdr Ext Len 2, Routing Type 2, Segments Left 1,
        // Reserved, Home Address — RFC 6275 §6.4)
        CaptureSession s = analyze();
        Finding f = one(s, AnalysisRules.MMI_USE_DEST_COA);
        assertEquals(4, f.getFrame());
        assertTrue(f.getMessage().contains("2001:db8:a::5") && f.getMessage().contains("2001:db8:b::5"),
                f.getMessage());
    }

    @Test
    void homeAgentTunnellingToAnotherCareOfAddressThanAdvertisedIsFlagged() throws Exception {
        String inner = Hex.encode(Ipv6Header.builder().nextHeader(17).hopLimit(63).source(Hex.decode(CN))
                .destination(Hex.decode(HOA)).build(Hex.decode(udp())));
        ipv6(COA1, HA, 60, homeAddressOption(135) + bindingUpdate("c000", loadBalancing(0, 1, 1, COA2)))
                .ipv6(HA, COA1, 135, bindingAckAccepted())
                .ipv6(HA, COA1, 41, inner); // frame 3: IPv6 in IPv6 to CoA 1, not the advertised CoA 2
        assertEquals(List.of("3: 2001:db8:1::1 sent to home address 2001:db8:1::5 via 2001:db8:a::5, not a "
                + "destination care-of address its load-balancing registration gave (2001:db8:b::5)"),
                at(analyze(), AnalysisRules.MMI_USE_DEST_COA));
    }

    @Test
    void flowsWithOneCorrespondentFromTwoCareOfAddressesAreFlaggedUnlessABindingUpdateCameBetween()
            throws Exception {
        ipv6(COA1, CN, 60, homeAddressOption(17) + udp()) // frame 1: route-optimised from CoA 1
                .ipv6(COA2, CN, 60, homeAddressOption(17) + udp()); // frame 2: same home address from CoA 2
        Finding f = one(analyze(), AnalysisRules.MMI_SAME_COA);
        assertEquals(2, f.getFrame());

        frames.clear();
        ipv6(COA1, CN, 60, homeAddressOption(17) + udp())
                .ipv6(COA2, CN, 60, homeAddressOption(135) + bindingUpdate("8000", "01020000")) // handover: a BU
                .ipv6(COA2, CN, 60, homeAddressOption(17) + udp());
        assertEquals(List.of(), at(analyze(), AnalysisRules.MMI_SAME_COA));
    }

    @Test
    void mobilityHeaderTooShortForItsMessageIsReportedAtItsFrame() throws Exception {
        ipv6(COA1, HA, 135, "3b" // Payload Proto 59
                + "00" // Header Len 0: 8 bytes, a Binding Update needs 12
                + "05" + "00" + "0000" // MH Type 5, Reserved, Checksum
                + "0007"); // Sequence 7; flags and Lifetime missing
        Finding f = one(analyze(), AnalysisRules.MIP6_MALFORMED);
        assertEquals(1, f.getFrame());
        assertTrue(f.getMessage().contains("Acknowledge (A) flag needs 2 bytes"), f.getMessage());
    }
}

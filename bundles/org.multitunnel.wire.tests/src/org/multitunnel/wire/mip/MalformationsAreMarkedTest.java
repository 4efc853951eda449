package org.multitunnel.wire.mip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.dissect.Addresses;
import org.multitunnel.wire.dissect.Dissection;
import org.multitunnel.wire.dissect.LinkTypes;
import org.multitunnel.wire.dissect.PacketDissector;
import org.multitunnel.wire.ip.Ipv4Header;
import org.multitunnel.wire.ip.UdpHeader;
import org.multitunnel.wire.mip.finding.MessageFinding;
import org.multitunnel.wire.mip.finding.MipChecker;
import org.multitunnel.wire.mip.finding.MipRules;
import org.multitunnel.wire.mip.finding.Rule;

/**
 * Every malformation the analyzer reports is also marked in the decode ({@code decode --help} promises it): for
 * each rule that can report one, a message breaking it gets that finding (flagged as a malformation) from the
 * checker, and the dissection of the same bytes on the wire carries {@code _ws.malformed} at the same offset. The
 * vectors together cover every rule of {@link MipRules#MALFORMATIONS}.
 */
class MalformationsAreMarkedTest {
    /** Registration Request fixed part: type 1, flags T, lifetime 300, HoA, HA, CoA, identification. */
    private static final String REQUEST = "01" + "02" + "012c" + "0a010005" + "c0000201" + "c6336407"
            + "0102030405060708";
    /** Offset of the Mobile IP message in the raw IPv4 frame: IPv4 20 + UDP 8. */
    private static final int MIP = 28;

    private static Map<String, String> vectors() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("RFC5944-3.3-TRUNCATED", "0102012c0a010005c0000201c633640701020304"); // 20 of 24 fixed bytes
        v.put("RFC5944-1.11-EXT-TRUNCATED", REQUEST
                + "20" + "14" // MN-HA authentication, Length 20
                + "00000100" + "0102"); // SPI 256 and 2 bytes of authenticator: the message ends 14 bytes early
        v.put("RFC5944-1.11-EXT-LENGTH", REQUEST
                + "9a" + "01" + "0002" // Type 154, Sub-Type 1 (Multipath), Length 2: cannot hold its 4 bytes
                + "04" + "01"); // If-ATT 4, If-Label 1
        v.put("RFC7629-4.1-LENGTH", REQUEST
                + "9a" + "01" + "0006" // Multipath, Length 6 (MUST be 4)
                + "04" + "01" + "01" + "00" // If-ATT 4, If-Label 1, BID 1, flags
                + "0000"); // two bytes no field accounts for
        v.put("RFC7629-4.2-TS-LENGTH", REQUEST
                + "9a" + "02" + "000a" // Flow Binding, Length 10
                + "01" + "01" + "01" // Action 1, BID Count 1, BID 1
                + "01" // TS Format 1: IPv4
                + "c000" // flags A and B: start and end source address, 8 bytes
                + "0a000001"); // only the start source address is there
        v.put("MIR-4.1-LENGTH", REQUEST
                + "7c" + "07" // Multi-Interface Routing (type 124 by default), Length 7 (MUST be 6)
                + "00" + "01" + "40" + "04" + "05" + "00" // Sub-Type 0, If-Id 1, W, If-Type 4, weight 5, Reserved
                + "ee"); // one byte beyond the structure
        v.put("MTS02-4.1-LENGTH", REQUEST
                + "7d" + "07" // Multiple Tunnel Request (type 125 by default), Length 7
                + "00" + "04" + "0001" + "0000" // Sub-Type 0, If-Type 4, Binding-Id 1, flags
                + "ee"); // one byte: no Interface Bandwidth width fits it
        return v;
    }

    @Test
    void everyMalformationTheCheckerReportsIsMarkedInTheDecodeAtTheSameOffset() {
        Set<String> covered = new TreeSet<>();
        MipChecker checker = new MipChecker();
        for (Map.Entry<String, String> e : vectors().entrySet()) {
            byte[] message = Hex.decode(e.getValue());
            List<MessageFinding> findings = checker.check(message);
            MessageFinding f = findings.stream().filter(x -> x.rule().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new AssertionError(e.getKey() + " not reported: " + findings));
            assertTrue(f.malformation(), f.toString());
            Dissection d = new PacketDissector().dissectFull(LinkTypes.RAW, ByteBuffer.wrap(frame(message)));
            assertTrue(d.malformed(), e.getKey());
            List<Long> marked = new ArrayList<>();
            for (Field l : d.layers()) {
                l.findAll("_ws.malformed.offset").forEach(x -> marked.add((Long) x.value()));
            }
            assertTrue(marked.contains((long) MIP + f.offset()), e.getKey() + ": finding at " + (MIP + f.offset())
                    + ", marks at " + marked);
            for (MessageFinding other : findings) {
                if (other.malformation()) {
                    assertTrue(marked.contains((long) MIP + other.offset()), "unmarked " + other);
                    covered.add(other.rule());
                }
            }
        }
        Set<String> all = new TreeSet<>();
        for (Rule r : MipRules.MALFORMATIONS) {
            all.add(r.id());
        }
        assertEquals(all, covered);
    }

    @Test
    void wellFormedMessagesCarryNoMarker() {
        byte[] fine = Hex.decode(REQUEST + "9a" + "01" + "0004" + "04" + "01" + "01" + "00"); // Multipath, Length 4
        Dissection d = new PacketDissector().dissectFull(LinkTypes.RAW, ByteBuffer.wrap(frame(fine)));
        assertTrue(!d.malformed(), d.layers().toString());
        // and a Length 8 Multiple Tunnel Request carries the 16-bit bandwidth the draft draws: not malformed
        byte[] mtr8 = Hex.decode(REQUEST + "7d" + "08" + "00" + "04" + "0001" + "0000" + "0064");
        assertTrue(!new PacketDissector().dissectFull(LinkTypes.RAW, ByteBuffer.wrap(frame(mtr8))).malformed());
    }

    private static byte[] frame(byte[] message) {
        return Ipv4Header.builder().protocol(17).source(Addresses.parseIpv4("198.51.100.7"))
                .destination(Addresses.parseIpv4("192.0.2.1"))
                .build(UdpHeader.builder().sourcePort(434).destinationPort(434).build(message));
    }
}

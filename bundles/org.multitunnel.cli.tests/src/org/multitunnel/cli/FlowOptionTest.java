package org.multitunnel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.multitunnel.agent.mn.MobileNodeConfig;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.mip.MipFields;

/**
 * {@code agent mn --flow BIDS:SELECTOR}: the comma-free text becomes the RFC 7629 flow binding's BIDs, Action and
 * RFC 6088 IPv4 selector (checked down to the encoded bytes), and malformed text is a usage error naming it.
 */
class FlowOptionTest {
    @Test
    void portAndProtocolBecomeAnRfc6088SelectorWithStartAndEndFields() throws Exception {
        MobileNodeConfig.FlowPolicy p = FlowOption.parse("1:proto=17/dport=5001");
        assertArrayEquals(new int[] {1}, p.bids());
        assertEquals(FlowOption.DEFAULT_ACTION, p.action());
        ByteBuffer b = ByteBuffer.allocate(p.selector().encodedLength());
        p.selector().encodeTo(b);
        // flags 0x00cc (I J dport start/end, M N protocol start/end), ports 5001 5001, protocol 17 17
        assertEquals("00cc138913891111", Hex.encode(b.array()));
    }

    @Test
    void severalBidsRangesAddressesAndAction() throws Exception {
        MobileNodeConfig.FlowPolicy p = FlowOption.parse("2+1:dst=10.200.0.100/sport=6000-6010/action=3");
        assertArrayEquals(new int[] {2, 1}, p.bids());
        assertEquals(3, p.action());
        Map<String, Object> v = p.selector().values();
        assertEquals("10.200.0.100", v.get(MipFields.TS_DST_START));
        assertEquals("10.200.0.100", v.get(MipFields.TS_DST_END));
        assertEquals(6000L, ((Number) v.get(MipFields.TS_SPORT_START)).longValue());
        assertEquals(6010L, ((Number) v.get(MipFields.TS_SPORT_END)).longValue());
    }

    @Test
    void malformedFlowsAreUsageErrors() {
        for (String bad : new String[] {"dport=5001", "0:dport=5001", "1:", "1:port=80", "1:dport=70000",
            "1:dport=90-80", "1:dst=10.0.0", "1:dport"}) {
            UsageException e = assertThrows(UsageException.class, () -> FlowOption.parse(bad), bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }
}

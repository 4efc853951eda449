package org.multitunnel.agent.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.AuthExtension;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;
import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;
import org.multitunnel.wire.mip.ext.RawExtension;

class PropertiesTemplateTest {
    private static PropertiesTemplate parse(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return PropertiesTemplate.of(p);
    }

    @Test
    void buildsTheFixedPartAndEveryExtensionBeforeTheAuthenticator() throws Exception {
        PropertiesTemplate t = parse("""
                flags = D,T
                lifetime = 600
                home-address = 10.1.0.5
                home-agent = 192.0.2.1
                care-of = 198.51.100.7
                identification = 0x0102030405060708
                mp.bid = 2
                mp.if-att = 8
                mp.if-label = 3
                mp.b = true
                fb.1.action = 1
                fb.1.bids = 1,2
                fb.1.ts.dport_start = 80
                fb.1.ts.dst_start = 203.0.113.9
                mtr.bid = 7
                mtr.bandwidth = 1000
                mir.if-id = 2
                mir.weight = 5
                ext.1 = 200:abcd
                """);
        assertEquals(0x0102030405060708L, t.identification());
        RegistrationSpec.Builder b = t.builder();
        MultipathExtension mp = t.multipath().build();
        assertEquals(2, mp.bid());
        assertEquals(8, mp.ifAtt());
        assertEquals(3, mp.ifLabel());
        assertTrue(mp.bulkReregistration());
        RegistrationRequest rq = b.extension(mp).key(SecurityAssociation.hmacMd5(300, new byte[] {1, 2, 3}))
                .build().toRequest(t.identification());
        // D (0x20) and T (0x02), RFC 5944 §3.3
        assertEquals(0x22, rq.flags());
        assertEquals(600, rq.lifetime());
        assertEquals("198.51.100.7", rq.careOfAddress());
        assertEquals(6, rq.extensions().size());
        FlowBindingExtension fb = (FlowBindingExtension) rq.extensions().get(0);
        assertArrayEquals(new int[] {1, 2}, fb.bids());
        assertEquals(1, fb.tsFormat());
        assertEquals(1000, ((MultipleTunnelRequestExtension) rq.extensions().get(1)).bandwidth());
        assertEquals(5, ((MultiInterfaceRoutingExtension) rq.extensions().get(2)).linkWeight());
        assertEquals(200, ((RawExtension) rq.extensions().get(3)).type());
        assertTrue(rq.extensions().get(4) instanceof MultipathExtension);
        assertEquals(32, ((AuthExtension) rq.extensions().get(5)).type(), "MN-HA authenticator last");
    }

    @Test
    void defaultsToTimestampsAndNoMultipathAndNamesTheBadKey() throws Exception {
        PropertiesTemplate t = parse("home-address = 10.1.0.5\n");
        assertNull(t.identification());
        assertNull(t.multipath());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("mp.bid = two\n"));
        assertTrue(e.getMessage().contains("mp.bid"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("flags = D,Q\n"));
    }
}

package org.multitunnel.agent.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.multitunnel.agent.net.Ipv4;
import org.multitunnel.wire.mip.MipCodec;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.AuthResult;
import org.multitunnel.wire.mip.auth.MapKeyTable;
import org.multitunnel.wire.mip.auth.MipAuthenticator;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;

/** The generator's patched templates are byte for byte what the codec builds, authenticator included. */
class RequestTemplatesTest {
    private static final SecurityAssociation SA = SecurityAssociation.hmacMd5(0x100,
            "load-test-key-16".getBytes(StandardCharsets.US_ASCII));

    private static LoadSettings.Builder settings() {
        return LoadSettings.builder().target(new InetSocketAddress("127.0.0.1", 4434)).nodes(10).bids(4).rate(100)
                .lifetime(120).key(SA);
    }

    @Test
    void aPatchedRegistrationIsExactlyTheCodecsRequest() {
        LoadSettings s = settings().build();
        RequestTemplates t = new RequestTemplates(s);
        byte[] out = new byte[t.maxLength()];
        int home = Ipv4.toInt(Ipv4.parse("10.128.0.3"));
        int careOf = Ipv4.toInt(Ipv4.parse("127.0.1.2"));
        long id = 0xEAF0_1234_0000_0017L;
        int len = t.write(out, false, 2, home, careOf, id);
        byte[] expected = RequestTemplates.model(s, 2, 120, false, home, careOf, id).encode();
        assertArrayEquals(expected, Arrays.copyOf(out, len));
        byte[] fixed = {
            0x01, // Type 1: Registration Request
            0x00, // flags: S B D M G r T x all clear (the care-of address is the source's)
            0x00, 0x78, // Lifetime 120
            10, (byte) 128, 0, 3, // Home Address 10.128.0.3
            127, 0, 0, 1, // Home Agent: the target
            127, 0, 1, 2, // Care-of Address 127.0.1.2
            (byte) 0xEA, (byte) 0xF0, 0x12, 0x34, 0x00, 0x00, 0x00, 0x17 // Identification
        };
        assertArrayEquals(fixed, Arrays.copyOf(out, 24));
        RegistrationRequest rq = (RegistrationRequest) new MipCodec().decode(Arrays.copyOf(out, len));
        MultipathExtension mp = rq.extensions(MultipathExtension.class).get(0);
        assertEquals(2, mp.bid());
        assertEquals(2, mp.ifLabel());
        assertEquals(4, mp.ifAtt());
        List<AuthResult> auth = MipAuthenticator.verify(Arrays.copyOf(out, len), rq, new MapKeyTable().add(SA),
                "10.128.0.3");
        assertTrue(auth.get(0).valid());
    }

    @Test
    void deregistrationsFlowBindingsAndPlainRequestsMatchTheCodecToo() {
        LoadSettings flows = settings().flowBindings(true).careOfBase("198.18.0.1").build();
        RequestTemplates t = new RequestTemplates(flows);
        byte[] out = new byte[t.maxLength()];
        int len = t.write(out, false, 3, 0x0a800001, 0xc6120009, 42L);
        assertArrayEquals(RequestTemplates.model(flows, 3, 120, true, 0x0a800001, 0xc6120009, 42L).encode(),
                Arrays.copyOf(out, len));
        assertEquals(0x20, out[1], "D set: a co-located care-of address");
        FlowBindingExtension fb = ((RegistrationRequest) new MipCodec().decode(Arrays.copyOf(out, len)))
                .extensions(FlowBindingExtension.class).get(0);
        assertArrayEquals(new int[] { 3 }, fb.bids(), "a flow binding names only its own BID");
        len = t.write(out, true, 3, 0x0a800001, 0xc6120009, 43L);
        assertArrayEquals(RequestTemplates.model(flows, 3, 0, false, 0x0a800001, 0xc6120009, 43L).encode(),
                Arrays.copyOf(out, len), "a de-registration has Lifetime 0 and no flow binding");
        LoadSettings plain = settings().bids(1).plain(true).build();
        RequestTemplates p = new RequestTemplates(plain);
        len = p.write(out, false, 1, 0x0a800001, 0x7f000101, 44L);
        RegistrationRequest rq = (RegistrationRequest) new MipCodec().decode(Arrays.copyOf(out, len));
        assertEquals(List.of(), rq.extensions(MultipathExtension.class));
        assertArrayEquals(RequestTemplates.model(plain, 1, 120, false, 0x0a800001, 0x7f000101, 44L).encode(),
                Arrays.copyOf(out, len));
    }
}

package org.multitunnel.agent.load;

import java.util.List;

import org.multitunnel.wire.mip.MipCodec;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ext.AuthExtension;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;
import org.multitunnel.wire.mip.ext.MipExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.mip.ext.TrafficSelector;
import org.multitunnel.wire.mip.MipFields;

/**
 * The load generator's requests, built once per BID with the wire codec's builders (so they are exactly what
 * {@code send} would build) and then only patched for each request: Lifetime, Home Address, Care-of Address and
 * Identification in the RFC 5944 §3.3 fixed part, then the MN-HA authenticator recomputed in place over RFC 5944
 * §3.5.1's bytes. No objects are built per request, which is what lets one generator drive a home agent flat out.
 *
 * <p>Registration of BID k: Multipath Extension (RFC 7629 §4.1: If-ATT 4, If-Label k, BID k) and, when asked, a
 * Flow Binding Extension (RFC 7629 §4.2) binding UDP destination port 5000 + k to BID k — it names only its own BID,
 * which the home agent always knows. De-registration: Lifetime 0 with the Multipath Extension alone.
 */
final class RequestTemplates {
    /** Offsets in the RFC 5944 §3.3 fixed part (Lifetime and Flags are set per template). */
    private static final int HOME = 4, CARE_OF = 12, ID = 16;
    /** UDP destination port of BID k's flow: {@code 5000 + k}. */
    static final int FLOW_PORT_BASE = 5000;

    private final LoadSettings settings;
    private final byte[][] register;
    private final byte[][] deregister;
    private final int[] registerAuth;
    private final int[] deregisterAuth;

    RequestTemplates(LoadSettings s) {
        this.settings = s;
        int k = s.bids();
        register = new byte[k][];
        deregister = new byte[k][];
        registerAuth = new int[k];
        deregisterAuth = new int[k];
        for (int bid = 1; bid <= k; bid++) {
            register[bid - 1] = build(s, bid, s.lifetime(), s.flowBindings());
            registerAuth[bid - 1] = authOffset(register[bid - 1]);
            deregister[bid - 1] = build(s, bid, 0, false);
            deregisterAuth[bid - 1] = authOffset(deregister[bid - 1]);
        }
    }

    /** The request a mobile node would build with the codec for these values (the templates' model). */
    static RegistrationRequest model(LoadSettings s, int bid, int lifetime, boolean flow, int home, int careOf,
            long id) {
        RegistrationRequest.Builder b = RegistrationRequest.builder().lifetime(lifetime).homeAddress(home)
                .homeAgent(s.homeAgentField()).careOfAddress(careOf).identification(id)
                .flag(RegistrationRequest.D, s.careOfBase() != 0);
        if (!s.plain()) {
            b.extension(MultipathExtension.builder().ifAtt(4).ifLabel(bid).bid(bid).build());
        }
        if (flow) {
            int port = FLOW_PORT_BASE + bid;
            TrafficSelector ts = TrafficSelector.builder(TrafficSelector.FORMAT_IPV4)
                    .value(MipFields.TS_PROTO_START, 17).value(MipFields.TS_PROTO_END, 17)
                    .value(MipFields.TS_DPORT_START, port).value(MipFields.TS_DPORT_END, port).build();
            b.extension(FlowBindingExtension.builder().action(1).bids(bid).selector(ts).build());
        }
        return b.authenticate(ExtensionTypes.MN_HA_AUTH, s.key()).build();
    }

    private static byte[] build(LoadSettings s, int bid, int lifetime, boolean flow) {
        return model(s, bid, lifetime, flow, 0, 0, 0).encode();
    }

    private static int authOffset(byte[] template) {
        RegistrationRequest rq = (RegistrationRequest) new MipCodec().decode(template);
        List<MipExtension> ext = rq.extensions();
        int[] offsets = rq.extensionOffsets();
        for (int i = 0; i < ext.size(); i++) {
            if (ext.get(i) instanceof AuthExtension a && a.type() == ExtensionTypes.MN_HA_AUTH) {
                return offsets[i];
            }
        }
        throw new IllegalStateException("template without MN-HA authenticator");
    }

    int maxLength() {
        int max = 0;
        for (byte[] t : register) {
            max = Math.max(max, t.length);
        }
        return max;
    }

    /**
     * Writes into {@code out} the registration (or de-registration) of BID {@code bid} for {@code home} from
     * {@code careOf} with Identification {@code id}, authenticated; returns its length.
     */
    int write(byte[] out, boolean dereg, int bid, int home, int careOf, long id) {
        byte[] t = dereg ? deregister[bid - 1] : register[bid - 1];
        int auth = dereg ? deregisterAuth[bid - 1] : registerAuth[bid - 1];
        System.arraycopy(t, 0, out, 0, t.length);
        putInt(out, HOME, home);
        putInt(out, CARE_OF, careOf);
        putInt(out, ID, (int) (id >>> 32));
        putInt(out, ID + 4, (int) id);
        // RFC 5944 §3.5.1: the message up to and including this extension's SPI
        int covered = auth + 2 + 4;
        byte[] mac = settings.key().authenticate(out, 0, covered);
        System.arraycopy(mac, 0, out, covered, mac.length);
        return t.length;
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}

package org.multitunnel.agent.ha;

import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ext.AuthExtension;
import org.multitunnel.wire.mip.ext.ExtensionRegistry;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;
import org.multitunnel.wire.mip.ext.MipExtension;
import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;
import org.multitunnel.wire.mip.ext.RawExtension;

/**
 * One pass over a request's extensions that records what the home agent's checks need: where the MN-HA and FA-HA
 * authenticators are, the multipath-family and flow binding extensions with their positions, and the first
 * extension the HA cannot accept (unknown non-skippable, or a known one whose body did not decode).
 */
final class RequestExtensions {
    final List<MipExtension> all;
    final int[] offsets;
    int mnHaIndex = -1;
    int faHaIndex = -1;
    final List<Integer> multipath = new ArrayList<>();
    final List<Integer> flowBindings = new ArrayList<>();
    final List<Integer> multipleTunnel = new ArrayList<>();
    final List<Integer> multiInterface = new ArrayList<>();
    /** Why the first unacceptable extension is unacceptable, or null. */
    String unacceptable;

    private RequestExtensions(RegistrationRequest rq) {
        this.all = rq.extensions();
        this.offsets = rq.extensionOffsets();
    }

    static RequestExtensions of(RegistrationRequest rq, ExtensionRegistry registry) {
        RequestExtensions x = new RequestExtensions(rq);
        for (int i = 0; i < x.all.size(); i++) {
            MipExtension e = x.all.get(i);
            if (e instanceof AuthExtension a && a.type() == ExtensionTypes.MN_HA_AUTH && x.mnHaIndex < 0) {
                x.mnHaIndex = i;
            } else if (e instanceof AuthExtension a && a.type() == ExtensionTypes.FA_HA_AUTH && x.faHaIndex < 0) {
                x.faHaIndex = i;
            } else if (e instanceof MultipathExtension) {
                x.multipath.add(i);
            } else if (e instanceof FlowBindingExtension) {
                x.flowBindings.add(i);
            } else if (e instanceof MultipleTunnelRequestExtension) {
                x.multipleTunnel.add(i);
            } else if (e instanceof MultiInterfaceRoutingExtension) {
                x.multiInterface.add(i);
            } else if (e instanceof RawExtension raw && x.unacceptable == null) {
                x.unacceptable = judgeRaw(raw, registry);
            }
        }
        return x;
    }

    /**
     * RFC 5944 §1.9: types 0-127 are non-skippable. A raw type 154 (unknown Sub-Type, or a body that did not
     * decode) is non-skippable too: RFC 7629 §7 registers both of its extensions as non-skippable although 154 is
     * numerically in the skippable range. Any raw extension that is truncated or failed to decode is malformed.
     */
    private static String judgeRaw(RawExtension raw, ExtensionRegistry registry) {
        if (raw.truncated()) {
            return "extension type " + raw.type() + " runs past the end of the message";
        }
        if (raw.reason() != null) {
            return "extension type " + raw.type() + " is malformed: " + raw.reason();
        }
        if (raw.type() == ExtensionTypes.MULTIPATH) {
            return "type 154 with unknown Sub-Type " + raw.subtype() + " (non-skippable, RFC 7629 §7)";
        }
        if (!raw.skippable() && !registry.known(raw.type(), raw.subtype())) {
            return "unrecognised non-skippable extension type " + raw.type() + " (RFC 5944 §1.9)";
        }
        return null;
    }

    <T extends MipExtension> T at(int index, Class<T> c) {
        return c.cast(all.get(index));
    }

    /** RFC 5944 §3.5.1: only extensions before the MN-HA authenticator are covered by it. */
    boolean protectedByMnHa(int index) {
        return mnHaIndex >= 0 && index < mnHaIndex;
    }
}

package org.multitunnel.agent.fa;

import java.util.List;

import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ReplyCodes;
import org.multitunnel.wire.mip.ext.MipExtension;
import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;
import org.multitunnel.wire.mip.ext.RawExtension;

/**
 * The checks a foreign agent makes before relaying (RFC 5944 §3.7.2.1 and the drafts' FA sections): poorly formed
 * (70), lifetime too long (69), seed 001 §5.2 MULTIPLE_TUNNEL_REQUEST_DENIED_BY_FA, seed 000 §6.2 rule 1
 * ERROR_FA_MULTI_IF_REG_UNAVAIL and rule 3 ERROR_FA_MULTI_IF_UNEQUAL_LD_UNAVAIL. Returns the denial code or -1.
 */
final class FaPolicy {
    static final int FA_LIFETIME_TOO_LONG = 69;
    static final int FA_POORLY_FORMED = 70;

    private final ForeignAgentConfig config;
    private final ReplyCodes codes = ReplyCodes.standard();

    FaPolicy(ForeignAgentConfig config) {
        this.config = config;
    }

    int check(RegistrationRequest rq, List<Visitor> sameHome) {
        for (MipExtension e : rq.extensions()) {
            if (e instanceof RawExtension raw && (raw.truncated() || raw.reason() != null)) {
                return FA_POORLY_FORMED;
            }
        }
        if (rq.lifetime() > config.maxLifetime()) {
            return FA_LIFETIME_TOO_LONG;
        }
        if (!rq.extensions(MultipleTunnelRequestExtension.class).isEmpty() && !config.multipleTunnelSupport()) {
            return code("MULTIPLE_TUNNEL_REQUEST_DENIED_BY_FA",
                    ReplyCodes.DEFAULT_MULTIPLE_TUNNEL_REQUEST_DENIED_BY_FA);
        }
        List<MultiInterfaceRoutingExtension> mir = rq.extensions(MultiInterfaceRoutingExtension.class);
        if (!mir.isEmpty()) {
            if (!config.multiInterfaceRoutingSupport()) {
                return code("ERROR_FA_MULTI_IF_REG_UNAVAIL", ReplyCodes.DEFAULT_ERROR_FA_MULTI_IF_REG_UNAVAIL);
            }
            // seed 000 §6.2 rule 3: interfaces of one node behind this FA asking for unequal shares
            MultiInterfaceRoutingExtension m = mir.get(0);
            boolean unequal = m.rateLimit() && !m.weightedMode() || sameHome.stream()
                    .anyMatch(v -> !v.pending() && v.linkWeight() > 0 && v.linkWeight() != m.linkWeight());
            if (unequal && !config.unequalLoadSupport()) {
                return code("ERROR_FA_MULTI_IF_UNEQUAL_LD_UNAVAIL",
                        ReplyCodes.DEFAULT_ERROR_FA_MULTI_IF_UNEQUAL_LD_UNAVAIL);
            }
        }
        return -1;
    }

    private int code(String name, int fallback) {
        int v = codes.valueOf(name);
        return v >= 0 ? v : fallback;
    }
}

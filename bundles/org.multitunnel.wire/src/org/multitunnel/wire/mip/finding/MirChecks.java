package org.multitunnel.wire.mip.finding;

import java.util.List;

import org.multitunnel.wire.mip.ext.GeneralizedAuthExtension;
import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;

/** Seed 000 (Multi-Interface Routing draft) §4.1 and §10 rules for its extension. */
public final class MirChecks implements MessageCheck {
    @Override
    public void check(CheckContext c, List<MessageFinding> out) {
        for (int i : c.indicesOf(MultiInterfaceRoutingExtension.class)) {
            MultiInterfaceRoutingExtension e = (MultiInterfaceRoutingExtension) c.extensions().get(i);
            int at = c.offset(i);
            if (c.isReply()) {
                out.add(MipRules.MIR_IN_REPLY.at(at, "Multi-Interface Routing extension in a Registration Reply"));
            }
            if (c.isRequest() && c.afterMnHa(i)) {
                out.add(MipRules.MIR_AFTER_AUTH.at(at, "extension after the MN-HA authenticator"));
            }
            if (c.mnHaIndex() < 0 && c.message().extensions(GeneralizedAuthExtension.class).isEmpty()) {
                out.add(MipRules.MIR_UNAUTHENTICATED.at(at, "message carrying the extension is not authenticated"));
            }
            if (e.lengthField() != 6) {
                out.add(MipRules.MIR_LENGTH.malformedAt(at + 1, "Length is " + e.lengthField() + ", not 6"));
            }
            if (e.subtype() != 0) {
                out.add(MipRules.MIR_SUBTYPE.at(at + 2, "Sub-Type is " + e.subtype() + ", not 0"));
            }
            if (e.reserved0() != 0 || e.reserved1() != 0) {
                out.add(MipRules.MIR_RESERVED.at(e.reserved0() != 0 ? at + 4 : at + 7, "reserved bits set"));
            }
            if (e.weightedMode() && e.rateLimit()) {
                out.add(MipRules.MIR_L_WITH_W.at(at + 4, "L set together with W (weighted-ratio mode)"));
            }
        }
    }
}

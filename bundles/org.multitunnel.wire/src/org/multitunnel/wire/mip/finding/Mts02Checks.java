package org.multitunnel.wire.mip.finding;

import java.util.List;

import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;

/** Seed 001 (draft-gundavelli-mip4-multiple-tunnel-support-02) §4.1 rules for the Multiple Tunnel Request. */
public final class Mts02Checks implements MessageCheck {
    @Override
    public void check(CheckContext c, List<MessageFinding> out) {
        List<Integer> idx = c.indicesOf(MultipleTunnelRequestExtension.class);
        for (int n = 0; n < idx.size(); n++) {
            int i = idx.get(n);
            MultipleTunnelRequestExtension e = (MultipleTunnelRequestExtension) c.extensions().get(i);
            int at = c.offset(i);
            if (n == 1) {
                out.add(MipRules.MTR_MULTIPLE.at(at, "second Multiple Tunnel Request extension"));
            }
            if (c.isReply()) {
                out.add(MipRules.MTR_IN_REPLY.at(at, "Multiple Tunnel Request extension in a Registration Reply"));
            }
            if (c.isRequest() && c.afterMnHa(i)) {
                out.add(MipRules.MTR_AFTER_AUTH.at(at, "extension after the MN-HA authenticator"));
            }
            int len = e.lengthField();
            if (len == 6) {
                out.add(MipRules.MTR_LENGTH_SPEC.at(at + 1, "Length 6: no Interface Bandwidth field present"));
            } else {
                // Lengths 8 and 10 carry the Interface Bandwidth the draft draws; bytes beyond it fit no format
                String text = "Length is " + len + " (Interface Bandwidth of " + e.bandwidthSize() * 8 + " bits"
                        + (e.trailing().length > 0 ? " plus " + e.trailing().length + " unexplained bytes" : "")
                        + "), the text requires 6";
                out.add(e.trailing().length > 0 ? MipRules.MTR_LENGTH.malformedAt(at + 1, text)
                        : MipRules.MTR_LENGTH.at(at + 1, text));
            }
            if (e.subtype() != 0) {
                out.add(MipRules.MTR_SUBTYPE.at(at + 2, "Sub-Type is " + e.subtype() + ", not 0"));
            }
            if (e.bulkReregistration() && e.overwrite()) {
                out.add(MipRules.MTR_B_AND_O.at(at + 6, "both B and O are set"));
            }
            if (e.overwrite() && c.isDeregistration()) {
                out.add(MipRules.MTR_O_IN_DEREG.at(at + 6, "O set in a de-registration (Lifetime 0)"));
            }
            if (e.reserved() != 0) {
                out.add(MipRules.MTR_RESERVED.at(at + 6, "reserved bits 0x" + Integer.toHexString(e.reserved())));
            }
        }
    }
}

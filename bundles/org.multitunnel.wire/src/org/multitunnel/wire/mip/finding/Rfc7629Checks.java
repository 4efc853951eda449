package org.multitunnel.wire.mip.finding;

import java.util.List;

import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;
import org.multitunnel.wire.mip.ext.MipExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.mip.ext.RawExtension;
import org.multitunnel.wire.mip.ext.TrafficSelector;
import org.multitunnel.wire.mip.ext.TsLayout;

/** RFC 7629 (seed 002) §4.1 Multipath and §4.2 Flow Binding rules that one message can break. */
public final class Rfc7629Checks implements MessageCheck {
    @Override
    public void check(CheckContext c, List<MessageFinding> out) {
        List<MipExtension> exts = c.extensions();
        int multipaths = 0;
        for (int i = 0; i < exts.size(); i++) {
            MipExtension e = exts.get(i);
            int at = c.offset(i);
            if (e instanceof MultipathExtension mp) {
                multipaths++;
                multipath(c, mp, i, at, multipaths, out);
            } else if (e instanceof FlowBindingExtension fb) {
                flowBinding(c, fb, i, at, out);
            } else if (e instanceof RawExtension raw && e.type() == ExtensionTypes.MULTIPATH && !raw.truncated()
                    && raw.reason() == null && !c.registry().known(e.type(), e.subtype())) {
                out.add(MipRules.MP_UNKNOWN_SUBTYPE.at(at + 1, "type 154 with undefined Sub-Type " + e.subtype()));
            }
        }
    }

    private static void multipath(CheckContext c, MultipathExtension mp, int i, int at, int nth, List<MessageFinding> out) {
        if (nth == 2) {
            out.add(MipRules.MP_MULTIPLE.at(at, "second Multipath Extension in one message"));
        }
        if (c.isReply()) {
            out.add(MipRules.MP_IN_REPLY.at(at, "Multipath Extension in a Registration Reply"));
        }
        if (c.isRequest() && c.afterMnHa(i)) {
            out.add(MipRules.MP_AFTER_AUTH.at(at, "Multipath Extension after the MN-HA authenticator is not "
                    + "integrity protected"));
        }
        if (mp.lengthField() != 4) {
            out.add(MipRules.MP_LENGTH.at(at + 2, "Length is " + mp.lengthField() + ", not 4"));
        }
        if (mp.ifLabel() == 0) {
            out.add(MipRules.MP_IFLABEL_ZERO.at(at + 5, "If-Label 0"));
        }
        if (mp.bid() == 0 || mp.bid() == 255) {
            out.add(MipRules.MP_BID_RESERVED.at(at + 6, "reserved BID " + mp.bid()));
        }
        if (mp.bulkReregistration() && mp.overwrite()) {
            out.add(MipRules.MP_B_AND_O.at(at + 7, "both B and O are set"));
        }
        if (mp.overwrite() && c.isDeregistration()) {
            out.add(MipRules.MP_O_IN_DEREG.at(at + 7, "O set in a de-registration (Lifetime 0)"));
        }
        if (mp.reserved() != 0) {
            out.add(MipRules.MP_RESERVED.at(at + 7, "reserved bits are 0x" + Integer.toHexString(mp.reserved())));
        }
    }

    private static void flowBinding(CheckContext c, FlowBindingExtension fb, int i, int at, List<MessageFinding> out) {
        if (c.isRequest() && c.afterMnHa(i)) {
            out.add(MipRules.FB_AFTER_AUTH.at(at, "Flow Binding Extension after the MN-HA authenticator is not "
                    + "integrity protected"));
        }
        if (fb.bidCount() == 0 || fb.bidCount() > 8) {
            out.add(MipRules.FB_BID_COUNT.at(at + 5, "BID Count " + fb.bidCount()));
        }
        int[] bids = fb.bids();
        for (int k = 0; k < bids.length; k++) {
            if (bids[k] == 0 || bids[k] == 255) {
                out.add(MipRules.FB_BID_RESERVED.at(at + 6 + k, "reserved BID " + bids[k]));
            }
        }
        int fmtAt = at + 6 + bids.length;
        if (fb.tsFormat() == 0) {
            out.add(MipRules.FB_TS_FORMAT_RESERVED.at(fmtAt, "TS Format 0"));
        } else if (TsLayout.forFormat(fb.tsFormat()) == null) {
            out.add(MipRules.FB_TS_FORMAT_UNKNOWN.at(fmtAt, "TS Format " + fb.tsFormat()));
        }
        TrafficSelector ts = fb.selector();
        int tsAt = fmtAt + 1;
        if (ts.embeddedHeader()) {
            out.add(MipRules.FB_TS_EMBEDDED.at(tsAt, "selector starts with TS Format " + ts.innerFormat()
                    + " and Reserved " + ts.reserved()));
            if (ts.innerFormat() != fb.tsFormat()) {
                out.add(MipRules.FB_TS_FORMAT_MISMATCH.at(tsAt, "inner TS Format " + ts.innerFormat()
                        + " but extension TS Format " + fb.tsFormat()));
            }
        }
        if (TsLayout.forFormat(fb.tsFormat()) != null) {
            if (!ts.hasFlags() || ts.leftover().length > 0) {
                out.add(MipRules.FB_TS_LENGTH.at(tsAt, ts.hasFlags() ? ts.leftover().length
                        + " selector bytes not accounted for by its flags" : "selector too short for its flags"));
            }
            int reserved = ts.flags() & TsLayout.reservedMask(fb.tsFormat());
            if (ts.hasFlags() && reserved != 0) {
                out.add(MipRules.FB_TS_RESERVED_FLAGS.at(tsAt + (ts.embeddedHeader() ? 2 : 0),
                        "reserved selector flag bits 0x" + Integer.toHexString(reserved)));
            }
        }
    }
}

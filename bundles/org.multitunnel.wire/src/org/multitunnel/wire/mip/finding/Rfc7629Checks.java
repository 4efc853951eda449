package org.multitunnel.wire.mip.finding;

import java.util.List;

import org.multitunnel.wire.mip.MipFields;
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
            out.add(MipRules.MP_LENGTH.malformedAt(at + 2, "Length is " + mp.lengthField() + ", not 4"));
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
            selector(fb.tsFormat(), ts, tsAt, out);
        }
    }

    /** RFC 6088 §3.1/§3.2 rules on the selector at absolute {@code tsAt}; RFC 7629 §4.2 on its framing. */
    private static void selector(int format, TrafficSelector ts, int tsAt, List<MessageFinding> out) {
        int unread = tsAt + ts.encodedLength() - ts.leftover().length;
        if (!ts.hasFlags()) {
            out.add(MipRules.FB_TS_LENGTH.malformedAt(tsAt, "selector of " + ts.encodedLength()
                    + " byte(s) is too short for its flags"));
            return;
        }
        if (ts.missingBytes() > 0) {
            out.add(MipRules.FB_TS_LENGTH.malformedAt(unread, "selector flags 0x" + hex4(ts.flags()) + " announce "
                    + ts.missingBytes() + " more byte(s) than present (missing: " + shortNames(ts.missingFields())
                    + ")"));
        } else if (ts.extraBytes() > 0) {
            out.add(MipRules.FB_TS_LENGTH.malformedAt(unread, ts.extraBytes()
                    + " selector byte(s) after the fields flags 0x" + hex4(ts.flags()) + " announce"));
        }
        TrafficSelector alt = ts.alternative();
        if (ts.ambiguous()) {
            out.add(MipRules.FB_TS_AMBIGUOUS.at(tsAt, "read as flags 0x" + hex4(ts.flags()) + " (" + ts.text()
                    + "); the bytes also read exactly as RFC 6088 TS Format " + alt.innerFormat() + ", Reserved "
                    + alt.reserved() + ", flags 0x" + hex4(alt.flags()) + " (" + alt.text() + ")"));
        }
        int flagsAt = tsAt + (ts.embeddedHeader() ? 2 : 0);
        if (ts.wideFlowLabel()) {
            out.add(MipRules.TS_FLOW_LABEL_WIDTH.at(flagsAt, "flags 0x" + hex4(ts.flags()) + ": the flow label fields"
                    + " are 32 bits each; with 3-octet fields the bytes do not account for the selector"));
        }
        int reserved = ts.flags() & TsLayout.reservedMask(format);
        if (reserved != 0) {
            out.add(MipRules.FB_TS_RESERVED_FLAGS.at(flagsAt, "reserved selector flag bits 0x"
                    + Integer.toHexString(reserved)));
        }
        Rule endRule = format == TrafficSelector.FORMAT_IPV6 ? MipRules.TS_END_WITHOUT_START_V6
                : MipRules.TS_END_WITHOUT_START_V4;
        for (TsLayout.Item item : TsLayout.forFormat(format)) {
            TsLayout.Item start = TsLayout.startOf(format, item);
            if (start != null && (ts.flags() & item.mask()) != 0 && (ts.flags() & start.mask()) == 0) {
                out.add(endRule.at(flagsAt, item.label() + " without " + start.label()));
            }
        }
        if (format == TrafficSelector.FORMAT_IPV6) {
            int o = flagsAt + 2;
            for (TsLayout.Item item : TsLayout.forFormat(format, ts.wideFlowLabel())) {
                Object v = ts.values().get(item.field());
                if (v == null) {
                    continue;
                }
                if (TsLayout.isFlowLabel(item.field()) && (((Long) v) >>> 20) != 0) {
                    out.add(MipRules.TS_FLOW_LABEL_PREFIX.at(o, item.label() + " 0x" + Long.toHexString((Long) v)
                            + " has bits set above the 20-bit flow label"));
                }
                o += item.size();
            }
        }
    }

    private static String hex4(int v) {
        return String.format("%04x", v);
    }

    private static String shortNames(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (String f : fields) {
            sb.append(sb.length() == 0 ? "" : ", ").append(f.substring(f.lastIndexOf('.') + 1));
        }
        return sb.toString();
    }
}

package org.multitunnel.wire.mip.finding;

import java.util.List;

import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ext.AuthExtension;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.GeneralizedAuthExtension;
import org.multitunnel.wire.mip.ext.MipExtension;
import org.multitunnel.wire.mip.ext.RawExtension;

/** RFC 5944 rules one message can break: extension framing, unknown extensions, reserved bits, authentication. */
public final class Rfc5944Checks implements MessageCheck {
    @Override
    public void check(CheckContext c, List<MessageFinding> out) {
        List<MipExtension> exts = c.extensions();
        for (int i = 0; i < exts.size(); i++) {
            MipExtension e = exts.get(i);
            int at = c.offset(i);
            if (e instanceof RawExtension raw) {
                if (raw.truncated()) {
                    out.add(MipRules.EXT_TRUNCATED.malformedAt(at, "extension type " + e.type() + " declares "
                            + raw.lengthField() + " bytes but the message ends after " + raw.encodedLength()));
                } else if (raw.reason() != null) {
                    out.add(MipRules.EXT_LENGTH.malformedAt(at, "extension type " + e.type() + ": " + raw.reason()));
                } else if (!c.registry().known(e.type(), e.subtype())
                        && e.type() != ExtensionTypes.MULTIPATH) {
                    Rule r = e.skippable() ? MipRules.UNKNOWN_SKIPPABLE : MipRules.UNKNOWN_NON_SKIPPABLE;
                    out.add(r.at(at, "unrecognised " + (e.skippable() ? "skippable" : "non-skippable")
                            + " extension type " + e.type()));
                }
            }
            long spi = e instanceof AuthExtension a ? a.spi() : e instanceof GeneralizedAuthExtension g ? g.spi() : -1;
            if (spi >= 0 && spi <= 255) {
                out.add(MipRules.SPI_RESERVED.at(at + (e instanceof AuthExtension ? 2 : 4), "SPI " + spi
                        + " is in the reserved range 0-255"));
            }
        }
        if (c.message() instanceof RegistrationRequest rq) {
            if (rq.flag(RegistrationRequest.R)) {
                out.add(MipRules.RESERVED_R.at(c.base() + 1, "reserved bit r is set"));
            }
            if (rq.flag(RegistrationRequest.X)) {
                out.add(MipRules.RESERVED_X.at(c.base() + 1, "reserved bit x is set"));
            }
        }
        if (c.message() instanceof RegistrationReply rp && c.codes().lookup(rp.code()) == null) {
            out.add(MipRules.UNKNOWN_CODE.at(c.base() + 1, "reply code " + rp.code() + " is not registered"));
        }
        boolean faDenial = c.message() instanceof RegistrationReply rp && rp.code() >= 64 && rp.code() < 128;
        if ((c.isRequest() || (c.isReply() && !faDenial)) && c.mnHaIndex() < 0
                && c.message().extensions(GeneralizedAuthExtension.class).isEmpty()) {
            out.add(MipRules.AUTH_REQUIRED.at(c.end(), "no Mobile-Home (or MN-AAA) Authentication Extension"));
        }
    }
}

package org.multitunnel.ui.testbed.replay;

import java.util.List;

import org.multitunnel.agent.replay.AddressMap;
import org.multitunnel.agent.replay.CapturedRegistration;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.KeyTable;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.AuthExtension;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.MultipathExtension;

/**
 * What a captured request will look like when replayed, before anything is sent: the addresses after the rewrite
 * map and whether (and with which SPI) it will be re-signed — the Replay part's preview line and table cells.
 */
public final class ReplayPreview {
    private ReplayPreview() {
    }

    /** The captured value, or "captured → new" when the map changes it. */
    public static String mapped(String captured, AddressMap map) {
        String to = map.apply(captured);
        return captured == null ? "" : to.equals(captured) ? captured : captured + " → " + to;
    }

    /** The BID of the request's Multipath Extension, or -1. */
    public static int bid(RegistrationRequest rq) {
        List<MultipathExtension> mp = rq.extensions(MultipathExtension.class);
        return mp.isEmpty() ? -1 : mp.get(0).bid();
    }

    /** The SPI of the MN-HA authentication extension, or -1 when the request has none. */
    public static long spi(RegistrationRequest rq) {
        for (var e : rq.extensions()) {
            if (e instanceof AuthExtension a && a.type() == ExtensionTypes.MN_HA_AUTH) {
                return a.spi();
            }
        }
        return -1;
    }

    /**
     * One line, signing first (the usual reason for a surprising code): "frame 3: re-signed with SPI 4096; HoA
     * 10.1.0.1 → 10.9.0.1, HA …, CoA …, lifetime 300, BID 2".
     */
    public static String describe(CapturedRegistration c, AddressMap map, KeyTable keys) {
        RegistrationRequest rq = c.request();
        StringBuilder b = new StringBuilder("frame ").append(c.frame()).append(": ");
        long spi = spi(rq);
        if (spi < 0) {
            b.append("unsigned");
        } else {
            SecurityAssociation sa = keys == null ? null : keys.lookup(spi, map.apply(rq.homeAgent()));
            b.append(sa == null ? "no key for SPI " + spi + ", authenticator sent as captured (expect 131)"
                    : "re-signed with SPI " + sa.spi());
        }
        b.append("; HoA ").append(mapped(rq.homeAddress(), map)).append(", HA ").append(mapped(rq.homeAgent(), map))
                .append(", CoA ").append(mapped(rq.careOfAddress(), map)).append(", lifetime ").append(rq.lifetime());
        int bid = bid(rq);
        if (bid >= 0) {
            b.append(", BID ").append(bid);
        }
        return b.toString();
    }
}

package org.multitunnel.wire.mip6;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Layer;

/**
 * The fixed parts of the mobility messages (RFC 6275 §6.1.2–6.1.9), registered by MH type in
 * {@link MobilityHeaderDissector#MH_TYPE_TABLE}: BRR 0, HoTI 1, CoTI 2, HoT 3, CoT 4, BU 5, BA 6, BE 7. Each returns
 * a node spanning exactly its fixed part; options follow in the Mobility Header dissector.
 */
public final class MobilityMessageDissectors {
    private MobilityMessageDissectors() {
    }

    /** Fills a message's fields into its layer and returns the length of its fixed part. */
    @FunctionalInterface
    private interface Body {
        int fill(Layer l, int off);
    }

    /**
     * A message dissector that keeps the fields read before the bytes ran out: a message cut short (RFC 6275
     * §9.2, Header Len too small for its type, or a capture cut) shows every field present, then the malformed
     * marker, instead of losing the whole message.
     */
    private static Dissector message(String name, String title, Body body) {
        return (ctx, buf, off, len) -> {
            Layer l = new Layer(buf, off, len);
            try {
                return l.build(name, title, body.fill(l, off));
            } catch (DecodeException e) {
                return l.partial(ctx, e, name, title);
            }
        };
    }

    public static void register(DissectorRegistry r) {
        String t = MobilityHeaderDissector.MH_TYPE_TABLE;
        r.register(t, MobilityMessages.BINDING_REFRESH_REQUEST, message("mip6.brr", "Binding Refresh Request",
                (l, off) -> {
                    l.raw("mip6.binding_refresh_request", "Binding Refresh Request", off, 2);
                    return 2;
                }));
        r.register(t, MobilityMessages.HOME_TEST_INIT, message("mip6.hoti", "Home Test Init",
                (l, off) -> cookie(l, off, "mip6.hoti.cookie", "Home Init Cookie")));
        r.register(t, MobilityMessages.CARE_OF_TEST_INIT, message("mip6.coti", "Care-of Test Init",
                (l, off) -> cookie(l, off, "mip6.coti.cookie", "Care-of Init Cookie")));
        r.register(t, MobilityMessages.HOME_TEST, message("mip6.hot", "Home Test",
                (l, off) -> test(l, off, "mip6.hot", "Home")));
        r.register(t, MobilityMessages.CARE_OF_TEST, message("mip6.cot", "Care-of Test",
                (l, off) -> test(l, off, "mip6.cot", "Care-of")));
        r.register(t, MobilityMessages.BINDING_UPDATE, message("mip6.bu", "Binding Update",
                MobilityMessageDissectors::bindingUpdate));
        r.register(t, MobilityMessages.BINDING_ACK, message("mip6.ba", "Binding Acknowledgement",
                MobilityMessageDissectors::bindingAck));
        r.register(t, MobilityMessages.BINDING_ERROR, message("mip6.be", "Binding Error", (l, off) -> {
            l.uint("mip6.be.status", "Status", off, 1);
            l.hex("mip6.be.reserved", "Reserved", off + 1, 1);
            l.ipv6("mip6.be.haddr", "Home Address", off + 2);
            return 18;
        }));
    }

    /** HoTI/CoTI (§6.1.3, §6.1.4): Reserved(16) | Init Cookie(64). */
    private static int cookie(Layer l, int off, String name, String label) {
        l.hex("mip6.reserved2", "Reserved", off, 2);
        l.hex(name, label, off + 2, 8);
        return 10;
    }

    /** HoT/CoT (§6.1.5, §6.1.6): Nonce Index(16) | Init Cookie(64) | Keygen Token(64). */
    private static int test(Layer l, int off, String p, String who) {
        l.uint(p + ".nindex", who + " Nonce Index", off, 2);
        l.hex(p + ".cookie", who + " Init Cookie", off + 2, 8);
        l.hex(p + ".token", who + " Keygen Token", off + 10, 8);
        return 18;
    }

    /** §6.1.7: Sequence #(16) | A H L K M R P F T B flags + reserved (16) | Lifetime(16, 4-second units). */
    private static int bindingUpdate(Layer l, int off) {
        l.uint("mip6.bu.seqnr", "Sequence number", off, 2);
        l.flag("mip6.bu.a_flag", "Acknowledge (A) flag", off + 2, 2, MobilityMessages.BU_A);
        l.flag("mip6.bu.h_flag", "Home Registration (H) flag", off + 2, 2, MobilityMessages.BU_H);
        l.flag("mip6.bu.l_flag", "Link-Local Compatibility (L) flag", off + 2, 2, MobilityMessages.BU_L);
        l.flag("mip6.bu.k_flag", "Key Management Compatibility (K) flag", off + 2, 2, MobilityMessages.BU_K);
        l.flag("mip6.bu.m_flag", "MAP Registration Compatibility (M) flag", off + 2, 2, MobilityMessages.BU_M);
        l.flag("mip6.nemo.bu.r_flag", "Mobile Router (R) flag", off + 2, 2, MobilityMessages.BU_R);
        l.flag("mip6.bu.p_flag", "Proxy Registration (P) flag", off + 2, 2, MobilityMessages.BU_P);
        l.flag("mip6.bu.f_flag", "Forcing UDP encapsulation (F) flag", off + 2, 2, MobilityMessages.BU_F);
        l.flag("mip6.bu.t_flag", "TLV-header format (T) flag", off + 2, 2, MobilityMessages.BU_T);
        l.flag("mip6.bu.b_flag", "Bulk-Binding-Update flag (B)", off + 2, 2, MobilityMessages.BU_B);
        long life = l.u16(off + 4, "lifetime");
        l.add(Field.leaf("mip6.bu.lifetime", "Lifetime: " + life + " (" + life * 4 + " seconds)", life, off + 4, 2));
        return 6;
    }

    /** §6.1.8: Status(8) | K R P T B flags + reserved (8) | Sequence #(16) | Lifetime(16). */
    private static int bindingAck(Layer l, int off) {
        l.uint("mip6.ba.status", "Status", off, 1);
        l.flag("mip6.ba.k_flag", "Key Management Compatibility (K) flag", off + 1, 1, MobilityMessages.BA_K);
        l.flag("mip6.nemo.ba.r_flag", "Mobile Router (R) flag", off + 1, 1, MobilityMessages.BA_R);
        l.flag("mip6.ba.p_flag", "Proxy Registration (P) flag", off + 1, 1, MobilityMessages.BA_P);
        l.flag("mip6.ba.t_flag", "TLV-header format (T) flag", off + 1, 1, MobilityMessages.BA_T);
        l.flag("mip6.ba.b_flag", "Bulk-Binding-Update flag (B)", off + 1, 1, MobilityMessages.BA_B);
        l.uint("mip6.ba.seqnr", "Sequence number", off + 2, 2);
        long life = l.u16(off + 4, "lifetime");
        l.add(Field.leaf("mip6.ba.lifetime", "Lifetime: " + life + " (" + life * 4 + " seconds)", life, off + 4, 2));
        return 6;
    }
}

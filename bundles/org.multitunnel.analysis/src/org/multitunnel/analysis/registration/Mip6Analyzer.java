package org.multitunnel.analysis.registration;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.multitunnel.model.Binding;
import org.multitunnel.model.BindingEvent;
import org.multitunnel.model.Encapsulation;
import org.multitunnel.model.ExtensionKind;
import org.multitunnel.model.MobileNode;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.MultitunnelFactory;
import org.multitunnel.model.Registration;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Addresses;
import org.multitunnel.wire.dissect.PacketDissector;

/**
 * The Mobile IPv6 binding cache (RFC 6275 §10.3) with several care-of addresses per home address, as seed 003
 * (draft-montavont-mip6-mmi) and RFC 5648 (multiple care-of registrations) describe it: a Binding Update
 * registers, refreshes or (lifetime 0) removes bindings once its Binding Acknowledgement accepts it (status
 * &lt; 128); bindings are keyed by the RFC 5648 Binding Identifier, else by seed 003's CoA ID, else one per home
 * address. Mobility headers are rare, so each is dissected in full and read by field name.
 */
public final class Mip6Analyzer {
    private static final int BINDING_UPDATE = 5;
    private static final int BINDING_ACK = 6;
    /** RFC 6275 §6.2.7 / §6.1.8: lifetimes are in units of 4 seconds. */
    private static final int LIFETIME_UNIT = 4;
    /** RFC 6275 §6.3: the Home Address destination option. */
    private static final int HOME_ADDRESS_OPTION = 201;

    private record Update(MobileNode node, Registration registration, List<Integer> bids, String coa,
            ExtensionKind kind, int lifetime) {
    }

    private final ModelUpdater updater;
    private final BindingSemantics semantics;
    private final PacketDissector dissector = new PacketDissector();
    private final Map<String, Update> pending = new HashMap<>();

    public Mip6Analyzer(ModelUpdater updater, BindingSemantics semantics) {
        this.updater = updater;
        this.semantics = semantics;
    }

    /** One mobility-header packet: its link type and frame bytes, frame number and time (ns). */
    public void packet(int linkType, ByteBuffer frame, long number, long time) {
        semantics.advanceTo(time);
        List<Field> layers = dissector.dissect(linkType, frame);
        Field ipv6 = first(layers, "ipv6");
        Field mh = first(layers, "mipv6");
        if (ipv6 == null || mh == null) {
            return;
        }
        Long type = number(mh, "mip6.mhtype");
        if (type == null) {
            return;
        }
        if (type == BINDING_UPDATE) {
            update(ipv6, mh, number, time);
        } else if (type == BINDING_ACK) {
            ack(ipv6, mh, number, time);
        }
    }

    private void update(Field ipv6, Field mh, long frame, long time) {
        String src = text(ipv6, "ipv6.src");
        String dst = text(ipv6, "ipv6.dst");
        String hoa = homeAddressOption(ipv6);
        String home = hoa != null ? hoa : src;
        Long seq = number(mh, "mip6.bu.seqnr");
        Long units = number(mh, "mip6.bu.lifetime");
        if (home == null || seq == null || units == null) {
            return;
        }
        List<Integer> bids = new ArrayList<>();
        for (Field f : mh.findAll("mip6.bi.bid")) {
            bids.add(((Number) f.value()).intValue());
        }
        ExtensionKind kind = bids.isEmpty() ? ExtensionKind.NONE : ExtensionKind.RFC5648;
        Field coaId = mh.find("mip6.lb.coaid");
        if (bids.isEmpty() && coaId != null) {
            bids.add(((Number) coaId.value()).intValue());
            kind = ExtensionKind.MMI02;
        }
        String coa = firstText(mh, "mip6.bi.coa_ipv6", "mip6.lb.acoa", "mip6.acoa.acoa");
        if (coa == null) {
            coa = src;
        }
        MobileNode mn = updater.mobileNode(home);
        updater.identify(mn, dst, null);
        Registration r = MultitunnelFactory.eINSTANCE.createRegistration();
        r.setRequestFrame(frame);
        r.setRequestTime(time);
        r.setIdentification(seq);
        r.setLifetimeRequested((int) (units * LIFETIME_UNIT));
        r.setCareOfAddress(coa);
        r.setHomeAgent(dst);
        if (!bids.isEmpty()) {
            r.setBid(bids.get(0));
        }
        r.setExtension(kind);
        String key = home + "#" + seq;
        Update previous = pending.get(key);
        if (previous != null && !previous.registration.isSetReplyFrame()) {
            updater.retransmitted(previous.registration);
            return;
        }
        updater.addRegistration(mn, r);
        pending.put(key, new Update(mn, r, bids, coa, kind, (int) (units * LIFETIME_UNIT)));
    }

    private void ack(Field ipv6, Field mh, long frame, long time) {
        Long seq = number(mh, "mip6.ba.seqnr");
        Long status = number(mh, "mip6.ba.status");
        Long units = number(mh, "mip6.ba.lifetime");
        String dst = text(ipv6, "ipv6.dst");
        if (seq == null || status == null || units == null) {
            return;
        }
        Update u = null;
        for (Map.Entry<String, Update> e : pending.entrySet()) {
            if (e.getKey().endsWith("#" + seq) && !e.getValue().registration.isSetReplyFrame()
                    && (u == null || e.getKey().startsWith(dst + "#"))) {
                u = e.getValue();
            }
        }
        if (u == null) {
            return;
        }
        int granted = (int) (units * LIFETIME_UNIT);
        updater.answered(u.registration, frame, time, status.intValue(), granted);
        if (status >= 128) {
            return; // RFC 6275 §6.1.8: 128 and above reject the update; the cache is unchanged
        }
        apply(u, granted, time, frame);
    }

    private void apply(Update u, int granted, long time, long frame) {
        List<Integer> keys = u.bids.isEmpty() ? List.of(-1) : u.bids;
        if (granted == 0 || u.lifetime == 0) {
            List<Binding> ending = new ArrayList<>();
            for (Binding b : updater.activeBindings().of(u.node)) {
                if (u.bids.isEmpty() || (b.isSetBid() && u.bids.contains(b.getBid()))) {
                    ending.add(b);
                }
            }
            for (Binding b : ending) {
                updater.end(b, BindingEvent.DEREGISTERED, time, frame, u.registration);
            }
            semantics.changed();
            return;
        }
        for (int bid : keys) {
            Binding existing = bid < 0 ? single(u.node) : updater.activeBindings().byBid(u.node, bid);
            if (existing != null && !existing.getCareOfAddress().equals(u.coa)) {
                updater.end(existing, BindingEvent.REPLACED, time, frame, u.registration);
                existing = null;
            }
            Binding b;
            if (existing != null) {
                updater.refresh(existing, granted, time, frame, u.registration);
                b = existing;
            } else {
                b = MultitunnelFactory.eINSTANCE.createBinding();
                if (bid >= 0) {
                    b.setBid(bid);
                }
                b.setCareOfAddress(u.coa);
                b.setEncapsulation(Encapsulation.IPIP); // RFC 6275 §10.4.1: IPv6 in IPv6 tunnelling
                b.setExtension(u.kind);
                b.setLifetimeRequested(u.lifetime);
                b.setLifetimeGranted(granted);
                updater.register(u.node, b, time, frame, u.registration);
            }
            semantics.track(b);
        }
    }

    /** Without Binding Identifiers a home address has one binding (RFC 6275 §9.1). */
    private Binding single(MobileNode mn) {
        List<Binding> active = updater.activeBindings().of(mn);
        return active.isEmpty() ? null : active.get(0);
    }

    private static String homeAddressOption(Field ipv6) {
        for (Field opt : ipv6.findAll("ipv6.opt")) {
            Field type = opt.find("ipv6.opt.type");
            Field data = opt.find("ipv6.opt_unknown_data");
            if (type != null && ((Number) type.value()).intValue() == HOME_ADDRESS_OPTION && data != null
                    && data.value() instanceof byte[] b && b.length == 16) {
                return Addresses.ipv6(ByteBuffer.wrap(b), 0);
            }
        }
        return null;
    }

    private static Field first(List<Field> layers, String name) {
        for (Field l : layers) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        return null;
    }

    private static Long number(Field root, String name) {
        Field f = root.find(name);
        return f != null && f.value() instanceof Number n ? n.longValue() : null;
    }

    private static String text(Field root, String name) {
        Field f = root.find(name);
        return f != null && f.value() != null ? f.value().toString() : null;
    }

    private static String firstText(Field root, String... names) {
        for (String n : names) {
            String t = text(root, n);
            if (t != null) {
                return t;
            }
        }
        return null;
    }
}

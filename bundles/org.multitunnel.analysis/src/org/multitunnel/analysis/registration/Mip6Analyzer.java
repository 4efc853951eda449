package org.multitunnel.analysis.registration;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.multitunnel.analysis.AnalysisRules;
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
import org.multitunnel.wire.fast.PacketSummary;

/**
 * The Mobile IPv6 binding cache (RFC 6275 §10.3) with several care-of addresses per home address, as seed 003
 * (draft-montavont-mip6-mmi) and RFC 5648 (multiple care-of registrations) describe it: a Binding Update
 * registers, refreshes or (lifetime 0) removes bindings once its Binding Acknowledgement accepts it (status
 * &lt; 128); bindings are keyed by the RFC 5648 Binding Identifier, else by seed 003's CoA ID, else one per home
 * address. Mobility headers are rare, so each is dissected in full and read by field name.
 *
 * <p>It also checks what seed 003 makes observable (docs/conformance.md, MMI- rows): the load-balancing option's
 * fields and the security a Binding Update carrying it needs (on the update itself), and, on route-optimised and
 * home-agent-tunnelled data, that one correspondent sees one care-of address per home address (§5.2) and that the
 * receiver of a load-balancing update sends to the destination care-of addresses it was given (§7.1, §7.3.2). The
 * data checks only run for packets carrying a home address (Home Address option, type 2 routing header) or IPv6
 * tunnels, and return at once while no load-balancing registration is known.
 */
public final class Mip6Analyzer {
    private static final int BINDING_UPDATE = 5;
    private static final int BINDING_ACK = 6;
    /** RFC 6275 §6.2.7 / §6.1.8: lifetimes are in units of 4 seconds. */
    private static final int LIFETIME_UNIT = 4;

    private record Update(MobileNode node, Registration registration, List<Integer> bids, String coa,
            ExtensionKind kind, int lifetime, String peer, String home, Set<String> destinations) {
    }

    private final ModelUpdater updater;
    private final BindingSemantics semantics;
    private final PacketDissector dissector = new PacketDissector();
    private final Map<String, Update> pending = new HashMap<>();
    /** Seed 003 §7.3: "peer|home" → the destination care-of addresses an accepted load-balancing update gave. */
    private final Map<String, Set<String>> destinations = new HashMap<>();
    /** "peer|home" whose destination misuse was reported since its last accepted update. */
    private final Set<String> destinationReported = new HashSet<>();
    /** Seed 003 §5.2: "correspondent|home" → care-of addresses its route-optimised packets came from. */
    private final Map<String, Set<String>> sources = new HashMap<>();
    /** "correspondent|home" whose last Binding Update registered source care-of addresses (S flag): allowed. */
    private final Set<String> multiSource = new HashSet<>();

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
        Field bad = mh.find("_ws.malformed");
        if (bad != null) {
            // the same marker the decode shows: a short or inconsistent mobility header is reported, not dropped
            String hoa = homeAddressOption(layers);
            MobileNode mn = updater.knownMobileNode(hoa != null ? hoa : String.valueOf(text(ipv6, "ipv6.src")));
            String text = "malformed mobility header: "
                    + bad.display().replaceAll("^\\[Malformed Packet: |\\]$", "");
            if (mn != null) {
                updater.addFinding(number, org.multitunnel.model.Severity.ERROR, AnalysisRules.MIP6_MALFORMED, text,
                        mn);
            } else {
                updater.addFinding(number, org.multitunnel.model.Severity.ERROR, AnalysisRules.MIP6_MALFORMED, text);
            }
        }
        Long type = number(mh, "mip6.mhtype");
        if (type == null) {
            return;
        }
        if (type == BINDING_UPDATE) {
            update(layers, ipv6, mh, number, time);
        } else if (type == BINDING_ACK) {
            ack(ipv6, mh, number, time);
        }
    }

    private void update(List<Field> layers, Field ipv6, Field mh, long frame, long time) {
        String src = text(ipv6, "ipv6.src");
        String dst = text(ipv6, "ipv6.dst");
        String hoa = homeAddressOption(layers);
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
        Set<String> lbDestinations = loadBalancing(layers, mh, src, dst, home, mn, frame);
        updater.addRegistration(mn, r);
        pending.put(key, new Update(mn, r, bids, coa, kind, (int) (units * LIFETIME_UNIT), dst, home,
                lbDestinations));
    }

    /**
     * Seed 003 §7 on one Binding Update: each load-balancing option filled as §7.3.1/§7.3.2 say, the update
     * protected as Mobile IPv6 requires (§7.3.3), and (§5.2) a new period for the correspondent's source care-of
     * addresses. Returns the destination care-of addresses the update asks for (the options with D set, else its
     * source address), or null when it carries no load-balancing option.
     */
    private Set<String> loadBalancing(List<Field> layers, Field mh, String src, String dst, String home,
            MobileNode mn, long frame) {
        String key = dst + "|" + home;
        sources.remove(key); // a Binding Update to the correspondent starts a new choice of care-of address
        multiSource.remove(key);
        List<Field> options = mh.findAll("mip6.options.lb");
        if (options.isEmpty()) {
            return null;
        }
        Set<String> dests = new java.util.LinkedHashSet<>();
        for (Field o : options) {
            Long s = number(o, "mip6.lb.s");
            Long d = number(o, "mip6.lb.d");
            Long id = number(o, "mip6.lb.coaid");
            String acoa = text(o, "mip6.lb.acoa");
            if (s == null || d == null || id == null || acoa == null) {
                continue; // a malformed option: already reported as such
            }
            List<String> wrong = new ArrayList<>();
            if (s > 1) {
                wrong.add("S is " + s + " (0 or 1)");
            }
            if (s == 0 && d == 0) {
                wrong.add("neither S nor D is set, so it names neither a source nor a destination care-of address");
            }
            if (id == 0) {
                wrong.add("CoA ID 0 is reserved for the Binding Update's source address");
            }
            if (!wrong.isEmpty()) {
                updater.addFinding(frame, org.multitunnel.model.Severity.ERROR, AnalysisRules.MMI_OPTION_FILLED,
                        "load-balancing option for " + acoa + ": " + String.join("; ", wrong), mn);
            }
            if (d != 0) {
                dests.add(acoa);
            }
            if (s == 1) {
                multiSource.add(key);
            }
        }
        Long h = number(mh, "mip6.bu.h_flag");
        boolean ipsec = first(layers, "ah") != null || first(layers, "esp") != null;
        if (h != null && h == 1 && !ipsec) {
            updater.addFinding(frame, org.multitunnel.model.Severity.ERROR, AnalysisRules.MMI_SECURITY, "home "
                    + "registration with the load-balancing option to " + dst + " is not protected by IPsec (RFC 6275 "
                    + "§5.1: ESP between mobile node and home agent); its mobility header travels in the clear", mn);
        } else if ((h == null || h == 0) && (mh.find("mip6.options.ni") == null
                || mh.find("mip6.options.bad_auth") == null)) {
            updater.addFinding(frame, org.multitunnel.model.Severity.ERROR, AnalysisRules.MMI_SECURITY,
                    "correspondent registration with the load-balancing option to " + dst + " lacks the Nonce "
                            + "Indices and Binding Authorization Data options of return routability (RFC 6275 §6.1.7, "
                            + "§9.5.1)", mn);
        }
        if (dests.isEmpty()) {
            dests.add(src); // §7.3: with source options only, the update's source address is the destination
        }
        return dests;
    }

    /**
     * A data packet that carries a home address (RFC 6275 Home Address option or type 2 routing header) or an
     * IPv6 tunnel from a home agent: seed 003 §5.2 (one care-of address per correspondent) and §7.1/§7.3.2 (the
     * advertised destination care-of addresses are used).
     */
    public void data(ByteBuffer buf, PacketSummary s, long frame) {
        int kind = s.mip6HomeAddressKind();
        if (kind == PacketSummary.HOME_ADDRESS_OPTION) {
            String home = Addresses.ipv6(buf, s.mip6HomeAddressOffset());
            String coa = Addresses.ipv6(buf, s.l3Offset() + 8);
            String cn = Addresses.ipv6(buf, s.l3Offset() + 24);
            String key = cn + "|" + home;
            Set<String> seen = sources.computeIfAbsent(key, k -> new java.util.LinkedHashSet<>());
            if (seen.add(coa) && seen.size() == 2 && !multiSource.contains(key)) {
                MobileNode mn = updater.knownMobileNode(home);
                String text = "home address " + home + " talks to correspondent " + cn + " from care-of addresses "
                        + String.join(" and ", seen) + " without a Binding Update between (per-correspondent "
                        + "mobility: all flows with one correspondent use one care-of address)";
                if (mn != null) {
                    updater.addFinding(frame, org.multitunnel.model.Severity.ERROR, AnalysisRules.MMI_SAME_COA, text,
                            mn);
                } else {
                    updater.addFinding(frame, org.multitunnel.model.Severity.ERROR, AnalysisRules.MMI_SAME_COA,
                            text);
                }
            }
            return;
        }
        if (destinations.isEmpty()) {
            return; // no load-balancing registration: nothing to hold the data to
        }
        String peer;
        String coa;
        String home;
        if (kind == PacketSummary.TYPE2_ROUTING_HEADER) {
            peer = Addresses.ipv6(buf, s.l3Offset() + 8);
            coa = Addresses.ipv6(buf, s.l3Offset() + 24);
            home = Addresses.ipv6(buf, s.mip6HomeAddressOffset());
        } else if (s.kind() == org.multitunnel.wire.fast.PacketKind.TUNNEL_DATA
                && s.encapsulation() == org.multitunnel.wire.fast.TunnelEncapsulation.IPIP && s.innerVersion() == 6) {
            peer = Addresses.ipv6(buf, s.l3Offset() + 8);
            coa = Addresses.ipv6(buf, s.l3Offset() + 24);
            home = Addresses.ipv6(ByteBuffer.allocate(16).putLong(s.innerDst6Hi()).putLong(s.innerDst6Lo()), 0);
        } else {
            return;
        }
        String key = peer + "|" + home;
        Set<String> allowed = destinations.get(key);
        if (allowed != null && !allowed.contains(coa) && destinationReported.add(key)) {
            MobileNode mn = updater.knownMobileNode(home);
            String text = peer + " sent to home address " + home + " via " + coa + ", not a destination care-of "
                    + "address its load-balancing registration gave (" + String.join(", ", allowed) + ")";
            if (mn != null) {
                updater.addFinding(frame, org.multitunnel.model.Severity.ERROR, AnalysisRules.MMI_USE_DEST_COA, text,
                        mn);
            } else {
                updater.addFinding(frame, org.multitunnel.model.Severity.ERROR, AnalysisRules.MMI_USE_DEST_COA, text);
            }
        }
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
        String key = u.peer + "|" + u.home;
        destinationReported.remove(key);
        if (u.destinations != null && granted > 0 && u.lifetime > 0) {
            destinations.put(key, u.destinations);
        } else {
            destinations.remove(key);
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

    /**
     * The home address of an RFC 6275 §6.3 Home Address destination option in any layer of the packet (the
     * extension headers may be layers of their own), else null.
     */
    private static String homeAddressOption(List<Field> layers) {
        for (Field l : layers) {
            Field f = l.find("ipv6.opt.mipv6.home_address");
            if (f != null && f.value() != null) {
                return f.value().toString();
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

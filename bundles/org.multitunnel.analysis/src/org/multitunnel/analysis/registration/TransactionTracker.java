package org.multitunnel.analysis.registration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.multitunnel.model.MobileNode;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.MultitunnelFactory;
import org.multitunnel.model.Registration;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ext.MipExtension;
import org.multitunnel.wire.mip.ext.NaiExtension;

/**
 * Pairs Registration Requests with their Replies by (home address, identification), as RFC 5944 §3.6.1.3 and
 * §3.8.3 say a reply echoes them: a repeated request with the same identification to the same destination is a
 * retransmission; the same request relayed on by a foreign agent (other source or destination) is the same
 * transaction; a reply whose high-order identification bits differ (the home agent's clock, §5.7) still matches
 * by the low-order 32 bits and is flagged as an identification mismatch.
 */
public final class TransactionTracker {
    /** A request waiting for, or matched to, its reply. */
    public static final class Pending {
        public final RegistrationRequest request;
        public final BindingRequest binding;
        public final Registration registration;
        public final MobileNode node;
        final int src;
        final int dst;
        boolean answered;
        /** Error-severity message-level findings of the request (a home agent must reject such a request). */
        int violations;
        /** Outer IPv4 sources of every copy seen (the mobile node's, and a foreign agent's relayed copy). */
        final Set<Integer> sources = new HashSet<>();
        /** The copy the request is being handled as: the first seen, or a relayed copy (set by request()). */
        RegistrationRequest copy;
        int copySrc;
        boolean relayed;
        /** Whether the relayed copy has been compared with the received one (AgentAddedExtensionCheck). */
        boolean agentAdditionChecked;
        /** Whether the mobile node's routing of this request has been judged (InterfaceRoutingCheck). */
        boolean routingChecked;

        Pending(RegistrationRequest request, BindingRequest binding, Registration registration, MobileNode node,
                int src, int dst) {
            this.request = request;
            this.binding = binding;
            this.registration = registration;
            this.node = node;
            this.src = src;
            this.dst = dst;
            this.sources.add(src);
            this.copy = request;
            this.copySrc = src;
        }

        /** The first copy seen (the mobile node's own, when the capture holds it). */
        public RegistrationRequest first() {
            return request;
        }

        public boolean answered() {
            return answered;
        }
    }

    /** What a reply matched. */
    public record Match(Pending pending, boolean exact, boolean duplicate) {
    }

    private record Key(int homeAddress, long identification) {
    }

    private final ModelUpdater updater;
    private final Map<Key, Pending> byIdent = new HashMap<>();
    private final Map<Key, Pending> byLow32 = new HashMap<>();
    private final List<Pending> all = new ArrayList<>();

    public TransactionTracker(ModelUpdater updater) {
        this.updater = updater;
    }

    /** Records a request; returns its transaction (new, or the one it retransmits or relays). */
    public Pending request(RegistrationRequest rq, int src, int dst, long frame, long time) {
        Key key = new Key(rq.homeAddressInt(), rq.identification());
        Pending p = byIdent.get(key);
        if (p != null && !p.answered) {
            if (p.src == src && p.dst == dst) {
                updater.retransmitted(p.registration);
                p.relayed = false;
            } else {
                p.relayed = true; // another hop of the same transaction (RFC 5944 §3.7 relay)
                p.sources.add(src);
            }
            p.copy = rq;
            p.copySrc = src;
            return p;
        }
        MobileNode mn = updater.mobileNode(rq.homeAddress());
        updater.identify(mn, rq.homeAgent(), nai(rq));
        BindingRequest br = BindingRequest.of(rq);
        Registration r = MultitunnelFactory.eINSTANCE.createRegistration();
        r.setRequestFrame(frame);
        r.setRequestTime(time);
        r.setIdentification(rq.identification());
        r.setLifetimeRequested(rq.lifetime());
        r.setFlags(rq.flags());
        r.setCareOfAddress(rq.careOfAddress());
        r.setHomeAgent(rq.homeAgent());
        if (br.bid() != BindingRequest.NO_BID) {
            r.setBid(br.bid());
        }
        r.setExtension(br.kind());
        updater.addRegistration(mn, r);
        p = new Pending(rq, br, r, mn, src, dst);
        byIdent.put(key, p);
        byLow32.put(new Key(rq.homeAddressInt(), rq.identification() & 0xffffffffL), p);
        all.add(p);
        return p;
    }

    /**
     * Matches a reply. Returns null for an orphan (recorded as a reply-only transaction); a second copy of an
     * already matched reply (relayed by a foreign agent) comes back with {@code duplicate} set.
     */
    public Match reply(RegistrationReply rp, long frame, long time) {
        Pending p = byIdent.get(new Key(rp.homeAddressInt(), rp.identification()));
        boolean exact = p != null;
        if (p == null) {
            p = byLow32.get(new Key(rp.homeAddressInt(), rp.identification() & 0xffffffffL));
        }
        if (p == null) {
            MobileNode mn = updater.mobileNode(rp.homeAddress());
            updater.identify(mn, rp.homeAgent(), null);
            Registration r = MultitunnelFactory.eINSTANCE.createRegistration();
            r.setIdentification(rp.identification());
            r.setHomeAgent(rp.homeAgent());
            updater.addRegistration(mn, r);
            updater.answered(r, frame, time, rp.code(), rp.lifetime());
            return null;
        }
        if (p.answered) {
            return new Match(p, exact, true);
        }
        p.answered = true;
        updater.answered(p.registration, frame, time, rp.code(), rp.lifetime());
        return new Match(p, exact, false);
    }

    private static String nai(RegistrationRequest rq) {
        for (MipExtension e : rq.extensions()) {
            if (e instanceof NaiExtension n) {
                return n.nai();
            }
        }
        return null;
    }

    /** Requests never answered, in capture order. */
    public List<Pending> unanswered() {
        return all.stream().filter(p -> !p.answered).toList();
    }
}

package org.multitunnel.agent.ha;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.multitunnel.agent.net.NtpIdentification;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.mip.MipCodec;
import org.multitunnel.wire.mip.ReplyCodes;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.KeyTable;
import org.multitunnel.wire.mip.auth.MipAuthenticator;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.AuthExtension;
import org.multitunnel.wire.mip.ext.ExtensionFormat;
import org.multitunnel.wire.mip.ext.ExtensionRegistry;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;
import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;

/**
 * RFC 5944 §3.8.2 registration processing at the home agent, with RFC 7629 §5.2 multipath bindings and the seed
 * 000/001 draft variants. Steps, in order: §3.8.2.1 validity checks — MN-HA authentication (→ 131) first, located
 * by {@link RequestFraming} and checked over the received bytes before any other extension is decoded, then the
 * full decode, FA-HA (→ 132), Identification (→ 133) — then well-formedness (→ 134), policy (136, 152, 153,
 * draft codes, 135, 130), then the binding change of {@link BindingUpdater}. Thread-safe: the table and the nonce
 * guard lock themselves.
 */
final class RegistrationProcessor {
    static final int ACCEPTED = 0;
    static final int ACCEPTED_NO_SIMULTANEOUS = 1;
    static final int INSUFFICIENT_RESOURCES = 130;
    static final int MN_FAILED_AUTH = 131;
    static final int FA_FAILED_AUTH = 132;
    static final int IDENTIFICATION_MISMATCH = 133;
    static final int POORLY_FORMED = 134;
    static final int TOO_MANY_BINDINGS = 135;
    static final int UNKNOWN_HA_ADDRESS = 136;

    private final HomeAgentConfig config;
    private final ExtensionRegistry registry;
    private final MipCodec codec;
    private final RequestFraming framing;
    private final KeyTable mnHaKeys;
    private final KeyTable faHaKeys;
    private final NonceGuard nonces;
    private final BindingTable table;
    private final BindingUpdater updater;
    private final ReplyCodes codes;

    RegistrationProcessor(HomeAgentConfig config, ExtensionRegistry registry, BindingTable table) {
        this.config = config;
        this.registry = registry;
        this.codec = new MipCodec(registry);
        this.framing = new RequestFraming(registry);
        this.mnHaKeys = config.mnHaKeyTable();
        this.faHaKeys = config.faHaKeyTable();
        this.nonces = new NonceGuard(config.maxBindings());
        this.table = table;
        this.updater = new BindingUpdater(config);
        this.codes = config.replyCodes();
    }

    /**
     * The decision for the Registration Request {@code bytes} (type 1, at least the 24-byte fixed part); null means
     * discard silently. The outcome names the request to answer: fully decoded, or only its fixed part when the
     * request was refused before its extensions were looked at.
     */
    Outcome process(byte[] bytes) {
        Instant now = config.clock().instant();
        boolean discard = config.discardUnknownNonSkippable();
        RequestFraming.Result f = framing.walk(bytes, discard);
        if (discard && f.unacceptable()) {
            return null; // RFC 5944 §1.9: "the message containing that extension MUST be silently discarded"
        }
        RegistrationRequest fixed = (RegistrationRequest) codec.decode(bytes, 0, RegistrationRequest.FIXED_LENGTH);
        long id = fixed.identification();
        String hoa = fixed.homeAddress();
        // RFC 5944 §3.8.2.1: an MN-HA (authorization-enabling) extension must be present and valid.
        if (!f.hasMnHa()) {
            return reject(fixed, MN_FAILED_AUTH, id, null, "no Mobile-Home Authentication Extension (RFC 5944 §3.2)");
        }
        long spi = u32(bytes, f.mnHaOffset() + 2);
        SecurityAssociation sa = mnHaKeys.lookup(spi, hoa);
        if (sa == null) {
            return reject(fixed, MN_FAILED_AUTH, id, null, "no security association for SPI " + spi);
        }
        if (!valid(sa, bytes, f.mnHaOffset(), f.mnHaLength())) {
            return reject(fixed, MN_FAILED_AUTH, id, sa, "MN-HA authenticator mismatch");
        }
        RegistrationRequest rq = (RegistrationRequest) codec.decode(bytes);
        RequestExtensions x = RequestExtensions.of(rq, registry);
        if (x.mnHaIndex < 0 || x.offsets[x.mnHaIndex] != f.mnHaOffset()) {
            // only a registry that decodes type 32 unusually gets here: fall back to the decoded extension
            return reject(rq, MN_FAILED_AUTH, id, sa, "MN-HA Authentication Extension does not decode");
        }
        if (x.unacceptable != null && discard) {
            return null; // RFC 5944 §1.9, for an extension that is known but did not decode
        }
        // RFC 5944 §3.8.2.1: when the HA shares an FA-HA association, the FA-HA extension is checked (132).
        if (x.faHaIndex >= 0 && config.hasFaHaKeys()) {
            AuthExtension faHa = x.at(x.faHaIndex, AuthExtension.class);
            SecurityAssociation fsa = faHaKeys.lookup(faHa.spi(), null);
            if (fsa == null || !valid(fsa, bytes, x, x.faHaIndex, faHa)) {
                return reject(rq, FA_FAILED_AUTH, id, sa, "FA-HA authentication failed");
            }
        }
        if (config.usesNonces(hoa)) {
            // RFC 5944 §5.7.2: the high-order 32 bits must be a nonce this HA gave the node; every reply to an
            // authenticated request carries a new one (also the 133, which resynchronises the node).
            boolean fresh = nonces.consume(hoa, id);
            long requestId = id;
            id = NonceGuard.replyIdentification(nonces.issue(hoa), requestId);
            if (!fresh) {
                return reject(rq, IDENTIFICATION_MISMATCH, id, sa, "identification does not carry an unused nonce "
                        + "of this home agent (RFC 5944 §5.7.2)");
            }
        } else {
            // RFC 5944 §3.8.2.1 and §5.7.1: timestamp within the window, not a replay; 133 carries the HA's time.
            long requestId = id;
            int home = rq.homeAddressInt();
            long nanos = HaSlot.nanos(now);
            if (!table.update(now, t -> t.freshIdentification(home, requestId, nanos))) {
                return reject(rq, IDENTIFICATION_MISMATCH, NtpIdentification.resynchronising(now, id), sa,
                        "identification outside the replay window or replayed");
            }
        }
        String malformed = Wellformedness.check(rq, x);
        if (malformed != null) {
            return reject(rq, POORLY_FORMED, id, sa, malformed);
        }
        if (config.homeAgentAddress() != null && !config.homeAgentAddress().equals(rq.homeAgent())) {
            return reject(rq, UNKNOWN_HA_ADDRESS, id, sa, "Home Agent field " + rq.homeAgent() + " is not this agent");
        }
        MultiBindingRequest multi = multi(x);
        Integer policy = policy(rq, x, multi);
        if (policy != null) {
            return reject(rq, policy, id, sa, codes.name(policy));
        }
        List<FlowBindingExtension> fbs = new ArrayList<>();
        x.flowBindings.forEach(i -> fbs.add(x.at(i, FlowBindingExtension.class)));
        // RFC 5944 §3.8.3.1: more than the HA is willing to provide is answered with what it will provide
        int granted = rq.lifetime() == 0 ? 0 : Math.min(rq.lifetime(), config.maxLifetime(hoa));
        List<HaFlowBinding> flows = toFlows(fbs);
        long nanos = HaSlot.nanos(now);
        Integer code = table.update(now, t -> {
            Integer unknownBid = unknownFlowBid(t, rq.homeAddressInt(), multi, fbs, rq.lifetime());
            if (unknownBid != null) {
                return ReplyCodes.INVALID_FB_IDENTIFIER;
            }
            return updater.apply(t, rq, multi, flows, granted, nanos);
        });
        if (code > ACCEPTED_NO_SIMULTANEOUS) {
            return reject(rq, code, id, sa, codes.name(code));
        }
        boolean home = rq.lifetime() == 0 || rq.careOfAddressInt() == rq.homeAddressInt();
        return new Outcome(rq, code, home ? 0 : granted, id, sa, fbs, "accepted");
    }

    /** Checks the MN-HA authenticator at {@code off} (data length {@code len}) over exactly the received bytes. */
    private static boolean valid(SecurityAssociation sa, byte[] bytes, int off, int len) {
        byte[] expected = MipAuthenticator.compute(sa, bytes, off, ExtensionFormat.SHORT);
        int at = off + 2 + 4;
        int n = len - 4;
        if (n != expected.length) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < n; i++) {
            diff |= expected[i] ^ bytes[at + i]; // constant time, as MessageDigest.isEqual
        }
        return diff == 0;
    }

    private static boolean valid(SecurityAssociation sa, byte[] bytes, RequestExtensions x, int index,
            AuthExtension a) {
        byte[] expected = MipAuthenticator.compute(sa, bytes, x.offsets[index], a.format());
        return MessageDigest.isEqual(expected, a.authenticator());
    }

    private static long u32(byte[] b, int off) {
        return ((b[off] & 0xffL) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8)
                | (b[off + 3] & 0xff);
    }

    private static MultiBindingRequest multi(RequestExtensions x) {
        if (!x.multipath.isEmpty()) {
            return MultiBindingRequest.of(x.at(x.multipath.get(0), MultipathExtension.class));
        }
        if (!x.multipleTunnel.isEmpty()) {
            return MultiBindingRequest.of(x.at(x.multipleTunnel.get(0), MultipleTunnelRequestExtension.class));
        }
        if (!x.multiInterface.isEmpty()) {
            return MultiBindingRequest.of(x.at(x.multiInterface.get(0), MultiInterfaceRoutingExtension.class));
        }
        return null;
    }

    /** Per-MN and per-agent policy; null when the request may proceed. */
    private Integer policy(RegistrationRequest rq, RequestExtensions x, MultiBindingRequest multi) {
        if (multi == null) {
            return null;
        }
        boolean denied = config.multipathDenied(rq.homeAddress());
        switch (multi.extension()) {
            case MultiBindingRequest.RFC7629 -> {
                // RFC 7629 §5.2: "If multipath support is not enabled, the home agent MUST reject ... 152".
                return denied ? ReplyCodes.MULTIPATH_NOT_ALLOWED : null;
            }
            case MultiBindingRequest.MTS02 -> {
                // seed 001 §5.3: EnableMultipleTunnelSupport 0 → MULTIPLE_TUNNEL_REQUEST_DENIED_BY_HA.
                return !config.multipleTunnelSupport() || denied ? code("MULTIPLE_TUNNEL_REQUEST_DENIED_BY_HA",
                        ReplyCodes.DEFAULT_MULTIPLE_TUNNEL_REQUEST_DENIED_BY_HA) : null;
            }
            default -> {
                // seed 000 §6.3 rule 1 (service not offered / not allowed) and rule 2 (unequal load).
                if (!config.multiInterfaceRoutingSupport() || denied) {
                    return code("ERROR_HA_MULTI_IF_REG_UNAVAIL", ReplyCodes.DEFAULT_ERROR_HA_MULTI_IF_REG_UNAVAIL);
                }
                if (!config.unequalLoadSupport() && unequal(rq.homeAddressInt(), multi)) {
                    return code("ERROR_HA_MULTI_IF_UNEQUAL_LD_UNAVAIL",
                            ReplyCodes.DEFAULT_ERROR_HA_MULTI_IF_UNEQUAL_LD_UNAVAIL);
                }
                return null;
            }
        }
    }

    private int code(String name, int fallback) {
        int v = codes.valueOf(name);
        return v >= 0 ? v : fallback;
    }

    /**
     * Seed 000 asks for unequal load distribution when the L flag asks to rate-limit to an absolute bandwidth, or
     * when this interface's Link-Weight differs from that of the node's other registered interfaces.
     */
    private boolean unequal(int home, MultiBindingRequest m) {
        if (m.rateLimit() && !m.weighted()) {
            return true;
        }
        long key = HaSlot.key(HaSlot.MIR, m.bid());
        return table.update(config.clock().instant(), t -> {
            HaNode n = t.node(home);
            for (int i = 0; n != null && i < n.count; i++) {
                HaSlot s = n.slots[i];
                if (s.kind() == HaSlot.MIR && s.key != key && s.linkWeight != m.linkWeight()) {
                    return true;
                }
            }
            return false;
        });
    }

    /**
     * RFC 7629 §5.2: "If the home agent cannot identify any of the binding identifiers, then it MUST reject the
     * request ... INVALID_FB_IDENTIFIER". Known BIDs: the node's live RFC 7629 bindings (only this one when O
     * replaces them all) plus the BID this request registers.
     */
    private static Integer unknownFlowBid(BindingTable t, int hoa, MultiBindingRequest multi,
            List<FlowBindingExtension> fbs, int lifetime) {
        if (fbs.isEmpty()) {
            return null;
        }
        Set<Integer> known = new HashSet<>();
        boolean overwrite = multi != null && multi.overwrite();
        if (!overwrite) {
            HaNode n = t.node(hoa);
            for (int i = 0; n != null && i < n.count; i++) {
                if (n.slots[i].bid() > 0) {
                    known.add(n.slots[i].bid());
                }
            }
        }
        if (multi != null && lifetime > 0) {
            known.add(multi.bid());
        } else if (multi != null) {
            known.remove(multi.bid());
        }
        for (FlowBindingExtension fb : fbs) {
            for (int bid : fb.bids()) {
                if (!known.contains(bid)) {
                    return bid;
                }
            }
        }
        return null;
    }

    private static List<HaFlowBinding> toFlows(List<FlowBindingExtension> fbs) {
        List<HaFlowBinding> out = new ArrayList<>();
        for (FlowBindingExtension fb : fbs) {
            List<Integer> bids = new ArrayList<>();
            for (int b : fb.bids()) {
                bids.add(b);
            }
            out.add(new HaFlowBinding(fb.action(), bids, fb.tsFormat(), Hex.encode(selectorBytes(fb))));
        }
        return out;
    }

    private static byte[] selectorBytes(FlowBindingExtension fb) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(fb.selector().encodedLength());
        fb.selector().encodeTo(b);
        return b.array();
    }

    private static Outcome reject(RegistrationRequest rq, int code, long id, SecurityAssociation sa, String reason) {
        return new Outcome(rq, code, 0, id, sa, List.of(), reason);
    }
}

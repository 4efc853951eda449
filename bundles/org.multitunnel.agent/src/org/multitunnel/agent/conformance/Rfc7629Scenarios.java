package org.multitunnel.agent.conformance;

import java.util.List;

import org.multitunnel.agent.client.ClientResult;
import org.multitunnel.wire.mip.ReplyCodes;
import org.multitunnel.wire.mip.ext.MultipathExtension;

/**
 * The home-agent side of RFC 7629 (seed 002) as scenarios: multiple bindings by BID (§5.1, §5.2), per-BID refresh
 * and de-registration, bulk (B) refresh and de-registration, overwrite (O), 152 and 153, and the §4.1 rules a
 * receiver can be seen to enforce. Lifetimes are read from replies; which bindings exist is probed remotely
 * (see {@link ScenarioSession#probe}); refresh semantics are observed through expiry with short lifetimes.
 */
final class Rfc7629Scenarios {
    private static final int LONG = 60;

    private Rfc7629Scenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                new DefinedScenario("RFC7629-5.1-MULTI-REG", "Three care-of addresses registered by BID are all active",
                        "RFC 7629 §5.1", "A Multipath Extension ... serves as an indication to the home agent that the "
                                + "Registration Request is a Multipath registration and the home agent will have to "
                                + "register this care-of address as one of the many care-of addresses through which "
                                + "the mobile node's home address is reachable.",
                        Rfc7629Scenarios::threeBindings),
                new DefinedScenario("RFC7629-5.1-PER-BID-REFRESH", "A per-BID re-registration refreshes only that BID",
                        "RFC 7629 §5.1", "The mobile node at any time can extend the lifetime of a specific care-of "
                                + "address registration by sending a Registration Request ... The message MUST include "
                                + "the Multipath Extension with the value in the Binding ID field set to the binding "
                                + "identifier assigned to that binding.",
                        Rfc7629Scenarios::perBidRefresh),
                new DefinedScenario("RFC7629-5.1-PER-BID-DEREG", "Lifetime 0 on one BID removes only that binding",
                        "RFC 7629 §5.1", "The mobile node can, at any time, de-register a specific care-of address by "
                                + "sending a Registration Request to the home agent with a lifetime value of (0). The "
                                + "message must include the Multipath Extension with the value in the Binding ID field "
                                + "set to the binding identifier assigned to that binding.",
                        Rfc7629Scenarios::perBidDereg),
                new DefinedScenario("RFC7629-5.2-BULK-EXTEND", "B = 1 extends the lifetime of all bindings",
                        "RFC 7629 §5.2", "If the received Registration Request includes a Multipath Extension and "
                                + "additionally has the Bulk Re-registration (B) flag set to a value of (1), then the "
                                + "home agent MUST extend the lifetime of all the bindings associated with that mobile "
                                + "node.",
                        Rfc7629Scenarios::bulkExtend),
                new DefinedScenario("RFC7629-5.1-BULK-DEREG", "B = 1 with lifetime 0 de-registers all bindings",
                        "RFC 7629 §5.1", "... a single Registration Request with the Bulk Re-registration Flag (B) set "
                                + "to a value of (1) and a lifetime value of (0). This serves as a request to the home "
                                + "agent to consider this request as a request to de-register all the mobile node's "
                                + "care-of addresses.",
                        Rfc7629Scenarios::bulkDereg),
                new DefinedScenario("RFC7629-5.2-OVERWRITE", "O = 1 replaces all bindings with this one",
                        "RFC 7629 §5.2", "If the received Registration Request includes a Multipath Extension and "
                                + "additionally has the Registration Overwrite (O) flag set to a value of (1), then the "
                                + "home agent MUST consider this as a request to replace all other mobile node's "
                                + "bindings with just one binding and that is the binding associated with this request.",
                        Rfc7629Scenarios::overwrite),
                new DefinedScenario("RFC7629-4.1-B-AND-O", "B and O together are not accepted", "RFC 7629 §4.1",
                        "The (B) flag MUST NOT be set to a value of (1) if the value of the Registration Overwrite "
                                + "Flag (O) flag is set to a value of (1).",
                        Rfc7629Scenarios::bAndO),
                new DefinedScenario("RFC7629-4.1-O-IN-DEREG", "O in a de-registration is not accepted",
                        "RFC 7629 §4.1", "This flag [O] MUST be set to a value of (0) in De-Registration requests.",
                        Rfc7629Scenarios::oInDereg),
                new DefinedScenario("RFC7629-4.1-RESERVED-IGNORED", "Reserved Multipath bits are ignored",
                        "RFC 7629 §4.1", "This 6-bit field is unused for now. The value MUST be initialized to (0) by "
                                + "the sender and MUST be ignored by the receiver.",
                        Rfc7629Scenarios::reservedIgnored),
                new DefinedScenario("RFC7629-4.1-IN-REPLY", "The reply carries no Multipath Extension", "RFC 7629 §4.1",
                        "This extension MUST NOT be added by the home agent to the Registration Reply.",
                        Rfc7629Scenarios::notInReply),
                new DefinedScenario("RFC7629-4.1-AFTER-AUTH", "A Multipath Extension after the authenticator is not "
                        + "accepted", "RFC 7629 §4.1, RFC 5944 §3.6.1.3", "As specified in Sections 3.2 and 3.6.1.3 "
                                + "of [RFC5944], the mobile node MUST place this Extension before the Mobile-Home "
                                + "Authentication Extension in the registration messages so that this extension is "
                                + "integrity protected.",
                        Rfc7629Scenarios::afterAuth),
                new DefinedScenario("RFC7629-5.2-REJECT-153", "A Flow Binding naming an unknown BID is rejected with "
                        + "153", "RFC 7629 §5.2", "If the home agent cannot identify any of the binding identifiers, "
                                + "then it MUST reject the request with a Registration Reply and with the Code set to "
                                + "INVALID_FB_IDENTIFIER.",
                        Rfc7629Scenarios::reject153),
                new DefinedScenario("RFC7629-5.2-REJECT-152", "Multipath for a node not allowed it is rejected with 152",
                        "RFC 7629 §5.2", "The home agent, upon receiving a Registration Request from a mobile node "
                                + "with a Multipath Extension, should check if the mobile node is authorized for "
                                + "multipath support. If multipath support is not enabled, the home agent MUST reject "
                                + "the request with a Registration Reply and with the Code set to MULTIPATH_NOT_ALLOWED.",
                        Rfc7629Scenarios::reject152));
    }

    private static void threeOf(ScenarioSession s, int lifetime) throws Exception {
        s.requireKey();
        for (int bid = 1; bid <= 3; bid++) {
            s.registerBid(bid, bid, lifetime);
        }
    }

    static void threeBindings(ScenarioSession s) throws Exception {
        threeOf(s, LONG);
        s.expectKnown(1, 1, LONG, 1, 2, 3);
        s.expectUnknown(1, 1, LONG, 4); // control: a BID never registered is not "known"
    }

    static void perBidRefresh(ScenarioSession s) throws Exception {
        int life = s.config().shortLifetime();
        threeOf(s, life);
        long registered = System.nanoTime();
        s.registerBid(2, 2, LONG);
        s.sleepUntil(registered + life * 1_000_000_000L + 700_000_000L);
        s.expectUnknown(2, 2, LONG, 1);
        s.expectUnknown(2, 2, LONG, 3);
        s.expectKnown(9, 4, LONG, 2);
    }

    static void perBidDereg(ScenarioSession s) throws Exception {
        threeOf(s, LONG);
        ClientResult r = s.send("de-register BID 2 (lifetime 0)", 2,
                s.spec(2, 0).extension(ScenarioSession.mp(2, 2).build()).build());
        s.expectCode(r, 0, "de-registration of BID 2");
        if (r.grantedLifetime() != 0) {
            throw new ScenarioFailure("de-registration reply lifetime " + r.grantedLifetime() + ", expected 0");
        }
        s.expectUnknown(1, 1, LONG, 2);
        s.expectKnown(1, 1, LONG, 1, 3);
    }

    static void bulkExtend(ScenarioSession s) throws Exception {
        int life = s.config().shortLifetime();
        threeOf(s, life);
        long registered = System.nanoTime();
        ClientResult r = s.send("bulk re-registration (B) via BID 1 lifetime " + LONG, 1,
                s.spec(1, LONG).extension(ScenarioSession.mp(1, 1).bulkReregistration(true).build()).build());
        s.expectCode(r, 0, "bulk re-registration");
        s.sleepUntil(registered + life * 1_000_000_000L + 700_000_000L);
        s.expectKnown(1, 1, LONG, 2, 3);
    }

    static void bulkDereg(ScenarioSession s) throws Exception {
        threeOf(s, LONG);
        ClientResult r = s.send("bulk de-registration (B, lifetime 0) via BID 1", 1,
                s.spec(1, 0).extension(ScenarioSession.mp(1, 1).bulkReregistration(true).build()).build());
        s.expectCode(r, 0, "bulk de-registration");
        for (int bid = 1; bid <= 3; bid++) {
            s.expectUnknown(9, 4, LONG, bid);
        }
    }

    static void overwrite(ScenarioSession s) throws Exception {
        threeOf(s, LONG);
        ClientResult r = s.send("overwrite (O): BID 2 moves to " + s.careOf(4), 4,
                s.spec(4, LONG).extension(ScenarioSession.mp(2, 4).overwrite(true).build()).build());
        s.expectCode(r, 0, "overwrite registration");
        s.expectUnknown(2, 4, LONG, 1);
        s.expectUnknown(2, 4, LONG, 3);
        s.expectKnown(2, 4, LONG, 2);
    }

    static void bAndO(ScenarioSession s) throws Exception {
        threeOf(s, LONG);
        ClientResult r = s.send("BID 1 with B and O both set", 1, s.spec(1, LONG)
                .extension(ScenarioSession.mp(1, 1).bulkReregistration(true).overwrite(true).build()).build());
        s.expectNotAccepted(r, "a request with B and O");
        s.expectKnown(1, 1, LONG, 1, 2, 3); // nothing was replaced
    }

    static void oInDereg(ScenarioSession s) throws Exception {
        threeOf(s, LONG);
        ClientResult r = s.send("de-register BID 2 with O set", 2,
                s.spec(2, 0).extension(ScenarioSession.mp(2, 2).overwrite(true).build()).build());
        s.expectNotAccepted(r, "a de-registration with O");
        s.expectKnown(1, 1, LONG, 1, 2, 3);
    }

    static void reservedIgnored(ScenarioSession s) throws Exception {
        s.requireKey();
        ClientResult r = s.send("register BID 1 with the 6 reserved bits set", 1, s.spec(1, LONG)
                .extension(ScenarioSession.mp(1, 1).flags(0x3f).build()).build());
        s.expectCode(r, 0, "a request whose reserved Multipath bits are set");
    }

    static void notInReply(ScenarioSession s) throws Exception {
        s.requireKey();
        ClientResult r = s.registerBid(1, 1, LONG);
        if (!r.reply().extensions(MultipathExtension.class).isEmpty()) {
            throw new ScenarioFailure("the Registration Reply carries a Multipath Extension");
        }
    }

    static void afterAuth(ScenarioSession s) throws Exception {
        s.requireKey();
        ClientResult r = s.send("BID 1 with the Multipath Extension after the MN-HA authenticator", 1,
                s.spec(1, LONG).extensionAfterAuth(ScenarioSession.mp(1, 1).build()).build());
        s.expectNotAccepted(r, "an unprotected Multipath Extension");
    }

    static void reject153(ScenarioSession s) throws Exception {
        s.requireKey();
        s.registerBid(1, 1, LONG);
        ClientResult r = s.send("re-register BID 1 with a Flow Binding naming unknown BID 7", 1,
                s.spec(1, LONG).extension(ScenarioSession.mp(1, 1).build())
                        .extension(ScenarioSession.flowBinding(7)).build());
        s.expectCode(r, ReplyCodes.INVALID_FB_IDENTIFIER, "a Flow Binding naming BID 7");
        s.expectKnown(1, 1, LONG, 1); // control: a known BID is accepted
    }

    static void reject152(ScenarioSession s) throws Exception {
        s.requireKey();
        String denied = s.requireDeniedHoa();
        ClientResult r = s.send("register " + denied + " with a Multipath Extension", 1,
                s.spec(denied, 1, LONG).extension(ScenarioSession.mp(1, 1).build()).build());
        s.expectCode(r, ReplyCodes.MULTIPATH_NOT_ALLOWED, "multipath for " + denied);
        // RFC 7629 §5.1: the node MAY then register without the extension; that must still work.
        ClientResult plain = s.send("register " + denied + " without the extension", 1, s.spec(denied, 1, LONG)
                .build());
        s.expectCode(plain, 0, "a plain registration of " + denied);
        s.send("de-register " + denied, 1, s.spec(denied, 1, 0).build());
    }
}

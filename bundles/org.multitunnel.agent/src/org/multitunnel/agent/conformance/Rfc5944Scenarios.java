package org.multitunnel.agent.conformance;

import org.multitunnel.agent.net.NtpIdentification;

import java.time.Instant;
import java.util.List;

import org.multitunnel.agent.client.ClientResult;
import org.multitunnel.agent.client.IdentificationSource;
import org.multitunnel.wire.mip.auth.AuthOptions;
import org.multitunnel.wire.mip.ext.ExtensionFormat;
import org.multitunnel.wire.mip.ext.RawExtension;

/**
 * RFC 5944 registration rules every multipath home agent still has to follow, as scenarios: the MN-HA
 * authenticator is checked (131), timestamps outside the replay window are refused (133, §5.7.1), replies carry the
 * request's Identification and their own authenticator, unknown extensions are handled by their type range, and
 * the granted lifetime is the requested one or the agent's lower limit (§3.8.3.1).
 */
final class Rfc5944Scenarios {
    /** An extension type in the non-skippable range 0-127 that no registry assigns (neither IANA's nor ours). */
    static final int UNKNOWN_NON_SKIPPABLE_TYPE = 100;
    /** An unassigned type in the skippable range 128-255. */
    static final int UNKNOWN_SKIPPABLE_TYPE = 200;
    private static final int LIFE = 60;

    private Rfc5944Scenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                new DefinedScenario("RFC5944-3.8-HA-CHECKS-AUTH", "A wrong MN-HA authenticator is rejected with 131",
                        "RFC 5944 §3.8.2.1", "The home agent MUST check that the Mobile-Home Authentication "
                                + "Extension is present and that its Authenticator is correct; if not, it MUST reject "
                                + "the Registration Request with code 131 (mobile node failed authentication).",
                        Rfc5944Scenarios::wrongAuthenticator),
                new DefinedScenario("RFC5944-5.7.1-IDENT-MISMATCH", "A stale timestamp Identification is rejected "
                        + "with 133", "RFC 5944 §5.7.1", "If the timestamp is not close enough to the home agent's "
                                + "time of day clock, the home agent rejects the registration with code 133 "
                                + "(identification mismatch) and copies the low-order 32 bits of the request's "
                                + "Identification into the reply.",
                        Rfc5944Scenarios::staleIdentification),
                new DefinedScenario("RFC5944-3.4-IDENT-MATCH", "The reply carries the request's Identification",
                        "RFC 5944 §3.4", "Identification: a 64-bit number used for matching Registration Requests "
                                + "with Registration Replies.",
                        Rfc5944Scenarios::identificationMatches),
                new DefinedScenario("RFC5944-3.2-AUTH-REQUIRED", "An accepted reply carries a valid MN-HA "
                        + "authenticator", "RFC 5944 §3.2, §3.5.2", "Registration Requests and Replies MUST contain "
                                + "an authorization-enabling extension; the Mobile-Home Authentication Extension "
                                + "MUST appear in all Registration Requests and Replies.",
                        Rfc5944Scenarios::replyAuthenticated),
                new DefinedScenario("RFC5944-1.11-UNKNOWN-NONSKIPPABLE", "An unknown extension of type 0-127 is not "
                        + "accepted", "RFC 5944 §1.9", "When an extension numbered in the range 0 through 127 is "
                                + "encountered but not recognized, the message containing that extension MUST be "
                                + "silently discarded.",
                        Rfc5944Scenarios::unknownNonSkippable),
                new DefinedScenario("RFC5944-1.11-UNKNOWN-SKIPPABLE", "An unknown extension of type 128-255 is skipped",
                        "RFC 5944 §1.9", "When an extension numbered in the range 128 through 255 is encountered "
                                + "which is not recognized, that particular extension is ignored, but the rest of the "
                                + "extensions and message data MUST still be processed.",
                        Rfc5944Scenarios::unknownSkippable),
                new DefinedScenario("RFC5944-3.8.3.1-LIFETIME", "The reply Lifetime is the requested one, or less "
                        + "when the home agent provides less", "RFC 5944 §3.8.3.1", "The Lifetime field MUST be "
                                + "copied from the corresponding field in the Registration Request, unless the "
                                + "requested value is greater than the maximum length of time the home agent is "
                                + "willing to provide the requested service; then it MUST be set to the length of "
                                + "time that service will actually be provided.",
                        Rfc5944Scenarios::lifetimeGranted),
                new DefinedScenario("RFC5944-5.7.2-NONCE", "With nonces, only the home agent's own unused nonce "
                        + "is accepted", "RFC 5944 §5.7.2", "The home agent inserts a new nonce as the high-order 32 "
                                + "bits of the Identification of every Registration Reply and copies the low-order 32 "
                                + "bits from the request; a registration rejected because of an invalid nonce "
                                + "(133) always provides the mobile node with a new nonce to use next.",
                        Rfc5944Scenarios::nonces));
    }

    static void nonces(ScenarioSession s) throws Exception {
        s.requireKey();
        String hoa = s.requireNonceHoa();
        long noNonce = 0x00000000_5eed0001L; // high-order bits: no nonce this agent issued
        ClientResult first = s.send("register " + hoa + " without a nonce of the agent", 1,
                s.spec(hoa, 1, LIFE).build(), IdentificationSource.fixed(noNonce), true);
        s.expectCode(first, 133, "an Identification without the agent's nonce");
        if ((int) first.reply().identification() != (int) noNonce) {
            throw new ScenarioFailure("133 reply does not copy the low-order 32 bits of the Identification");
        }
        long nonce = first.reply().identification() >>> 32;
        s.step(String.format("agent's nonce %08x", nonce));
        long withNonce = nonce << 32 | 0x5eed0002L;
        ClientResult ok = s.send("register with that nonce", 1, s.spec(hoa, 1, LIFE).build(),
                IdentificationSource.fixed(withNonce), true);
        s.expectCode(ok, 0, "the agent's own nonce");
        if ((int) ok.reply().identification() != (int) withNonce) {
            throw new ScenarioFailure("accepted reply does not copy the low-order 32 bits of the Identification");
        }
        if (ok.reply().identification() >>> 32 == nonce) {
            throw new ScenarioFailure("the accepted reply repeats the used nonce instead of a new one");
        }
        ClientResult replay = s.send("replay the accepted request (its nonce is used up)", 1,
                s.spec(hoa, 1, LIFE).build(), IdentificationSource.fixed(withNonce), true);
        s.expectCode(replay, 133, "a replayed nonce");
        long next = replay.reply().identification() >>> 32 << 32 | 0x5eed0003L;
        s.send("de-register with the newest nonce (clean-up)", 1, s.spec(hoa, 1, 0).build(),
                IdentificationSource.fixed(next), true);
    }

    /** A lifetime every home agent is expected to grant in full (a lab default is minutes, not seconds). */
    static final int SHORT_LIFE = 20;
    /** The longest finite lifetime (0xffff means infinity). */
    static final int LONGEST_FINITE_LIFE = 0xfffe;

    static void lifetimeGranted(ScenarioSession s) throws Exception {
        s.requireKey();
        ClientResult shortOne = s.send("register asking for " + SHORT_LIFE + " s", 1, s.spec(1, SHORT_LIFE).build());
        s.expectCode(shortOne, 0, "a short lifetime");
        if (shortOne.reply().lifetime() != SHORT_LIFE) {
            throw new ScenarioFailure("asked for " + SHORT_LIFE + " s, granted " + shortOne.reply().lifetime()
                    + " s: a lifetime within the agent's limit must be copied from the request");
        }
        ClientResult longOne = s.send("register asking for " + LONGEST_FINITE_LIFE + " s", 1,
                s.spec(1, LONGEST_FINITE_LIFE).build());
        s.expectCode(longOne, 0, "a long lifetime");
        int granted = longOne.reply().lifetime();
        if (granted == 0 || granted > LONGEST_FINITE_LIFE) {
            throw new ScenarioFailure("asked for " + LONGEST_FINITE_LIFE + " s, an accepted reply says " + granted
                    + " s: more than asked, or nothing");
        }
        s.step("granted " + granted + " s of the " + LONGEST_FINITE_LIFE + " s asked"
                + (granted < LONGEST_FINITE_LIFE ? " (the agent's limit)" : ""));
        s.send("de-register (clean-up)", 1, s.spec(1, 0).build());
    }

    static void wrongAuthenticator(ScenarioSession s) throws Exception {
        s.requireKey();
        ClientResult bad = s.send("register with a corrupted MN-HA authenticator", 1,
                s.spec(1, LIFE).authOptions(AuthOptions.defaults().withCorruptAuthenticator()).build(),
                IdentificationSource.timestamps(), false);
        s.expectCode(bad, 131, "a corrupted authenticator");
        ClientResult good = s.send("register with a correct authenticator (control)", 1, s.spec(1, LIFE).build());
        s.expectCode(good, 0, "a correct authenticator");
    }

    static void staleIdentification(ScenarioSession s) throws Exception {
        s.requireKey();
        long stale = NtpIdentification.of(Instant.now().minusSeconds(3600));
        ClientResult r = s.send("register with an Identification one hour old", 1, s.spec(1, LIFE).build(),
                IdentificationSource.fixed(stale), true);
        s.expectCode(r, 133, "a stale timestamp");
        if ((int) r.reply().identification() != (int) stale) {
            throw new ScenarioFailure("133 reply does not copy the low-order 32 bits of the Identification");
        }
        long skew = NtpIdentification.seconds(r.reply().identification())
                - NtpIdentification.seconds(NtpIdentification.of(Instant.now()));
        s.step("reply Identification high-order bits differ from the local clock by " + skew + " s");
        ClientResult fresh = s.send("register with a current timestamp (control)", 1, s.spec(1, LIFE).build());
        s.expectCode(fresh, 0, "a current timestamp");
    }

    static void identificationMatches(ScenarioSession s) throws Exception {
        s.requireKey();
        ClientResult r = s.send("register", 1, s.spec(1, LIFE).build());
        s.expectCode(r, 0, "a plain registration");
        if (r.reply().identification() != r.request().identification()) {
            throw new ScenarioFailure(String.format("reply Identification %016x differs from the request's %016x",
                    r.reply().identification(), r.request().identification()));
        }
    }

    static void replyAuthenticated(ScenarioSession s) throws Exception {
        s.requireKey();
        ClientResult r = s.send("register and verify the reply's MN-HA authenticator", 1, s.spec(1, LIFE).build());
        s.expectCode(r, 0, "a plain registration");
        if (r.replyAuth() == null || !r.replyAuth().valid()) {
            throw new ScenarioFailure("accepted reply has no valid MN-HA authenticator");
        }
    }

    static void unknownNonSkippable(ScenarioSession s) throws Exception {
        s.requireKey();
        RawExtension unknown = RawExtension.of(UNKNOWN_NON_SKIPPABLE_TYPE, ExtensionFormat.SHORT, 0, new byte[4]);
        ClientResult r = s.send("register with unknown extension type " + UNKNOWN_NON_SKIPPABLE_TYPE, 1,
                s.spec(1, LIFE).extension(unknown).build());
        s.expectNotAccepted(r, "a request with an unknown non-skippable extension");
        s.step(r.reply() == null ? "silently discarded, as §1.9 says" : "rejected with a reply instead of discarded");
    }

    static void unknownSkippable(ScenarioSession s) throws Exception {
        s.requireKey();
        RawExtension unknown = RawExtension.of(UNKNOWN_SKIPPABLE_TYPE, ExtensionFormat.SHORT, 0, new byte[4]);
        ClientResult r = s.send("register with unknown extension type " + UNKNOWN_SKIPPABLE_TYPE, 1,
                s.spec(1, LIFE).extension(unknown).build());
        s.expectCode(r, 0, "a request with an unknown skippable extension");
    }
}

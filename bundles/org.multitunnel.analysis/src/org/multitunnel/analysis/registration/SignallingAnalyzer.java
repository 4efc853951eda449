package org.multitunnel.analysis.registration;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.multitunnel.analysis.AnalysisOptions;
import org.multitunnel.analysis.AnalysisRules;
import org.eclipse.emf.ecore.EObject;
import org.multitunnel.model.MobileNode;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.Severity;
import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.mip.MipCodec;
import org.multitunnel.wire.mip.MipMessage;
import org.multitunnel.wire.mip.RegistrationReply;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ReplyCodes;
import org.multitunnel.wire.mip.auth.AuthResult;
import org.multitunnel.wire.mip.auth.MipAuthenticator;
import org.multitunnel.wire.mip.finding.MessageFinding;
import org.multitunnel.wire.mip.finding.MipChecker;

/**
 * Handles each Mobile IPv4 signalling message of a capture in order: decodes it (signalling is rare, so full
 * decoding is affordable here, unlike on the data path), reports its message-level findings, tracks the
 * transaction and applies answered registrations to the binding table. Knows which addresses act as home
 * agents and care-of addresses, for the data-plane checks.
 */
public final class SignallingAnalyzer {
    /** Seconds between the NTP epoch (1900) and the Unix epoch (1970). */
    private static final long NTP_UNIX_OFFSET = 2_208_988_800L;
    /** Identifications whose high word is this close to the capture clock are taken as timestamps. */
    private static final long TIMESTAMP_PLAUSIBLE_SECONDS = 10L * 365 * 86400;

    private final ModelUpdater updater;
    private final AnalysisOptions options;
    private final MipCodec codec;
    private final MipChecker checker;
    private final TransactionTracker transactions;
    private final BindingSemantics semantics;
    private final Set<Integer> homeAgents = new HashSet<>();
    private final AgentAddedExtensionCheck agentAdded;
    private final InterfaceRoutingCheck routing;
    private final ReregistrationChecks reregistration;

    public SignallingAnalyzer(ModelUpdater updater, AnalysisOptions options) {
        this.updater = updater;
        this.options = options;
        this.codec = options.mip().codec();
        this.checker = new MipChecker(codec.extensions(), ReplyCodes.standard());
        this.transactions = new TransactionTracker(updater);
        this.semantics = new BindingSemantics(updater);
        this.agentAdded = new AgentAddedExtensionCheck(updater);
        this.routing = new InterfaceRoutingCheck(updater);
        this.reregistration = new ReregistrationChecks(updater);
    }

    public BindingSemantics semantics() {
        return semantics;
    }

    /** Addresses seen as home agents (requests' Home Agent field), as IPv4 ints. */
    public Set<Integer> homeAgents() {
        return homeAgents;
    }

    /** One MIP message: the UDP payload bytes, outer IPv4 source and destination, frame (1-based), time (ns). */
    public void message(byte[] payload, int src, int dst, long frame, long time) {
        semantics.advanceTo(time);
        MipMessage m;
        try {
            m = codec.decodeTolerant(payload); // a message cut short comes back as TruncatedMessage
        } catch (DecodeException e) {
            updater.addFinding(frame, Severity.ERROR, AnalysisRules.UNDECODABLE, "undecodable registration message: "
                    + e.getMessage());
            return;
        }
        List<MessageFinding> findings = checker.check(m, 0);
        if (m instanceof RegistrationRequest rq) {
            homeAgents.add(rq.homeAgentInt());
            TransactionTracker.Pending p = transactions.request(rq, src, dst, frame, time);
            report(findings, frame, p.registration);
            request(rq, p, payload, findings, frame, time);
        } else if (m instanceof RegistrationReply rp) {
            TransactionTracker.Match match = transactions.reply(rp, frame, time);
            EObject about = match != null ? match.pending().registration : knownNode(rp.homeAddress());
            report(findings, frame, about);
            reply(rp, match, about, payload, frame, time);
        } else {
            report(findings, frame, m instanceof org.multitunnel.wire.mip.Revocation rv ? knownNode(rv.homeAddress())
                    : m instanceof org.multitunnel.wire.mip.RevocationAck ra ? knownNode(ra.homeAddress()) : null);
        }
    }

    /** Message-level findings, linked to the registration (or node) they concern when it is known. */
    private void report(List<MessageFinding> findings, long frame, EObject about) {
        for (MessageFinding f : findings) {
            if (about != null) {
                updater.addFinding(frame, severity(f), f.rule(), f.message(), about);
            } else {
                updater.addFinding(frame, severity(f), f.rule(), f.message());
            }
        }
    }

    /** The mobile node already known for {@code homeAddress}, without creating one. */
    private MobileNode knownNode(String homeAddress) {
        return updater.knownMobileNode(homeAddress);
    }

    private void request(RegistrationRequest rq, TransactionTracker.Pending p, byte[] payload,
            List<MessageFinding> findings, long frame, long time) {
        p.violations += errors(findings);
        agentAdded.copy(p, frame);
        routing.copy(p, frame);
        verify(payload, rq, rq.homeAddress(), frame, p.registration);
        long ntpSeconds = rq.identification() >>> 32;
        long captureNtp = time / AnalysisOptions.SECOND + NTP_UNIX_OFFSET;
        long skew = Math.abs(ntpSeconds - captureNtp);
        if (skew <= TIMESTAMP_PLAUSIBLE_SECONDS && skew > options.replayWindowSeconds()) {
            updater.addFinding(frame, Severity.WARNING, AnalysisRules.IDENT_REPLAY, "identification timestamp is "
                    + skew + " s from the capture clock (window " + options.replayWindowSeconds() + " s)",
                    p.registration);
        }
    }

    private void reply(RegistrationReply rp, TransactionTracker.Match match, EObject about, byte[] payload,
            long frame, long time) {
        verify(payload, rp, rp.homeAddress(), frame, about);
        if (match == null) {
            String text = "reply for home address " + rp.homeAddress() + " matches no request (identification "
                    + Long.toUnsignedString(rp.identification(), 16) + ")";
            if (about != null) {
                updater.addFinding(frame, Severity.WARNING, AnalysisRules.ORPHAN_REPLY, text, about);
            } else {
                updater.addFinding(frame, Severity.WARNING, AnalysisRules.ORPHAN_REPLY, text);
            }
            return;
        }
        if (match.duplicate()) {
            return; // the same reply relayed on by a foreign agent
        }
        TransactionTracker.Pending p = match.pending();
        if (!match.exact()) {
            updater.addFinding(frame, Severity.INFO, AnalysisRules.IDENT_MISMATCH, "reply identification differs "
                    + "from the request's in its high-order 32 bits (home agent clock; code " + rp.code() + ")",
                    p.registration);
        }
        org.multitunnel.model.Binding before = reregistration.before(p, frame);
        if (rp.accepted()) {
            if (p.violations > 0) {
                updater.addFinding(frame, Severity.ERROR, AnalysisRules.ACCEPTED_VIOLATION, "home agent accepted "
                        + "request frame " + p.registration.getRequestFrame() + " although it violates "
                        + p.violations + " MUST rule(s)", p.registration);
            }
            semantics.accepted(p.node, p.request, p.binding, rp.lifetime(), time, frame, p.registration);
            reregistration.after(p, before);
        } else {
            semantics.rejected(p.node, p.request, p.binding, time, frame, p.registration);
        }
    }

    private void verify(byte[] payload, MipMessage m, String peer, long frame, EObject about) {
        if (options.keys() == null) {
            return;
        }
        for (AuthResult r : MipAuthenticator.verify(payload, m, options.keys(), peer)) {
            if (r.status() == AuthResult.Status.INVALID) {
                String text = "authenticator of extension " + r.extensionType() + " (SPI " + r.spi()
                        + ") does not verify with the configured key";
                if (about != null) {
                    updater.addFinding(frame, Severity.ERROR, AnalysisRules.AUTH_MISMATCH, text, about);
                } else {
                    updater.addFinding(frame, Severity.ERROR, AnalysisRules.AUTH_MISMATCH, text);
                }
            }
        }
    }

    /** Ends the capture: unanswered requests become findings. */
    public void finish(long endTime) {
        semantics.advanceTo(endTime);
        for (TransactionTracker.Pending p : transactions.unanswered()) {
            updater.addFinding(p.registration.getRequestFrame(), Severity.WARNING,
                    AnalysisRules.UNANSWERED_REQUEST, "registration request for " + p.request.homeAddress()
                            + " was never answered", p.registration);
        }
    }

    private static int errors(List<MessageFinding> findings) {
        int n = 0;
        for (MessageFinding f : findings) {
            if (f.severity() == org.multitunnel.wire.mip.finding.MessageSeverity.ERROR) {
                n++;
            }
        }
        return n;
    }

    private static Severity severity(MessageFinding f) {
        return switch (f.severity()) {
            case ERROR -> Severity.ERROR;
            case WARNING -> Severity.WARNING;
            default -> Severity.INFO;
        };
    }
}

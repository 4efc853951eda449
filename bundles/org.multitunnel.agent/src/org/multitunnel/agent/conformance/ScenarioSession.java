package org.multitunnel.agent.conformance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.multitunnel.agent.client.ClientOptions;
import org.multitunnel.agent.client.ClientResult;
import org.multitunnel.agent.client.ExchangeLog;
import org.multitunnel.agent.client.IdentificationSource;
import org.multitunnel.agent.client.RegistrationClient;
import org.multitunnel.agent.client.RegistrationSpec;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ReplyCodes;
import org.multitunnel.wire.mip.auth.MapKeyTable;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.mip.ext.TrafficSelector;

/**
 * What a scenario body works with: its own home address, the care-of addresses (1-based), a client per care-of
 * address sending from it, and the remote observations the suite relies on. Binding state is never read from the
 * agent: a BID's existence is probed with an RFC 7629 §4.2 Flow Binding Extension naming it, carried by a
 * re-registration of a binding known to exist — §5.2 requires INVALID_FB_IDENTIFIER (153) exactly when the
 * agent cannot identify a named BID, and a rejected request changes nothing. Every exchange becomes a step of the
 * transcript and its packets go to the run's exchange log under the rule id.
 */
public final class ScenarioSession {
    /** Flow Binding Action used by probes. The §4.2 value table is unconfirmed (see FlowBindingActions); the
     * agent's BID check does not depend on the action. */
    static final int PROBE_ACTION = 1;
    /** Access Technology Types (RFC 5213 registry) for care-of addresses 1..4: 802.11, E-UTRAN-like, 802.3, 802.16e. */
    private static final int[] IF_ATT = {4, 8, 3, 5};

    private final ConformanceConfig config;
    private final String homeAddress;
    private final String ruleId;
    private final ExchangeLog log;
    private final BooleanSupplier cancelled;
    private final List<String> steps = new ArrayList<>();

    ScenarioSession(ConformanceConfig config, String homeAddress, String ruleId, ExchangeLog log,
            BooleanSupplier cancelled) {
        this.config = config;
        this.homeAddress = homeAddress;
        this.ruleId = ruleId;
        this.log = log;
        this.cancelled = cancelled;
    }

    public ConformanceConfig config() {
        return config;
    }

    public String homeAddress() {
        return homeAddress;
    }

    public String careOf(int i) {
        return config.careOfAddresses().get(i - 1);
    }

    public List<String> steps() {
        return List.copyOf(steps);
    }

    public void step(String text) {
        steps.add(text);
    }

    public SecurityAssociation requireKey() throws ScenarioSkipped {
        if (config.key() == null) {
            throw new ScenarioSkipped("needs the MN-HA key shared with the home agent (--key-file, --key-env or"
                    + " --key)");
        }
        return config.key();
    }

    public String requireDeniedHoa() throws ScenarioSkipped {
        if (config.denyMultipathHoa() == null) {
            throw new ScenarioSkipped("needs the home address the agent denies multipath to (--deny-multipath-hoa)");
        }
        return config.denyMultipathHoa();
    }

    public String requireNonceHoa() throws ScenarioSkipped {
        if (config.nonceHoa() == null) {
            throw new ScenarioSkipped("needs a home address the agent protects with nonces (--nonce-hoa)");
        }
        return config.nonceHoa();
    }

    /** A request from care-of address {@code coa} for this scenario's home address, co-located (D), signed. */
    public RegistrationSpec.Builder spec(int coa, int lifetime) {
        return spec(homeAddress, coa, lifetime);
    }

    public RegistrationSpec.Builder spec(String hoa, int coa, int lifetime) {
        return RegistrationSpec.builder().flag(RegistrationRequest.D, true).lifetime(lifetime).homeAddress(hoa)
                .homeAgent(config.homeAgent()).careOfAddress(careOf(coa)).key(config.key());
    }

    /** The RFC 7629 §4.1 Multipath Extension for {@code bid} on care-of address {@code coa} (If-Label = coa). */
    public static MultipathExtension.Builder mp(int bid, int coa) {
        return MultipathExtension.builder().ifAtt(IF_ATT[(coa - 1) % IF_ATT.length]).ifLabel(coa).bid(bid);
    }

    /** An RFC 7629 §4.2 Flow Binding Extension binding SIP (UDP/TCP port 5060) to {@code bids}. */
    public static FlowBindingExtension flowBinding(int... bids) {
        TrafficSelector ts = TrafficSelector.builder(TrafficSelector.FORMAT_IPV4)
                .value(MipFields.TS_DPORT_START, 5060).value(MipFields.TS_DPORT_END, 5060).build();
        return FlowBindingExtension.builder().action(PROBE_ACTION).bids(bids).selector(ts).build();
    }

    /** Sends {@code spec} from care-of address {@code coa} with timestamp identification, verifying the reply. */
    public ClientResult send(String what, int coa, RegistrationSpec spec) throws IOException, ScenarioFailure {
        return send(what, coa, spec, IdentificationSource.timestamps(), true);
    }

    public ClientResult send(String what, int coa, RegistrationSpec spec, IdentificationSource ids, boolean verify)
            throws IOException, ScenarioFailure {
        if (cancelled.getAsBoolean()) {
            throw new ScenarioFailure("cancelled");
        }
        ClientOptions o = ClientOptions.to(config.target()).withSource(config.source(coa))
                .withTimeouts(config.replyTimeout(), config.replyTimeout().multipliedBy(4), config.transmissions())
                .withIdentification(ids).withLog(log);
        if (verify && spec.key() != null) {
            o = o.withVerifyKeys(new MapKeyTable().add(spec.key()));
        }
        ClientResult r = new RegistrationClient(o).send(spec, ruleId);
        step(what + " → " + describe(r));
        return r;
    }

    static String describe(ClientResult r) {
        if (r.reply() == null) {
            return r.verdict().label();
        }
        String name = ReplyCodes.standard().name(r.code());
        return "code " + r.code() + (name == null ? "" : " " + name) + ", lifetime " + r.grantedLifetime()
                + (r.verdict() == org.multitunnel.agent.client.Verdict.AUTH_FAILED ? ", reply authenticator invalid"
                        : "");
    }

    /** Registers {@code bid} from care-of address {@code coa} (RFC 7629 §5.1) and requires code 0. */
    public ClientResult registerBid(int bid, int coa, int lifetime) throws IOException, ScenarioFailure {
        ClientResult r = send("register BID " + bid + " via " + careOf(coa) + " lifetime " + lifetime, coa,
                spec(coa, lifetime).extension(mp(bid, coa).build()).build());
        expectCode(r, 0, "registration of BID " + bid);
        if (r.grantedLifetime() < 1 || r.grantedLifetime() > lifetime) {
            throw new ScenarioFailure("BID " + bid + " accepted with lifetime " + r.grantedLifetime()
                    + ", expected 1.." + lifetime);
        }
        return r;
    }

    /**
     * Probes whether the agent knows {@code bids}: re-registers {@code carrierBid} from {@code carrierCoa} with a
     * Flow Binding Extension naming them. Returns the reply code (0: all known, 153: one is unknown).
     */
    public int probe(int carrierBid, int carrierCoa, int lifetime, int... bids) throws IOException, ScenarioFailure {
        ClientResult r = send("probe BIDs " + java.util.Arrays.toString(bids) + " (Flow Binding carried by BID "
                + carrierBid + ")", carrierCoa, spec(carrierCoa, lifetime).extension(mp(carrierBid, carrierCoa)
                        .build()).extension(flowBinding(bids)).build());
        if (r.reply() == null) {
            throw new ScenarioFailure("no reply to a flow-binding probe (" + r.verdict().label() + ")");
        }
        return r.code();
    }

    public void expectKnown(int carrierBid, int carrierCoa, int lifetime, int... bids)
            throws IOException, ScenarioFailure {
        int code = probe(carrierBid, carrierCoa, lifetime, bids);
        if (code != 0) {
            throw new ScenarioFailure("expected BIDs " + java.util.Arrays.toString(bids)
                    + " to be registered, but a Flow Binding naming them got code " + code);
        }
    }

    public void expectUnknown(int carrierBid, int carrierCoa, int lifetime, int bid)
            throws IOException, ScenarioFailure {
        int code = probe(carrierBid, carrierCoa, lifetime, bid);
        if (code != ReplyCodes.INVALID_FB_IDENTIFIER) {
            throw new ScenarioFailure("expected BID " + bid + " to be gone (code 153 for a Flow Binding naming it), "
                    + "got code " + code);
        }
    }

    public void expectCode(ClientResult r, int code, String what) throws ScenarioFailure {
        if (r.reply() == null) {
            throw new ScenarioFailure(what + ": expected code " + code + ", got " + r.verdict().label());
        }
        if (r.code() != code) {
            throw new ScenarioFailure(what + ": expected code " + code + ", got " + r.code());
        }
        if (r.verdict() == org.multitunnel.agent.client.Verdict.AUTH_FAILED) {
            throw new ScenarioFailure(what + ": reply code " + code + " but its MN-HA authenticator is invalid");
        }
    }

    /** RFC 5944 §3.4: codes 0 and 1 accept. A reject code or a silent discard both pass. */
    public void expectNotAccepted(ClientResult r, String what) throws ScenarioFailure {
        if (r.reply() != null && r.reply().accepted()) {
            throw new ScenarioFailure(what + ": the agent accepted it (code " + r.code() + ")");
        }
    }

    /** Sleeps until {@code deadlineNanos} (System.nanoTime), at most 30 s, in slices that notice cancel. */
    public void sleepUntil(long deadlineNanos) throws InterruptedException, ScenarioFailure {
        long limit = System.nanoTime() + 30_000_000_000L;
        long end = Math.min(deadlineNanos, limit);
        while (System.nanoTime() < end) {
            if (cancelled.getAsBoolean()) {
                throw new ScenarioFailure("cancelled");
            }
            Thread.sleep(Math.max(1, Math.min(100, (end - System.nanoTime()) / 1_000_000L)));
        }
    }

    /** Best effort: de-registers all of this home address's RFC 7629 bindings (B with lifetime 0). */
    void cleanup() {
        if (config.key() == null) {
            return;
        }
        try {
            ClientOptions o = ClientOptions.to(config.target()).withSource(config.source(1))
                    .withTimeouts(config.replyTimeout(), config.replyTimeout(), 1).withLog(log);
            new RegistrationClient(o).send(spec(1, 0).extension(mp(1, 1).bulkReregistration(true).build()).build(),
                    ruleId + " cleanup");
        } catch (IOException | RuntimeException e) {
            // cleanup is best effort; every scenario has its own home address anyway
        }
    }
}

package org.multitunnel.agent.mn;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.multitunnel.agent.net.RecordLimits;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.TrafficSelector;

/**
 * What a {@link ReferenceMobileNode} registers: its home address, the agent it sends to (home agent, or a foreign agent that
 * relays), one care-of address per interface (each request leaves from a socket bound to it, as RFC 7629 §5.1
 * requires), its MN-HA key and the lifetime it asks for. Immutable.
 */
public final class MobileNodeConfig {
    /** One interface: the local address requests leave from and the care-of address they register. */
    public record Interface(String bindAddress, String careOfAddress, int ifAtt, InetSocketAddress via) {
        public Interface(String bindAddress, String careOfAddress, int ifAtt) {
            this(bindAddress, careOfAddress, ifAtt, null);
        }
    }

    /**
     * A flow policy (RFC 7629 §4.2) sent with the registration of the last interface: Action, BIDs and an optional
     * RFC 6088 traffic selector (null: the extension carries none).
     */
    public record FlowPolicy(int action, TrafficSelector selector, int... bids) {
    }

    /**
     * Which extension asks for one binding per interface: RFC 7629's Multipath Extension (BID) or seed 001's
     * (MTS02) Multiple Tunnel Request extension (Binding-Id; no flow bindings, which that draft does not have).
     */
    public enum Extension {
        RFC7629, MTS02
    }

    private final InetSocketAddress target;
    private final String homeAgentAddress;
    private final String homeAddress;
    private final List<Interface> interfaces;
    private final SecurityAssociation sa;
    private final int lifetime;
    private final boolean multipath;
    private final Extension extension;
    private final List<FlowPolicy> flowPolicies;
    private final boolean nonces;
    private final double refreshFraction;
    private final int retransmitMillis;
    private final int maxTransmissions;
    private final Path recordTo;
    private final RecordLimits recordLimits;
    private final InstantSource clock;

    private MobileNodeConfig(Builder b) {
        this.target = Objects.requireNonNull(b.target, "target (home agent or foreign agent) is required");
        this.homeAgentAddress = b.homeAgentAddress != null ? b.homeAgentAddress
                : b.target.getAddress().getHostAddress();
        this.homeAddress = Objects.requireNonNull(b.homeAddress, "home address is required");
        if (b.interfaces.isEmpty()) {
            throw new IllegalArgumentException("at least one care-of address is required");
        }
        if (b.interfaces.size() > 254) {
            throw new IllegalArgumentException("at most 254 care-of addresses (BIDs 1-254)");
        }
        this.interfaces = List.copyOf(b.interfaces);
        this.sa = Objects.requireNonNull(b.sa, "an MN-HA key is required (RFC 5944 §3.2)");
        this.lifetime = b.lifetime;
        this.multipath = b.multipath;
        this.extension = b.extension;
        if (extension == Extension.MTS02 && !b.flowPolicies.isEmpty()) {
            throw new IllegalArgumentException("flow policies need RFC 7629; seed 001 has no flow bindings");
        }
        this.flowPolicies = List.copyOf(b.flowPolicies);
        this.nonces = b.nonces;
        this.refreshFraction = b.refreshFraction;
        this.retransmitMillis = b.retransmitMillis;
        this.maxTransmissions = b.maxTransmissions;
        this.recordTo = b.recordTo;
        this.recordLimits = b.recordLimits;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public InetSocketAddress target() {
        return target;
    }

    public String homeAgentAddress() {
        return homeAgentAddress;
    }

    public String homeAddress() {
        return homeAddress;
    }

    public List<Interface> interfaces() {
        return interfaces;
    }

    public SecurityAssociation securityAssociation() {
        return sa;
    }

    public int lifetime() {
        return lifetime;
    }

    /** Whether one binding per interface is asked for (seed 001's EnableMultipleTunnelSupport = 1). */
    public boolean multipath() {
        return multipath;
    }

    public Extension extension() {
        return extension;
    }

    /** Replay protection with the home agent's nonces (RFC 5944 §5.7.2) instead of timestamps (§5.7.1). */
    public boolean nonces() {
        return nonces;
    }

    /** The flow policies in the order they are sent (empty: no Flow Binding Extension). */
    public List<FlowPolicy> flowPolicies() {
        return flowPolicies;
    }

    public double refreshFraction() {
        return refreshFraction;
    }

    public int retransmitMillis() {
        return retransmitMillis;
    }

    public int maxTransmissions() {
        return maxTransmissions;
    }

    public Path recordTo() {
        return recordTo;
    }

    /** Size and file-count caps of the recording (rotation). */
    public RecordLimits recordLimits() {
        return recordLimits;
    }

    public InstantSource clock() {
        return clock;
    }

    /** Defaults: lifetime 300 s, multipath on, refresh at 80 % of the granted lifetime, 1 s retransmit, 4 tries. */
    public static final class Builder {
        private InetSocketAddress target;
        private String homeAgentAddress;
        private String homeAddress;
        private final List<Interface> interfaces = new ArrayList<>();
        private SecurityAssociation sa;
        private int lifetime = 300;
        private boolean multipath = true;
        private Extension extension = Extension.RFC7629;
        private final List<FlowPolicy> flowPolicies = new ArrayList<>();
        private boolean nonces;
        private double refreshFraction = 0.8;
        private int retransmitMillis = 1000;
        private int maxTransmissions = 4;
        private Path recordTo;
        private RecordLimits recordLimits = RecordLimits.DEFAULT;
        private InstantSource clock = InstantSource.system();

        private Builder() {
        }

        /** Where requests are sent: the home agent, or a foreign agent that relays. */
        public Builder target(InetSocketAddress a) {
            target = a;
            return this;
        }

        /** The Home Agent field; defaults to the target's address. */
        public Builder homeAgentAddress(String a) {
            homeAgentAddress = a;
            return this;
        }

        public Builder homeAddress(String a) {
            homeAddress = a;
            return this;
        }

        /** A co-located care-of address: requests leave from it and register it (If-ATT 4, IEEE 802.11). */
        public Builder careOf(String address) {
            return careOf(address, address, 4);
        }

        /** Requests leave from {@code bindAddress} and register {@code careOfAddress} (e.g. a foreign agent's). */
        public Builder careOf(String bindAddress, String careOfAddress, int ifAtt) {
            interfaces.add(new Interface(bindAddress, careOfAddress, ifAtt));
            return this;
        }

        /**
         * As {@link #careOf(String, String, int)}, with this interface's requests sent to {@code via} (its own
         * foreign agent, seed 000 Case-2) instead of the node's target.
         */
        public Builder careOf(String bindAddress, String careOfAddress, int ifAtt, InetSocketAddress via) {
            interfaces.add(new Interface(bindAddress, careOfAddress, ifAtt, via));
            return this;
        }

        public Builder key(int spi, byte[] key) {
            sa = SecurityAssociation.hmacMd5(spi & 0xffffffffL, key);
            return this;
        }

        /** The MN-HA association of any algorithm. */
        public Builder securityAssociation(SecurityAssociation sa) {
            this.sa = Objects.requireNonNull(sa);
            return this;
        }

        public Builder lifetime(int seconds) {
            if (seconds < 1 || seconds > 0xffff) {
                throw new IllegalArgumentException("lifetime must be 1..65535 s: " + seconds);
            }
            lifetime = seconds;
            return this;
        }

        /**
         * False: plain RFC 5944 registration from the first interface only, without any multi-binding extension
         * (for seed 001 this is EnableMultipleTunnelSupport = 0, §5.1).
         */
        public Builder multipath(boolean on) {
            multipath = on;
            return this;
        }

        /** The extension each interface's registration carries when {@link #multipath(boolean)} is on. */
        public Builder extension(Extension e) {
            extension = Objects.requireNonNull(e);
            return this;
        }

        /** True: Identification = the HA's last unused nonce (high 32 bits) + a random value (RFC 5944 §5.7.2). */
        public Builder nonces(boolean on) {
            nonces = on;
            return this;
        }

        public Builder flowPolicy(int action, int... bids) {
            return flowPolicy(action, null, bids);
        }

        /** Adds a flow policy; each becomes one Flow Binding Extension of the last interface's registration. */
        public Builder flowPolicy(int action, TrafficSelector selector, int... bids) {
            flowPolicies.add(new FlowPolicy(action, selector, bids.clone()));
            return this;
        }

        public Builder refreshFraction(double f) {
            if (!(f > 0 && f < 1)) {
                throw new IllegalArgumentException("refresh fraction must be in (0, 1): " + f);
            }
            refreshFraction = f;
            return this;
        }

        public Builder retransmitMillis(int ms) {
            retransmitMillis = ms;
            return this;
        }

        public Builder maxTransmissions(int n) {
            maxTransmissions = n;
            return this;
        }

        public Builder recordLimits(RecordLimits limits) {
            recordLimits = java.util.Objects.requireNonNull(limits);
            return this;
        }

        public Builder recordTo(Path p) {
            recordTo = p;
            return this;
        }

        public Builder clock(InstantSource c) {
            clock = Objects.requireNonNull(c);
            return this;
        }

        public MobileNodeConfig build() {
            return new MobileNodeConfig(this);
        }
    }
}

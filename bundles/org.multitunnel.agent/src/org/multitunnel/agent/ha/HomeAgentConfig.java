package org.multitunnel.agent.ha;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.multitunnel.agent.net.RecordLimits;
import org.multitunnel.wire.mip.ReplyCodes;
import org.multitunnel.wire.mip.auth.KeyTable;
import org.multitunnel.wire.mip.auth.MapKeyTable;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.ExtensionRegistry;

/**
 * Everything a {@link HomeAgent} is told at start: where it listens, its keys and its per-MN policy. Immutable, so a
 * running agent never sees its rules change under it; the builder is the only way in and never exposes key bytes.
 */
public final class HomeAgentConfig {
    /** Default UDP port of the reference agents: unprivileged, next to the registered 434. */
    public static final int DEFAULT_PORT = 4434;
    /** RFC 5944 §5.7: the default replay window for timestamps is 7 seconds. */
    public static final int DEFAULT_REPLAY_WINDOW_SECONDS = 7;
    public static final int DEFAULT_MAX_LIFETIME = 1800;
    public static final int DEFAULT_MAX_BINDINGS = 8;
    /** Agent-wide binding limit; beyond it new bindings get RFC 5944 §3.4 code 130 (insufficient resources). */
    public static final int DEFAULT_MAX_TOTAL_BINDINGS = 1_000_000;

    private final InetSocketAddress listen;
    private final String homeAgentAddress;
    private final List<SecurityAssociation> mnHaKeys;
    private final List<SecurityAssociation> faHaKeys;
    private final List<KeyTable> keyTables;
    private final Set<String> denyMultipath;
    private final Set<String> nonceReplay;
    private final Map<String, Integer> maxLifetimePerNode;
    private final int maxLifetime;
    private final int maxBindings;
    private final int maxTotalBindings;
    private final int maxRatePerSource;
    private final int replayWindowSeconds;
    private final boolean multipleTunnelSupport;
    private final boolean multiInterfaceRoutingSupport;
    private final boolean unequalLoadSupport;
    private final boolean simultaneousBindings;
    private final boolean discardUnknownNonSkippable;
    private final Path recordTo;
    private final RecordLimits recordLimits;
    private final InstantSource clock;
    private final ExtensionRegistry extensions;
    private final ReplyCodes replyCodes;

    private HomeAgentConfig(Builder b) {
        this.listen = b.listen;
        this.homeAgentAddress = b.homeAgentAddress;
        this.mnHaKeys = List.copyOf(b.mnHaKeys);
        this.faHaKeys = List.copyOf(b.faHaKeys);
        this.keyTables = List.copyOf(b.keyTables);
        this.denyMultipath = Set.copyOf(b.denyMultipath);
        this.nonceReplay = Set.copyOf(b.nonceReplay);
        this.maxLifetimePerNode = Map.copyOf(b.maxLifetimePerNode);
        this.maxLifetime = b.maxLifetime;
        this.maxBindings = b.maxBindings;
        this.maxTotalBindings = b.maxTotalBindings;
        this.maxRatePerSource = b.maxRatePerSource;
        this.replayWindowSeconds = b.replayWindowSeconds;
        this.multipleTunnelSupport = b.multipleTunnelSupport;
        this.multiInterfaceRoutingSupport = b.multiInterfaceRoutingSupport;
        this.unequalLoadSupport = b.unequalLoadSupport;
        this.simultaneousBindings = b.simultaneousBindings;
        this.discardUnknownNonSkippable = b.discardUnknownNonSkippable;
        this.recordTo = b.recordTo;
        this.recordLimits = b.recordLimits;
        this.clock = b.clock;
        this.extensions = b.extensions != null ? b.extensions : ExtensionRegistry.defaults();
        this.replyCodes = b.replyCodes != null ? b.replyCodes : ReplyCodes.standard();
    }

    public static Builder builder() {
        return new Builder();
    }

    public InetSocketAddress listen() {
        return listen;
    }

    /** The only Home Agent field this HA accepts (else RFC 5944 §3.4 code 136), or null to accept any. */
    public String homeAgentAddress() {
        return homeAgentAddress;
    }

    /**
     * MN-HA associations (RFC 5944 §3.5.2) looked up by (SPI, home address): the {@code key(...)} associations
     * first, then the added key tables in order.
     */
    public KeyTable mnHaKeyTable() {
        MapKeyTable own = new MapKeyTable();
        mnHaKeys.forEach(own::add);
        List<KeyTable> tables = keyTables;
        return (spi, peer) -> {
            SecurityAssociation sa = own.lookup(spi, peer);
            for (int i = 0; sa == null && i < tables.size(); i++) {
                sa = tables.get(i).lookup(spi, peer);
            }
            return sa;
        };
    }

    /** FA-HA associations (RFC 5944 §3.5.4); empty when the HA shares none with any foreign agent. */
    public MapKeyTable faHaKeyTable() {
        MapKeyTable t = new MapKeyTable();
        faHaKeys.forEach(t::add);
        return t;
    }

    public boolean hasMnHaKeys() {
        return !mnHaKeys.isEmpty() || !keyTables.isEmpty();
    }

    public boolean hasFaHaKeys() {
        return !faHaKeys.isEmpty();
    }

    public int keyCount() {
        return mnHaKeys.size();
    }

    public boolean multipathDenied(String homeAddress) {
        return denyMultipath.contains(homeAddress);
    }

    public Set<String> denyMultipath() {
        return denyMultipath;
    }

    public int maxLifetime() {
        return maxLifetime;
    }

    /** The longest lifetime this HA grants {@code homeAddress}: its own limit if it has one, else the agent's. */
    public int maxLifetime(String homeAddress) {
        return maxLifetimePerNode.getOrDefault(homeAddress, maxLifetime);
    }

    /** Whether this node's security association uses nonces (RFC 5944 §5.7.2) instead of timestamps (§5.7.1). */
    public boolean usesNonces(String homeAddress) {
        return nonceReplay.contains(homeAddress);
    }

    public int maxBindings() {
        return maxBindings;
    }

    /** The most bindings this agent holds over all mobile nodes (else code 130). */
    public int maxTotalBindings() {
        return maxTotalBindings;
    }

    /** Datagrams per second processed from one source address; 0 means no limit (the default). */
    public int maxRatePerSource() {
        return maxRatePerSource;
    }

    public int replayWindowSeconds() {
        return replayWindowSeconds;
    }

    /** Seed 001 §5.3 / §8 EnableMultipleTunnelSupport (default 1). */
    public boolean multipleTunnelSupport() {
        return multipleTunnelSupport;
    }

    /** Seed 000 §6.3 rule 1: whether the Multi-Interface Routing service is offered at all. */
    public boolean multiInterfaceRoutingSupport() {
        return multiInterfaceRoutingSupport;
    }

    /** Seed 000 §6.3 rule 2: whether unequal load distribution can be honoured. */
    public boolean unequalLoadSupport() {
        return unequalLoadSupport;
    }

    /** RFC 5944 §3.6.1.2 S bit: whether plain simultaneous bindings are kept (else code 1). */
    public boolean simultaneousBindings() {
        return simultaneousBindings;
    }

    /**
     * RFC 5944 §1.9 says a message with an unrecognised extension of type 0-127 "MUST be silently discarded"; the
     * reference HA answers 134 instead by default so that testers see a verdict. True restores the silent discard.
     */
    public boolean discardUnknownNonSkippable() {
        return discardUnknownNonSkippable;
    }

    /** pcapng file every sent and received datagram is written to, or null. */
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

    /** Which extension numbers mean what (the draft extensions' numbers are preferences). */
    public ExtensionRegistry extensions() {
        return extensions;
    }

    /** Reply code numbers, looked up by name for the draft codes (preferences). */
    public ReplyCodes replyCodes() {
        return replyCodes;
    }

    @Override
    public String toString() {
        return "HomeAgentConfig(listen=" + listen + ", keys=" + mnHaKeys.size() + ", faHaKeys=" + faHaKeys.size()
                + ", denyMultipath=" + denyMultipath + ", maxLifetime=" + maxLifetime + ", maxLifetimePerNode="
                + maxLifetimePerNode + ", nonceReplay=" + nonceReplay + ", maxBindings=" + maxBindings
                + ", maxTotalBindings=" + maxTotalBindings + ", maxRatePerSource=" + maxRatePerSource + ")";
    }

    /** Collects the settings; defaults: 127.0.0.1:4434, lifetime 1800 s, 8 bindings per MN, window 7 s. */
    public static final class Builder {
        private InetSocketAddress listen = new InetSocketAddress("127.0.0.1", DEFAULT_PORT);
        private String homeAgentAddress;
        private final List<SecurityAssociation> mnHaKeys = new ArrayList<>();
        private final List<SecurityAssociation> faHaKeys = new ArrayList<>();
        private final List<KeyTable> keyTables = new ArrayList<>();
        private final Set<String> denyMultipath = new HashSet<>();
        private final Set<String> nonceReplay = new HashSet<>();
        private final Map<String, Integer> maxLifetimePerNode = new HashMap<>();
        private int maxLifetime = DEFAULT_MAX_LIFETIME;
        private int maxBindings = DEFAULT_MAX_BINDINGS;
        private int maxTotalBindings = DEFAULT_MAX_TOTAL_BINDINGS;
        private int maxRatePerSource;
        private int replayWindowSeconds = DEFAULT_REPLAY_WINDOW_SECONDS;
        private boolean multipleTunnelSupport = true;
        private boolean multiInterfaceRoutingSupport = true;
        private boolean unequalLoadSupport = true;
        private boolean simultaneousBindings;
        private boolean discardUnknownNonSkippable;
        private Path recordTo;
        private RecordLimits recordLimits = RecordLimits.DEFAULT;
        private InstantSource clock = InstantSource.system();
        private ExtensionRegistry extensions;
        private ReplyCodes replyCodes;

        private Builder() {
        }

        /** Extension registry to decode with, e.g. with draft extensions moved to other numbers. */
        public Builder extensions(ExtensionRegistry registry) {
            this.extensions = Objects.requireNonNull(registry);
            return this;
        }

        /** Reply code registry, e.g. with the draft codes moved to other numbers. */
        public Builder replyCodes(ReplyCodes codes) {
            this.replyCodes = Objects.requireNonNull(codes);
            return this;
        }

        /** Port 0 picks a free port; read it back from {@link HomeAgent#localAddress()}. */
        public Builder listen(InetSocketAddress address) {
            this.listen = Objects.requireNonNull(address);
            return this;
        }

        public Builder homeAgentAddress(String address) {
            this.homeAgentAddress = address;
            return this;
        }

        /** An MN-HA HMAC-MD5 security association valid for any mobile node. The key is copied, never logged. */
        public Builder key(int spi, byte[] key) {
            mnHaKeys.add(SecurityAssociation.hmacMd5(spi & 0xffffffffL, key));
            return this;
        }

        /** An MN-HA association of any algorithm (e.g. keyed-md5 from a key file). */
        public Builder securityAssociation(SecurityAssociation sa) {
            mnHaKeys.add(Objects.requireNonNull(sa));
            return this;
        }

        /** MN-HA associations from a key table (a key file, secure storage), consulted after the keys above. */
        public Builder keys(KeyTable table) {
            keyTables.add(Objects.requireNonNull(table));
            return this;
        }

        /** An FA-HA HMAC-MD5 security association valid for any foreign agent. */
        public Builder faHaKey(int spi, byte[] key) {
            faHaKeys.add(SecurityAssociation.hmacMd5(spi & 0xffffffffL, key));
            return this;
        }

        /** An FA-HA association of any algorithm. */
        public Builder faHaAssociation(SecurityAssociation sa) {
            faHaKeys.add(Objects.requireNonNull(sa));
            return this;
        }

        /** Refuses multipath to this home address (RFC 7629 §5.2: code 152). */
        public Builder denyMultipath(String homeAddress) {
            denyMultipath.add(homeAddress);
            return this;
        }

        public Builder maxLifetime(int seconds) {
            if (seconds < 1 || seconds > 0xffff) {
                throw new IllegalArgumentException("max lifetime must be 1..65535 s: " + seconds);
            }
            this.maxLifetime = seconds;
            return this;
        }

        /**
         * A per-node limit (RFC 5944 §3.8.3.1: a request asking for more is granted the limit, the reply's Lifetime
         * says how long service will actually be provided). Overrides {@link #maxLifetime(int)} for that node.
         */
        public Builder maxLifetime(String homeAddress, int seconds) {
            if (seconds < 1 || seconds > 0xffff) {
                throw new IllegalArgumentException("max lifetime must be 1..65535 s: " + seconds);
            }
            maxLifetimePerNode.put(Objects.requireNonNull(homeAddress), seconds);
            return this;
        }

        /** Replay protection with nonces (RFC 5944 §5.7.2) for this home address; timestamps for the others. */
        public Builder nonceReplay(String homeAddress) {
            nonceReplay.add(Objects.requireNonNull(homeAddress));
            return this;
        }

        public Builder maxBindings(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("max bindings must be at least 1: " + count);
            }
            this.maxBindings = count;
            return this;
        }

        public Builder maxTotalBindings(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("max total bindings must be at least 1: " + count);
            }
            this.maxTotalBindings = count;
            return this;
        }

        /** At most {@code perSecond} datagrams per second from one source address; 0 switches the limit off. */
        public Builder maxRatePerSource(int perSecond) {
            if (perSecond < 0) {
                throw new IllegalArgumentException("max rate per source must not be negative: " + perSecond);
            }
            this.maxRatePerSource = perSecond;
            return this;
        }

        public Builder replayWindowSeconds(int seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException("replay window must not be negative: " + seconds);
            }
            this.replayWindowSeconds = seconds;
            return this;
        }

        public Builder multipleTunnelSupport(boolean on) {
            this.multipleTunnelSupport = on;
            return this;
        }

        public Builder multiInterfaceRoutingSupport(boolean on) {
            this.multiInterfaceRoutingSupport = on;
            return this;
        }

        public Builder unequalLoadSupport(boolean on) {
            this.unequalLoadSupport = on;
            return this;
        }

        public Builder simultaneousBindings(boolean on) {
            this.simultaneousBindings = on;
            return this;
        }

        public Builder discardUnknownNonSkippable(boolean on) {
            this.discardUnknownNonSkippable = on;
            return this;
        }

        public Builder recordTo(Path pcapng) {
            this.recordTo = pcapng;
            return this;
        }

        public Builder recordLimits(RecordLimits limits) {
            this.recordLimits = Objects.requireNonNull(limits);
            return this;
        }

        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public HomeAgentConfig build() {
            return new HomeAgentConfig(this);
        }
    }
}

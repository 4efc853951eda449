package org.multitunnel.agent.fa;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Objects;

import org.multitunnel.agent.net.RecordLimits;
import org.multitunnel.wire.mip.auth.SecurityAssociation;

/**
 * What a {@link ForeignAgent} is told at start: where it listens, where it relays to, its optional FA-HA key and
 * the FA-side policies of the drafts (seed 001 EnableMultipleTunnelSupport, seed 000 Multi-Interface Routing and
 * unequal load). Immutable; keys stay inside their {@link SecurityAssociation}.
 */
public final class ForeignAgentConfig {
    public static final int DEFAULT_PORT = 4435;
    private final InetSocketAddress listen;
    private final InetSocketAddress homeAgent;
    private final SecurityAssociation faHa;
    private final boolean multipleTunnelSupport;
    private final boolean multiInterfaceRoutingSupport;
    private final boolean unequalLoadSupport;
    private final int maxLifetime;
    private final Path recordTo;
    private final RecordLimits recordLimits;
    private final InstantSource clock;

    private ForeignAgentConfig(Builder b) {
        this.listen = b.listen;
        this.homeAgent = Objects.requireNonNull(b.homeAgent, "the home agent to relay to is required");
        this.faHa = b.faHa;
        this.multipleTunnelSupport = b.multipleTunnelSupport;
        this.multiInterfaceRoutingSupport = b.multiInterfaceRoutingSupport;
        this.unequalLoadSupport = b.unequalLoadSupport;
        this.maxLifetime = b.maxLifetime;
        this.recordTo = b.recordTo;
        this.recordLimits = b.recordLimits;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public InetSocketAddress listen() {
        return listen;
    }

    public InetSocketAddress homeAgent() {
        return homeAgent;
    }

    /** FA-HA association (RFC 5944 §3.5.4) or null. */
    public SecurityAssociation faHa() {
        return faHa;
    }

    public boolean multipleTunnelSupport() {
        return multipleTunnelSupport;
    }

    public boolean multiInterfaceRoutingSupport() {
        return multiInterfaceRoutingSupport;
    }

    public boolean unequalLoadSupport() {
        return unequalLoadSupport;
    }

    /** RFC 5944 §3.7.2.1: a requested lifetime above this is denied with 69. */
    public int maxLifetime() {
        return maxLifetime;
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

    /** Defaults: 127.0.0.1:4435, all services offered, lifetime up to 65535 s, no FA-HA key. */
    public static final class Builder {
        private InetSocketAddress listen = new InetSocketAddress("127.0.0.1", DEFAULT_PORT);
        private InetSocketAddress homeAgent;
        private SecurityAssociation faHa;
        private boolean multipleTunnelSupport = true;
        private boolean multiInterfaceRoutingSupport = true;
        private boolean unequalLoadSupport = true;
        private int maxLifetime = 0xffff;
        private Path recordTo;
        private RecordLimits recordLimits = RecordLimits.DEFAULT;
        private InstantSource clock = InstantSource.system();

        private Builder() {
        }

        public Builder listen(InetSocketAddress a) {
            listen = Objects.requireNonNull(a);
            return this;
        }

        public Builder homeAgent(InetSocketAddress a) {
            homeAgent = Objects.requireNonNull(a);
            return this;
        }

        public Builder faHaKey(int spi, byte[] key) {
            faHa = SecurityAssociation.hmacMd5(spi & 0xffffffffL, key);
            return this;
        }

        public Builder faHa(SecurityAssociation sa) {
            faHa = sa;
            return this;
        }

        public Builder multipleTunnelSupport(boolean on) {
            multipleTunnelSupport = on;
            return this;
        }

        public Builder multiInterfaceRoutingSupport(boolean on) {
            multiInterfaceRoutingSupport = on;
            return this;
        }

        public Builder unequalLoadSupport(boolean on) {
            unequalLoadSupport = on;
            return this;
        }

        public Builder maxLifetime(int seconds) {
            maxLifetime = seconds;
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

        public ForeignAgentConfig build() {
            return new ForeignAgentConfig(this);
        }
    }
}

package org.multitunnel.agent.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.multitunnel.agent.net.Ipv4;
import org.multitunnel.wire.mip.auth.SecurityAssociation;

/**
 * What one load run does: which home agent, how many emulated mobile nodes with how many care-of addresses (RFC
 * 7629 BIDs) each, at what request rate and for how long, with which key. Immutable and validated by its builder,
 * so the command line and the GUI get the same one-line errors. Never exposes or prints the key.
 */
public final class LoadSettings {
    /** Bindings one generator can emulate: the binding index travels in 20 bits of the Identification. */
    public static final int MAX_BINDINGS = 1 << 20;
    public static final double DEFAULT_REFRESH = 0.8;
    public static final int DEFAULT_TIMEOUT_MILLIS = 1000;
    public static final int DEFAULT_TRANSMISSIONS = 3;
    /** RFC 2544 benchmarking addresses are for care-of addresses; home addresses start here by default. */
    public static final String DEFAULT_HOME_BASE = "10.128.0.1";

    /** How requests are made fresh (RFC 5944 §5.7). */
    public enum Identification {
        TIMESTAMPS, NONCES
    }

    private final InetSocketAddress target;
    private final int nodes;
    private final int bids;
    private final int rate;
    private final double durationSeconds;
    private final int lifetime;
    private final double refresh;
    private final boolean flowBindings;
    private final boolean plain;
    private final SecurityAssociation key;
    private final List<InetAddress> sources;
    private final int homeBase;
    private final int careOfBase;
    private final int homeAgentField;
    private final int timeoutMillis;
    private final int transmissions;
    private final Identification identification;

    private LoadSettings(Builder b) {
        this.target = b.target;
        this.nodes = b.nodes;
        this.bids = b.bids;
        this.rate = b.rate;
        this.durationSeconds = b.durationSeconds;
        this.refresh = b.refresh;
        this.flowBindings = b.flowBindings;
        this.plain = b.plain;
        this.key = b.key;
        this.sources = List.copyOf(b.sources);
        this.homeBase = b.homeBase;
        this.careOfBase = b.careOfBase;
        this.homeAgentField = b.homeAgentField != 0 ? b.homeAgentField : Ipv4.toInt(b.target.getAddress());
        this.timeoutMillis = b.timeoutMillis;
        this.transmissions = b.transmissions;
        this.identification = b.identification;
        this.lifetime = b.lifetime > 0 ? b.lifetime : autoLifetime(nodes * bids, rate, refresh);
    }

    /**
     * A lifetime long enough that refreshing every binding in turn at the request rate renews each one well before
     * it lapses: twice the refresh round (bindings ÷ rate) over the refresh fraction, at least 30 s.
     */
    static int autoLifetime(long bindings, int rate, double refresh) {
        double round = (double) bindings / rate;
        return (int) Math.min(65_534, Math.max(30, Math.ceil(2 * round / refresh)));
    }

    public static Builder builder() {
        return new Builder();
    }

    public InetSocketAddress target() {
        return target;
    }

    public int nodes() {
        return nodes;
    }

    public int bids() {
        return bids;
    }

    public int bindings() {
        return nodes * bids;
    }

    /** Requests per second on the wire (retransmissions included). */
    public int rate() {
        return rate;
    }

    public double durationSeconds() {
        return durationSeconds;
    }

    /** Requested lifetime in seconds. */
    public int lifetime() {
        return lifetime;
    }

    /** A binding is re-registered at the latest when this fraction of its granted lifetime has passed. */
    public double refresh() {
        return refresh;
    }

    /** Whether each registration carries an RFC 7629 Flow Binding Extension for its BID. */
    public boolean flowBindings() {
        return flowBindings;
    }

    /** Plain RFC 5944 registrations without the Multipath Extension (one care-of address per node). */
    public boolean plain() {
        return plain;
    }

    public SecurityAssociation key() {
        return key;
    }

    /** Where each BID's requests leave from: BID k uses source (k - 1) mod size. */
    public List<InetAddress> sources() {
        return sources;
    }

    public int homeAddress(int node) {
        return homeBase + node;
    }

    /** 0 when the care-of address is the source address of the request (the default). */
    public int careOfBase() {
        return careOfBase;
    }

    public int homeAgentField() {
        return homeAgentField;
    }

    public int timeoutMillis() {
        return timeoutMillis;
    }

    public int transmissions() {
        return transmissions;
    }

    public Identification identification() {
        return identification;
    }

    /** A description for reports and logs: everything but the key, which is named by SPI only. */
    @Override
    public String toString() {
        return "load " + Ipv4.text(target) + " nodes=" + nodes + " bids=" + bids + " rate=" + rate + "/s duration="
                + durationSeconds + "s lifetime=" + lifetime + " refresh=" + refresh + " spi=" + key.spi();
    }

    /** Collects and validates the settings; {@link #build()} throws IllegalArgumentException with one line. */
    public static final class Builder {
        private InetSocketAddress target;
        private int nodes = 1;
        private int bids = 1;
        private int rate = 100;
        private double durationSeconds = 10;
        private int lifetime;
        private double refresh = DEFAULT_REFRESH;
        private boolean flowBindings;
        private boolean plain;
        private SecurityAssociation key;
        private final List<InetAddress> sources = new ArrayList<>();
        private int homeBase = Ipv4.toInt(Ipv4.parse(DEFAULT_HOME_BASE));
        private int careOfBase;
        private int homeAgentField;
        private int timeoutMillis = DEFAULT_TIMEOUT_MILLIS;
        private int transmissions = DEFAULT_TRANSMISSIONS;
        private Identification identification = Identification.TIMESTAMPS;
        private boolean ownTarget;

        private Builder() {
        }

        public Builder target(InetSocketAddress t) {
            this.target = Objects.requireNonNull(t);
            return this;
        }

        public Builder nodes(int n) {
            this.nodes = n;
            return this;
        }

        public Builder bids(int k) {
            this.bids = k;
            return this;
        }

        public Builder rate(int perSecond) {
            this.rate = perSecond;
            return this;
        }

        public Builder duration(double seconds) {
            this.durationSeconds = seconds;
            return this;
        }

        /** 0: chosen from the bindings and the rate (see {@link LoadSettings#autoLifetime}). */
        public Builder lifetime(int seconds) {
            this.lifetime = seconds;
            return this;
        }

        public Builder refresh(double fraction) {
            this.refresh = fraction;
            return this;
        }

        public Builder flowBindings(boolean on) {
            this.flowBindings = on;
            return this;
        }

        public Builder plain(boolean on) {
            this.plain = on;
            return this;
        }

        public Builder key(SecurityAssociation sa) {
            this.key = Objects.requireNonNull(sa);
            return this;
        }

        public Builder source(InetAddress a) {
            sources.add(Objects.requireNonNull(a));
            return this;
        }

        public Builder homeBase(String dotted) {
            this.homeBase = Ipv4.toInt(Ipv4.parse(dotted));
            return this;
        }

        /** Distinct co-located care-of addresses from {@code dotted} on (D flag set), instead of the source. */
        public Builder careOfBase(String dotted) {
            this.careOfBase = Ipv4.toInt(Ipv4.parse(dotted));
            return this;
        }

        public Builder homeAgentField(String dotted) {
            this.homeAgentField = Ipv4.toInt(Ipv4.parse(dotted));
            return this;
        }

        public Builder timeoutMillis(int ms) {
            this.timeoutMillis = ms;
            return this;
        }

        public Builder transmissions(int n) {
            this.transmissions = n;
            return this;
        }

        public Builder identification(Identification id) {
            this.identification = Objects.requireNonNull(id);
            return this;
        }

        /** The user's statement that a non-loopback target is theirs to load ({@code --i-own-this-target}). */
        public Builder ownTarget(boolean yes) {
            this.ownTarget = yes;
            return this;
        }

        public LoadSettings build() {
            if (target == null) {
                throw new IllegalArgumentException("no target home agent (HOST:PORT)");
            }
            check(target.getAddress() != null && target.getAddress().getAddress().length == 4,
                    "the target must be an IPv4 address: " + target);
            if (!target.getAddress().isLoopbackAddress() && !ownTarget) {
                throw new IllegalArgumentException("target " + Ipv4.text(target) + " is not a loopback address: "
                        + "loading someone else's home agent is an attack; add --i-own-this-target if it is yours");
            }
            check(nodes >= 1, "nodes must be at least 1: " + nodes);
            check(bids >= 1 && bids <= 254, "bids must be 1..254 (RFC 7629 BIDs): " + bids);
            check(!plain || bids == 1, "a plain RFC 5944 registration has one care-of address: bids must be 1");
            check((long) nodes * bids <= MAX_BINDINGS, "nodes × bids must be at most " + MAX_BINDINGS + ": "
                    + (long) nodes * bids);
            check(rate >= 1 && rate <= 10_000_000, "rate must be 1..10000000 requests/s: " + rate);
            check(durationSeconds > 0 && durationSeconds <= 7 * 86_400, "duration must be > 0 s and at most a "
                    + "week: " + durationSeconds);
            check(lifetime >= 0 && lifetime <= 65_534, "lifetime must be 1..65534 s: " + lifetime);
            check(refresh > 0 && refresh < 1, "refresh must be a fraction between 0 and 1: " + refresh);
            check(timeoutMillis >= 1 && timeoutMillis <= 60_000, "timeout must be 1..60000 ms: " + timeoutMillis);
            check(transmissions >= 1 && transmissions <= 10, "transmissions must be 1..10: " + transmissions);
            check(key != null, "no MN-HA key: RFC 5944 §3.2 requires the MN-HA authenticator (--key, --key-file)");
            long lastHome = (homeBase & 0xffffffffL) + nodes - 1;
            check(lastHome <= 0xffffffffL, "home addresses from the base run past 255.255.255.255");
            if (careOfBase != 0) {
                check((careOfBase & 0xffffffffL) + (long) nodes * bids - 1 <= 0xffffffffL,
                        "care-of addresses from the base run past 255.255.255.255");
            }
            for (InetAddress a : sources) {
                check(a.getAddress().length == 4, "sources must be IPv4 addresses: " + a.getHostAddress());
            }
            if (sources.isEmpty()) {
                defaultSources();
            }
            return new LoadSettings(this);
        }

        /**
         * Loopback target: one loopback alias per BID (127.0.1.k; Linux answers for all of 127/8 without
         * configuration). Otherwise the address the route to the target leaves from.
         */
        private void defaultSources() {
            if (target.getAddress().isLoopbackAddress()) {
                for (int k = 1; k <= bids; k++) {
                    sources.add(Ipv4.parse("127.0.1." + k));
                }
            } else {
                try (java.nio.channels.DatagramChannel c = java.nio.channels.DatagramChannel.open()) {
                    c.connect(target);
                    sources.add(((InetSocketAddress) c.getLocalAddress()).getAddress());
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("no route to " + Ipv4.text(target) + ": " + e.getMessage());
                }
            }
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}

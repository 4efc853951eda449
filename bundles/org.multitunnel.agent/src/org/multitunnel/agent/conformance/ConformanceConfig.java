package org.multitunnel.agent.conformance;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.mip.auth.SecurityAssociation;

/**
 * What a conformance run needs to know about the home agent under test: where it listens, the address it answers
 * for, the MN-HA key it shares, the home addresses to use (one per scenario, counted up from a base so scenarios
 * never see each other's bindings), the care-of addresses (bound as the request's source when they are local, as
 * RFC 7629 §5.1 routes each registration through its interface), the home address the agent is configured to
 * deny multipath to, whether the agent claims unequal load distribution (seed 000 §6.3), and a home address it
 * protects with nonces (RFC 5944 §5.7.2).
 */
public record ConformanceConfig(InetSocketAddress target, String homeAgent, SecurityAssociation key,
        String homeAddressBase, List<String> careOfAddresses, boolean bindCareOf, String denyMultipathHoa,
        boolean unequalLoadSupported, Duration replyTimeout, int transmissions, int shortLifetime, String nonceHoa) {

    /** Care-of addresses used against a loopback target: all of 127.0.0.0/8 is local on Linux. */
    public static final List<String> LOOPBACK_CARE_OF = List.of("127.0.1.1", "127.0.1.2", "127.0.1.3", "127.0.1.4");
    /** Care-of field values against a remote target (documentation prefix, RFC 5737); requests leave from the
     * default source. */
    public static final List<String> REMOTE_CARE_OF = List.of("198.51.100.1", "198.51.100.2", "198.51.100.3",
            "198.51.100.4");
    public static final String DEFAULT_HOME_ADDRESS_BASE = "10.77.0.1";

    public ConformanceConfig {
        if (careOfAddresses.size() < 4) {
            throw new IllegalArgumentException("the scenarios need 4 care-of addresses");
        }
        careOfAddresses = List.copyOf(careOfAddresses);
        if (shortLifetime < 1) {
            throw new IllegalArgumentException("short lifetime must be at least 1 s");
        }
    }

    /** Defaults for {@code target}: HA address = target address, loopback CoAs bound when the target is local. */
    public static ConformanceConfig defaults(InetSocketAddress target, SecurityAssociation key) {
        boolean loop = target.getAddress() != null && target.getAddress().isLoopbackAddress();
        return new ConformanceConfig(target, target.getAddress().getHostAddress(), key, DEFAULT_HOME_ADDRESS_BASE,
                loop ? LOOPBACK_CARE_OF : REMOTE_CARE_OF, loop, null, true, Duration.ofMillis(800), 3, 2, null);
    }

    public ConformanceConfig withHomeAgent(String a) {
        return new ConformanceConfig(target, a, key, homeAddressBase, careOfAddresses, bindCareOf, denyMultipathHoa,
                unequalLoadSupported, replyTimeout, transmissions, shortLifetime, nonceHoa);
    }

    public ConformanceConfig withHomeAddressBase(String a) {
        return new ConformanceConfig(target, homeAgent, key, a, careOfAddresses, bindCareOf, denyMultipathHoa,
                unequalLoadSupported, replyTimeout, transmissions, shortLifetime, nonceHoa);
    }

    public ConformanceConfig withCareOf(List<String> coas, boolean bind) {
        return new ConformanceConfig(target, homeAgent, key, homeAddressBase, coas, bind, denyMultipathHoa,
                unequalLoadSupported, replyTimeout, transmissions, shortLifetime, nonceHoa);
    }

    public ConformanceConfig withDenyMultipathHoa(String hoa) {
        return new ConformanceConfig(target, homeAgent, key, homeAddressBase, careOfAddresses, bindCareOf, hoa,
                unequalLoadSupported, replyTimeout, transmissions, shortLifetime, nonceHoa);
    }

    /** A home address the agent protects with nonces (RFC 5944 §5.7.2) instead of timestamps. */
    public ConformanceConfig withNonceHoa(String hoa) {
        return new ConformanceConfig(target, homeAgent, key, homeAddressBase, careOfAddresses, bindCareOf,
                denyMultipathHoa, unequalLoadSupported, replyTimeout, transmissions, shortLifetime, hoa);
    }

    public ConformanceConfig withUnequalLoadSupported(boolean on) {
        return new ConformanceConfig(target, homeAgent, key, homeAddressBase, careOfAddresses, bindCareOf,
                denyMultipathHoa, on, replyTimeout, transmissions, shortLifetime, nonceHoa);
    }

    public ConformanceConfig withReplyTimeout(Duration timeout, int count) {
        return new ConformanceConfig(target, homeAgent, key, homeAddressBase, careOfAddresses, bindCareOf,
                denyMultipathHoa, unequalLoadSupported, timeout, count, shortLifetime, nonceHoa);
    }

    /** The home address of scenario number {@code index} (0-based): the base plus the index. */
    public String homeAddress(int index) {
        int base = ipv4(homeAddressBase);
        int a = base + index;
        return ((a >>> 24) & 0xff) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }

    /**
     * The source address for care-of address {@code i} (1-based): the care-of address itself when binding is on and
     * this host owns it, else null (the default route's source).
     */
    public InetAddress source(int i) {
        if (!bindCareOf) {
            return null;
        }
        try {
            InetAddress a = InetAddress.getByName(careOfAddresses.get(i - 1));
            return a.isLoopbackAddress() || NetworkInterface.getByInetAddress(a) != null ? a : null;
        } catch (UnknownHostException | SocketException e) {
            return null;
        }
    }

    static int ipv4(String dotted) {
        String[] p = dotted.trim().split("\\.");
        if (p.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        }
        int v = 0;
        for (String s : p) {
            int o = Integer.parseInt(s);
            if (o < 0 || o > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            }
            v = (v << 8) | o;
        }
        return v;
    }

    /** Parses "A,B,C,D" into a list (for --care-of). */
    public static List<String> list(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                ipv4(s);
                out.add(s.trim());
            }
        }
        return out;
    }
}

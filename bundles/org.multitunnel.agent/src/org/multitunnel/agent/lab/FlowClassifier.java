package org.multitunnel.agent.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.multitunnel.agent.net.Ipv4;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.ext.TrafficSelector;

/**
 * Which binding an IPv4 packet travels on, decided by the flow bindings the home agent accepted (RFC 7629 §4.2):
 * the first flow binding whose RFC 6088 IPv4 traffic selector matches the packet names the BID (its first listed
 * one — the lab does not split a flow over several bindings); a packet no selector matches takes the default BID.
 * Ranges without an end field match their start value exactly. Plain Java over the packet bytes, so the userspace
 * tunnel's choice can be tested without privileges.
 */
public final class FlowClassifier {
    /** One accepted flow binding: its BIDs and its decoded selector. */
    public record Rule(List<Integer> bids, TrafficSelector selector) {
        public Rule {
            bids = List.copyOf(bids);
        }
    }

    private final List<Rule> rules;
    private final int defaultBid;

    public FlowClassifier(List<Rule> rules, int defaultBid) {
        this.rules = List.copyOf(rules);
        this.defaultBid = defaultBid;
    }

    /** A rule from the home agent's status JSON form: BIDs, TS Format and the selector in hex. */
    public static Rule rule(List<Integer> bids, int tsFormat, String selectorHex) {
        return new Rule(bids, TrafficSelector.decode(tsFormat, Hex.decode(selectorHex)));
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The BID for the IPv4 packet in {@code p[0..len)}, or the default BID. */
    public int bidFor(byte[] p, int len) {
        for (Rule r : rules) {
            if (!r.bids().isEmpty() && matches(r.selector(), p, len)) {
                return r.bids().get(0);
            }
        }
        return defaultBid;
    }

    static boolean matches(TrafficSelector ts, byte[] p, int len) {
        if (ts.format() != TrafficSelector.FORMAT_IPV4 || len < 20 || (p[0] & 0xf0) != 0x40) {
            return false;
        }
        Map<String, Object> v = ts.values();
        int ihl = (p[0] & 0x0f) * 4;
        int proto = p[9] & 0xff;
        long src = u32(p, 12);
        long dst = u32(p, 16);
        boolean ports = (proto == 6 || proto == 17) && len >= ihl + 4;
        long sport = ports ? u16(p, ihl) : -1;
        long dport = ports ? u16(p, ihl + 2) : -1;
        long ds = (p[1] & 0xff) >>> 2;
        return in(v, MipFields.TS_SRC_START, MipFields.TS_SRC_END, src)
                && in(v, MipFields.TS_DST_START, MipFields.TS_DST_END, dst)
                && in(v, MipFields.TS_PROTO_START, MipFields.TS_PROTO_END, proto)
                && in(v, MipFields.TS_SPORT_START, MipFields.TS_SPORT_END, sport)
                && in(v, MipFields.TS_DPORT_START, MipFields.TS_DPORT_END, dport)
                && in(v, MipFields.TS_DS_START, MipFields.TS_DS_END, ds)
                && !v.containsKey(MipFields.TS_SPI_START); // no IPsec in the lab: an SPI selector never matches
    }

    private static boolean in(Map<String, Object> v, String startKey, String endKey, long value) {
        Object start = v.get(startKey);
        if (start == null) {
            return true;
        }
        long lo = number(start);
        Object end = v.get(endKey);
        long hi = end == null ? lo : number(end);
        return value >= lo && value <= hi;
    }

    private static long number(Object o) {
        if (o instanceof String s) {
            byte[] a = Ipv4.parse(s).getAddress();
            return u32(a, 0);
        }
        return ((Number) o).longValue();
    }

    private static long u32(byte[] b, int o) {
        return ((b[o] & 0xffL) << 24) | ((b[o + 1] & 0xffL) << 16) | ((b[o + 2] & 0xffL) << 8) | (b[o + 3] & 0xffL);
    }

    private static long u16(byte[] b, int o) {
        return ((b[o] & 0xff) << 8) | (b[o + 1] & 0xff);
    }

    /** Human-readable, for the lab's output: "BID 1 <- dport 5001 proto 17". */
    public static String describe(Rule r) {
        List<String> parts = new ArrayList<>();
        r.selector().values().forEach((k, val) -> parts.add(k.substring(k.lastIndexOf('.') + 1) + "=" + val));
        return "BID " + r.bids() + " <- " + String.join(" ", parts);
    }
}

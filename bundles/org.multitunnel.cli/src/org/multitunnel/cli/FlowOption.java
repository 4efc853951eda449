package org.multitunnel.cli;

import org.multitunnel.agent.mn.MobileNodeConfig;
import org.multitunnel.agent.net.Ipv4;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.ext.TrafficSelector;

/**
 * The mobile node's {@code --flow BIDS:SELECTOR} option: an RFC 7629 §4.2 flow binding with an RFC 6088 IPv4
 * traffic selector, written without commas (config files separate repeated values by commas). BIDS are joined by
 * '+', selector terms by '/': {@code 1:proto=17/dport=5001}, {@code 2+1:dst=10.200.0.100/dport=6000-6010}.
 * Terms: src, dst (address), sport, dport (port or LO-HI), proto, ds; {@code action=N} sets the Action (default 1,
 * the value the conformance scenarios use — the seed lost the Action table, see FlowBindingActions).
 */
final class FlowOption {
    static final int DEFAULT_ACTION = 1;

    private FlowOption() {
    }

    static MobileNodeConfig.FlowPolicy parse(String spec) throws UsageException {
        int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new UsageException("--flow '" + spec + "': want BIDS:SELECTOR, e.g. 1:proto=17/dport=5001");
        }
        String[] bidText = spec.substring(0, colon).split("\\+");
        int[] bids = new int[bidText.length];
        for (int i = 0; i < bids.length; i++) {
            bids[i] = number(bidText[i], 1, 254, spec);
        }
        int action = DEFAULT_ACTION;
        TrafficSelector.Builder ts = TrafficSelector.builder(TrafficSelector.FORMAT_IPV4);
        for (String term : spec.substring(colon + 1).split("/")) {
            int eq = term.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--flow '" + spec + "': term '" + term + "' is not NAME=VALUE");
            }
            String name = term.substring(0, eq);
            String value = term.substring(eq + 1);
            try {
                switch (name) {
                    case "action" -> action = number(value, 0, 255, spec);
                    case "src" -> ts.address(MipFields.TS_SRC_START, v4(value))
                            .address(MipFields.TS_SRC_END, v4(value));
                    case "dst" -> ts.address(MipFields.TS_DST_START, v4(value))
                            .address(MipFields.TS_DST_END, v4(value));
                    case "sport" -> range(ts, MipFields.TS_SPORT_START, MipFields.TS_SPORT_END, value, 0xffff, spec);
                    case "dport" -> range(ts, MipFields.TS_DPORT_START, MipFields.TS_DPORT_END, value, 0xffff, spec);
                    case "proto" -> range(ts, MipFields.TS_PROTO_START, MipFields.TS_PROTO_END, value, 255, spec);
                    case "ds" -> range(ts, MipFields.TS_DS_START, MipFields.TS_DS_END, value, 63, spec);
                    default -> throw new UsageException("--flow '" + spec + "': unknown term '" + name
                            + "' (src, dst, sport, dport, proto, ds, action)");
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException("--flow '" + spec + "': " + e.getMessage());
            }
        }
        return new MobileNodeConfig.FlowPolicy(action, ts.build(), bids);
    }

    /** Strict dotted IPv4 (InetAddress would also take "10.0.0" as 10.0.0.0). */
    private static String v4(String s) {
        return Ipv4.parse(s).getHostAddress();
    }

    private static void range(TrafficSelector.Builder ts, String start, String end, String v, int max, String spec)
            throws UsageException {
        int dash = v.indexOf('-');
        int lo = number(dash < 0 ? v : v.substring(0, dash), 0, max, spec);
        int hi = dash < 0 ? lo : number(v.substring(dash + 1), lo, max, spec);
        ts.value(start, lo).value(end, hi);
    }

    private static int number(String s, int min, int max, String spec) throws UsageException {
        try {
            int n = Integer.parseInt(s.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--flow '" + spec + "': '" + s + "' is not a number in " + min + "-" + max);
    }
}

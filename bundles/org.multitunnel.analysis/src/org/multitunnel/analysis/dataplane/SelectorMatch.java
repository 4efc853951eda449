package org.multitunnel.analysis.dataplane;

import java.util.Map;

import org.multitunnel.capture.tunnel.InnerFlow;
import org.multitunnel.wire.dissect.Addresses;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.ext.TrafficSelector;

/**
 * Does an inner flow fall under an RFC 6088 traffic selector? Each range the selector carries (start, and end
 * when present, else start alone) must contain the flow's value; absent fields match anything (RFC 6088 §3.1).
 * Only IPv4 selectors against IPv4 flows are compared; anything else does not match.
 */
final class SelectorMatch {
    private SelectorMatch() {
    }

    static boolean matches(TrafficSelector ts, InnerFlow f) {
        if (ts.format() != TrafficSelector.FORMAT_IPV4 || f.version() != 4) {
            return false;
        }
        Map<String, Object> v = ts.values();
        return address(v, MipFields.TS_SRC_START, MipFields.TS_SRC_END, f.source())
                && address(v, MipFields.TS_DST_START, MipFields.TS_DST_END, f.destination())
                && number(v, MipFields.TS_PROTO_START, MipFields.TS_PROTO_END, f.protocol())
                && number(v, MipFields.TS_SPORT_START, MipFields.TS_SPORT_END, f.sourcePort())
                && number(v, MipFields.TS_DPORT_START, MipFields.TS_DPORT_END, f.destinationPort());
    }

    private static boolean address(Map<String, Object> v, String start, String end, String actual) {
        Object s = v.get(start);
        if (s == null) {
            return true;
        }
        long a = Integer.toUnsignedLong(Addresses.parseIpv4(actual));
        long lo = Integer.toUnsignedLong(Addresses.parseIpv4(s.toString()));
        Object e = v.get(end);
        long hi = e == null ? lo : Integer.toUnsignedLong(Addresses.parseIpv4(e.toString()));
        return a >= lo && a <= hi;
    }

    private static boolean number(Map<String, Object> v, String start, String end, long actual) {
        Object s = v.get(start);
        if (s == null) {
            return true;
        }
        long lo = ((Number) s).longValue();
        Object e = v.get(end);
        long hi = e == null ? lo : ((Number) e).longValue();
        return actual >= lo && actual <= hi;
    }
}

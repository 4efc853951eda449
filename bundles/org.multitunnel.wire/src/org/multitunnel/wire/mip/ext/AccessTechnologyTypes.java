package org.multitunnel.wire.mip.ext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names of the Access Technology Type registry of RFC 5213 §8.5 (values 0-12 as tshark 4.0 lists them for
 * {@code mip6.att}), used by RFC 7629's If-ATT and seed 001's If-Type. Extensible: later IANA values can be
 * registered without a code change elsewhere.
 */
public final class AccessTechnologyTypes {
    private static final Map<Integer, String> NAMES = new ConcurrentHashMap<>(Map.ofEntries(
            Map.entry(0, "Reserved"), Map.entry(1, "Virtual"), Map.entry(2, "PPP"), Map.entry(3, "IEEE 802.3"),
            Map.entry(4, "IEEE 802.11a/b/g"), Map.entry(5, "IEEE 802.16e"), Map.entry(6, "3GPP GERAN"),
            Map.entry(7, "3GPP UTRAN"), Map.entry(8, "3GPP E-UTRAN"), Map.entry(9, "3GPP2 eHRPD"),
            Map.entry(10, "3GPP2 HRPD"), Map.entry(11, "3GPP2 1xRTT"), Map.entry(12, "3GPP2 UMB")));

    private AccessTechnologyTypes() {
    }

    public static void register(int value, String name) {
        NAMES.put(value, name);
    }

    /** The name of {@code value}, or null when unregistered. */
    public static String name(int value) {
        return NAMES.get(value);
    }
}

package org.multitunnel.wire.mip;

import java.util.Map;
import java.util.TreeMap;

/**
 * Registration Reply codes as an extensible named-number registry (RFC 5944 §3.4 and the IANA "Code Values for
 * Mobile IP Registration Reply Messages"), not a closed enum: preferences may add or move the draft codes, whose
 * numbers were never assigned. Names are symbolic ({@code MULTIPATH_NOT_ALLOWED}); descriptions are for display.
 *
 * <p>Standard table: as carried by Wireshark's packet-mip.c (which tracks IANA) plus RFC 7629 §4.3's 152 and 153.
 * Draft defaults (preferences, chosen from values unused in those tables): seed 000 FA codes 120, 121 and HA codes
 * 184, 185; seed 001 FA code 122 and HA code 186.
 */
public final class ReplyCodes {
    /** RFC 7629 §4.3. */
    public static final int MULTIPATH_NOT_ALLOWED = 152;
    /** RFC 7629 §4.3. */
    public static final int INVALID_FB_IDENTIFIER = 153;
    /** Seed 000 §4.2 defaults. */
    public static final int DEFAULT_ERROR_FA_MULTI_IF_REG_UNAVAIL = 120;
    public static final int DEFAULT_ERROR_FA_MULTI_IF_UNEQUAL_LD_UNAVAIL = 121;
    public static final int DEFAULT_ERROR_HA_MULTI_IF_REG_UNAVAIL = 184;
    public static final int DEFAULT_ERROR_HA_MULTI_IF_UNEQUAL_LD_UNAVAIL = 185;
    /** Seed 001 §4.2 defaults. */
    public static final int DEFAULT_MULTIPLE_TUNNEL_REQUEST_DENIED_BY_FA = 122;
    public static final int DEFAULT_MULTIPLE_TUNNEL_REQUEST_DENIED_BY_HA = 186;

    private static final ReplyCodes STANDARD = new ReplyCodes().addStandard().addDraftDefaults();

    /** One registered code. {@code source} names the defining document. */
    public record Code(int value, String name, String description, String source) {
    }

    private final Map<Integer, Code> codes = new TreeMap<>();

    /** An empty registry. */
    public ReplyCodes() {
    }

    /**
     * The shared registry the dissector and checker name codes from (standard table plus draft defaults);
     * preferences that move a draft code re-register it here. Use {@link #defaults()} for a private copy.
     */
    public static ReplyCodes standard() {
        return STANDARD;
    }

    /** A new, independent registry with the standard table and the draft defaults, for preferences to change. */
    public static ReplyCodes defaults() {
        return new ReplyCodes().addStandard().addDraftDefaults();
    }

    public synchronized ReplyCodes register(int value, String name, String description, String source) {
        codes.put(value, new Code(value, name, description, source));
        return this;
    }

    public synchronized ReplyCodes unregister(int value) {
        codes.remove(value);
        return this;
    }

    public synchronized Code lookup(int value) {
        return codes.get(value);
    }

    public synchronized String name(int value) {
        Code c = codes.get(value);
        return c == null ? null : c.name();
    }

    public synchronized String description(int value) {
        Code c = codes.get(value);
        return c == null ? null : c.description();
    }

    /** The value registered under {@code name}, or -1. */
    public synchronized int valueOf(String name) {
        for (Code c : codes.values()) {
            if (c.name().equals(name)) {
                return c.value();
            }
        }
        return -1;
    }

    /** RFC 5944 §3.4: 0-63 success (0 and 1 defined), 64-127 denied by the FA, 128-255 denied by the HA. */
    public static String category(int code) {
        return code < 64 ? "accepted" : code < 128 ? "denied by foreign agent" : "denied by home agent";
    }

    private ReplyCodes addStandard() {
        String r = "RFC 5944";
        register(0, "REGISTRATION_ACCEPTED", "Registration accepted", r);
        register(1, "ACCEPTED_NO_SIMULTANEOUS_BINDINGS",
                "Registration accepted, but simultaneous mobility bindings unsupported", r);
        register(64, "FA_REASON_UNSPECIFIED", "Denied by FA: reason unspecified", r);
        register(65, "FA_ADMINISTRATIVELY_PROHIBITED", "Denied by FA: administratively prohibited", r);
        register(66, "FA_INSUFFICIENT_RESOURCES", "Denied by FA: insufficient resources", r);
        register(67, "FA_MN_FAILED_AUTHENTICATION", "Denied by FA: mobile node failed authentication", r);
        register(68, "FA_HA_FAILED_AUTHENTICATION", "Denied by FA: home agent failed authentication", r);
        register(69, "FA_LIFETIME_TOO_LONG", "Denied by FA: requested Lifetime too long", r);
        register(70, "FA_POORLY_FORMED_REQUEST", "Denied by FA: poorly formed Request", r);
        register(71, "FA_POORLY_FORMED_REPLY", "Denied by FA: poorly formed Reply", r);
        register(72, "FA_ENCAPSULATION_UNAVAILABLE", "Denied by FA: requested encapsulation unavailable", r);
        register(73, "FA_VJ_COMPRESSION_UNAVAILABLE", "Denied by FA: reserved and unavailable (VJ compression)", r);
        register(74, "FA_REVERSE_TUNNEL_UNAVAILABLE", "Denied by FA: requested reverse tunnel unavailable", "RFC 3024");
        register(75, "FA_REVERSE_TUNNEL_MANDATORY", "Denied by FA: reverse tunnel is mandatory and 'T' bit not set",
                "RFC 3024");
        register(76, "FA_MN_TOO_DISTANT", "Denied by FA: mobile node too distant", "RFC 3024");
        register(77, "FA_INVALID_COA", "Denied by FA: invalid care-of address", r);
        register(78, "FA_REGISTRATION_TIMEOUT", "Denied by FA: registration timeout", r);
        register(79, "FA_DELIVERY_STYLE_NOT_SUPPORTED", "Denied by FA: delivery style not supported", "RFC 3024");
        register(80, "FA_HOME_NETWORK_UNREACHABLE", "Denied by FA: home network unreachable (ICMP error received)", r);
        register(81, "FA_HA_HOST_UNREACHABLE", "Denied by FA: home agent host unreachable (ICMP error received)", r);
        register(82, "FA_HA_PORT_UNREACHABLE", "Denied by FA: home agent port unreachable (ICMP error received)", r);
        register(88, "FA_HA_UNREACHABLE", "Denied by FA: home agent unreachable (other ICMP error received)", r);
        register(89, "FA_VENDOR_SPECIFIC", "Denied by FA: vendor-specific reason", "RFC 3115");
        register(90, "FA_NONZERO_HA_REQUIRED", "Denied by FA: non-zero home agent address required", "RFC 4433");
        register(96, "FA_NONZERO_HOA_REQUIRED", "Denied by FA: non-zero home address required", "RFC 2794");
        register(97, "FA_MISSING_NAI", "Denied by FA: missing NAI", "RFC 2794");
        register(98, "FA_MISSING_HOME_AGENT", "Denied by FA: missing home agent", "RFC 2794");
        register(99, "FA_MISSING_HOME_ADDRESS", "Denied by FA: missing home address", "RFC 2794");
        register(100, "FA_UNABLE_TO_INTERPRET_CVSE_FROM_MN", "Denied by FA: unable to interpret CVSE sent by MN",
                "RFC 3115");
        register(101, "FA_UNABLE_TO_INTERPRET_CVSE_FROM_HA", "Denied by FA: unable to interpret CVSE sent by HA",
                "RFC 3115");
        register(104, "FA_UNKNOWN_CHALLENGE", "Denied by FA: unknown challenge", "RFC 3012");
        register(105, "FA_MISSING_CHALLENGE", "Denied by FA: missing challenge", "RFC 3012");
        register(106, "FA_STALE_CHALLENGE", "Denied by FA: stale challenge", "RFC 3012");
        register(107, "FA_MISSING_KEYGEN_NONCE_REPLY",
                "Denied by FA: missing MN-FA key generation nonce reply extension", "RFC 3957");
        register(108, "FA_MN_FAILED_AAA_AUTHENTICATION", "Denied by FA: mobile node failed AAA authentication",
                "RFC 3012");
        register(109, "FA_HA_WRONG_CHALLENGE", "Denied by FA: HA sent wrong challenge in reply", "RFC 3012");
        register(127, "FA_EXPERIMENTAL", "Denied by FA: error code for experimental use", "RFC 4064");
        register(128, "HA_REASON_UNSPECIFIED", "Denied by HA: reason unspecified", r);
        register(129, "HA_ADMINISTRATIVELY_PROHIBITED", "Denied by HA: administratively prohibited", r);
        register(130, "HA_INSUFFICIENT_RESOURCES", "Denied by HA: insufficient resources", r);
        register(131, "HA_MN_FAILED_AUTHENTICATION", "Denied by HA: mobile node failed authentication", r);
        register(132, "HA_FA_FAILED_AUTHENTICATION", "Denied by HA: foreign agent failed authentication", r);
        register(133, "HA_IDENTIFICATION_MISMATCH", "Denied by HA: registration Identification mismatch", r);
        register(134, "HA_POORLY_FORMED_REQUEST", "Denied by HA: poorly formed Request", r);
        register(135, "HA_TOO_MANY_SIMULTANEOUS_BINDINGS", "Denied by HA: too many simultaneous mobility bindings", r);
        register(136, "HA_UNKNOWN_HA_ADDRESS", "Denied by HA: unknown home agent address", r);
        register(137, "HA_REVERSE_TUNNEL_UNAVAILABLE", "Denied by HA: requested reverse tunnel unavailable",
                "RFC 3024");
        register(138, "HA_REVERSE_TUNNEL_MANDATORY", "Denied by HA: reverse tunnel is mandatory and 'T' bit not set",
                "RFC 3024");
        register(139, "HA_ENCAPSULATION_UNAVAILABLE", "Denied by HA: requested encapsulation unavailable", "RFC 3024");
        register(140, "HA_UNABLE_TO_INTERPRET_CVSE_FROM_MN", "Denied by HA: unable to interpret CVSE sent by MN",
                "RFC 3115");
        register(141, "HA_UNABLE_TO_INTERPRET_CVSE_FROM_FA", "Denied by HA: unable to interpret CVSE sent by FA",
                "RFC 3115");
        register(142, "HA_UDP_ENCAPSULATION_UNAVAILABLE", "Denied by HA: UDP encapsulation unavailable", "RFC 3519");
        register(143, "HA_REGISTER_WITH_REDIRECTED_HA", "Denied by HA: register with redirected HA", "RFC 4433");
        register(144, "HA_MN_FAILED_AAA_AUTHENTICATION", "Denied by HA: mobile node failed AAA authentication",
                "RFC 4721");
        register(149, "HA_PMIP_UNSUPPORTED", "Denied by HA: PMIP unsupported", "RFC 5563");
        register(150, "HA_PMIP_DISALLOWED", "Denied by HA: PMIP disallowed", "RFC 5563");
        register(MULTIPATH_NOT_ALLOWED, "MULTIPATH_NOT_ALLOWED", "Multipath support not allowed for this mobile node",
                "RFC 7629");
        register(INVALID_FB_IDENTIFIER, "INVALID_FB_IDENTIFIER", "Invalid Flow Binding Identifier", "RFC 7629");
        register(192, "HA_EXPERIMENTAL", "Denied by HA: error code for experimental use", "RFC 4064");
        return this;
    }

    private ReplyCodes addDraftDefaults() {
        String s0 = "seed 000 (Multi-Interface Routing draft), number is a preference";
        String s1 = "seed 001 (draft-gundavelli-mip4-multiple-tunnel-support-02), number is a preference";
        register(DEFAULT_ERROR_FA_MULTI_IF_REG_UNAVAIL, "ERROR_FA_MULTI_IF_REG_UNAVAIL",
                "Requested Multi-Interface Routing service unavailable at the foreign agent", s0);
        register(DEFAULT_ERROR_FA_MULTI_IF_UNEQUAL_LD_UNAVAIL, "ERROR_FA_MULTI_IF_UNEQUAL_LD_UNAVAIL",
                "Requested Multi-Interface unequal traffic load distribution unavailable at the foreign agent", s0);
        register(DEFAULT_ERROR_HA_MULTI_IF_REG_UNAVAIL, "ERROR_HA_MULTI_IF_REG_UNAVAIL",
                "Requested Multi-Interface Routing service unavailable at the home agent", s0);
        register(DEFAULT_ERROR_HA_MULTI_IF_UNEQUAL_LD_UNAVAIL, "ERROR_HA_MULTI_IF_UNEQUAL_LD_UNAVAIL",
                "Requested Multi-Interface unequal traffic load distribution unavailable at the home agent", s0);
        register(DEFAULT_MULTIPLE_TUNNEL_REQUEST_DENIED_BY_FA, "MULTIPLE_TUNNEL_REQUEST_DENIED_BY_FA",
                "Multiple tunnel support request rejected by FA", s1);
        register(DEFAULT_MULTIPLE_TUNNEL_REQUEST_DENIED_BY_HA, "MULTIPLE_TUNNEL_REQUEST_DENIED_BY_HA",
                "Multiple tunnel support request rejected by HA", s1);
        return this;
    }
}

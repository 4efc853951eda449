package org.multitunnel.wire.mip.finding;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every rule the message-level checker can emit. The ids are listed in docs/conformance.md with the normative
 * statement they come from; a test keeps the two in step. Ids name the document and section:
 * RFC5944-…, RFC7629-…, MTS02-… (seed 001), MIR-… (seed 000).
 */
public final class MipRules {
    private MipRules() {
    }

    // decoding (RFC 5944 §3.3, §3.4, §1.9-§1.11). The 1.11 in four ids predates checking the section numbers (the
    // skippable rule is §1.9, as RFC 5944 errata 4133/4134 confirm); the ids stay as they are because agents and scenarios use them.
    public static final Rule TRUNCATED = new Rule("RFC5944-3.3-TRUNCATED", MessageSeverity.ERROR,
            "The fixed part of a Mobile IP message is shorter than its format (RFC 5944 §3.3 Request 24 bytes, "
                    + "§3.4 Reply 20; RFC 3543 §6.1/§6.2 Revocation 20, Acknowledgement 12; RFC 3519 §3.3 tunnel "
                    + "data 4).");
    public static final Rule EXT_TRUNCATED = new Rule("RFC5944-1.11-EXT-TRUNCATED", MessageSeverity.ERROR,
            "An extension's Length runs past the end of the message.");
    public static final Rule EXT_LENGTH = new Rule("RFC5944-1.11-EXT-LENGTH", MessageSeverity.ERROR,
            "An extension's Length cannot hold the structure its type defines.");
    public static final Rule UNKNOWN_NON_SKIPPABLE = new Rule("RFC5944-1.11-UNKNOWN-NONSKIPPABLE", MessageSeverity.ERROR,
            "Extension types 0-127 are non-skippable: a receiver that does not recognise one MUST silently "
                    + "discard the message (§1.9).");
    public static final Rule UNKNOWN_SKIPPABLE = new Rule("RFC5944-1.11-UNKNOWN-SKIPPABLE", MessageSeverity.INFO,
            "Extension types 128-255 that a receiver does not recognise are skipped (§1.9).");
    public static final Rule RESERVED_R = new Rule("RFC5944-3.3-RESERVED-R", MessageSeverity.WARNING,
            "Registration Request bit r: sent as zero, ignored on reception (§3.3).");
    public static final Rule RESERVED_X = new Rule("RFC5944-3.3-RESERVED-X", MessageSeverity.WARNING,
            "Registration Request bit x: sent as zero, ignored on reception (§3.3).");
    public static final Rule AUTH_REQUIRED = new Rule("RFC5944-3.2-AUTH-REQUIRED", MessageSeverity.ERROR,
            "Registration Requests and Replies MUST contain an authorization-enabling extension such as the "
                    + "Mobile-Home Authentication Extension (§3.2; or RFC 3012 MN-AAA). FA-generated denials are exempt.");
    public static final Rule UNKNOWN_CODE = new Rule("RFC5944-3.4-UNKNOWN-CODE", MessageSeverity.INFO,
            "The reply Code is not in the code registry.");
    public static final Rule SPI_RESERVED = new Rule("RFC5944-3.5.1-SPI-RESERVED", MessageSeverity.WARNING,
            "SPI values 0 through 255 are reserved and not to be used in a mobility security association.");
    // RFC 7629 §4.1 Multipath Extension
    public static final Rule MP_B_AND_O = new Rule("RFC7629-4.1-B-AND-O", MessageSeverity.ERROR,
            "The B flag MUST NOT be set to 1 if the O flag is 1 (and vice versa).");
    public static final Rule MP_O_IN_DEREG = new Rule("RFC7629-4.1-O-IN-DEREG", MessageSeverity.ERROR,
            "The O flag MUST be set to 0 in de-registration requests.");
    public static final Rule MP_MULTIPLE = new Rule("RFC7629-4.1-MULTIPLE", MessageSeverity.ERROR,
            "There MUST NOT be more than one Multipath Extension in the message.");
    public static final Rule MP_IN_REPLY = new Rule("RFC7629-4.1-IN-REPLY", MessageSeverity.ERROR,
            "The Multipath Extension MUST NOT be added by the home agent to the Registration Reply.");
    public static final Rule MP_AFTER_AUTH = new Rule("RFC7629-4.1-AFTER-AUTH", MessageSeverity.ERROR,
            "The mobile node MUST place the Multipath Extension before the MN-HA Authentication Extension.");
    public static final Rule MP_LENGTH = new Rule("RFC7629-4.1-LENGTH", MessageSeverity.ERROR,
            "The Multipath Extension Length MUST be set to 4.");
    public static final Rule MP_BID_RESERVED = new Rule("RFC7629-4.1-BID-RESERVED", MessageSeverity.ERROR,
            "Permitted BID values are 1 through 254; 0 and 255 are reserved.");
    public static final Rule MP_IFLABEL_ZERO = new Rule("RFC7629-4.1-IFLABEL-ZERO", MessageSeverity.ERROR,
            "Permitted If-Label values are 1 through 255.");
    public static final Rule MP_RESERVED = new Rule("RFC7629-4.1-RESERVED", MessageSeverity.WARNING,
            "The 6 reserved bits MUST be initialized to 0 by the sender.");
    public static final Rule MP_UNKNOWN_SUBTYPE = new Rule("RFC7629-4.1-UNKNOWN-SUBTYPE", MessageSeverity.ERROR,
            "Type 154 carries Sub-Type 1 (Multipath) or 2 (Flow Binding); other sub-types are not defined.");
    // RFC 7629 §4.2 Flow Binding Extension
    public static final Rule FB_AFTER_AUTH = new Rule("RFC7629-4.2-AFTER-AUTH", MessageSeverity.ERROR,
            "The mobile node MUST place the Flow Binding Extension before the MN-HA Authentication Extension.");
    public static final Rule FB_BID_COUNT = new Rule("RFC7629-4.2-BID-COUNT", MessageSeverity.ERROR,
            "Permitted BID Count values are 1 through 8.");
    public static final Rule FB_BID_RESERVED = new Rule("RFC7629-4.2-BID-RESERVED", MessageSeverity.ERROR,
            "A Binding Identifier is 1 through 254 (RFC 7629 §4.1); 0 and 255 are reserved.");
    public static final Rule FB_TS_FORMAT_RESERVED = new Rule("RFC7629-4.2-TS-FORMAT-RESERVED", MessageSeverity.ERROR,
            "TS Format value 0 is reserved and MUST NOT be used.");
    public static final Rule FB_TS_FORMAT_UNKNOWN = new Rule("RFC7629-4.2-TS-FORMAT-UNKNOWN", MessageSeverity.WARNING,
            "TS Format is 1 (IPv4 binary) or 2 (IPv6 binary, RFC 6088).");
    public static final Rule FB_TS_EMBEDDED = new Rule("RFC7629-4.2-TS-EMBEDDED-HEADER", MessageSeverity.INFO,
            "The Traffic Selector begins with RFC 6088's own TS Format and Reserved octets (the documents leave "
                    + "open whether they appear).");
    public static final Rule FB_TS_FORMAT_MISMATCH = new Rule("RFC7629-4.2-TS-FORMAT-MISMATCH", MessageSeverity.ERROR,
            "The TS Format inside the selector disagrees with the extension's TS Format.");
    public static final Rule FB_TS_LENGTH = new Rule("RFC7629-4.2-TS-LENGTH", MessageSeverity.ERROR,
            "The traffic selector holds exactly the fields its flags announce: none missing, no bytes over.");
    public static final Rule FB_TS_AMBIGUOUS = new Rule("RFC7629-4.2-TS-AMBIGUOUS", MessageSeverity.INFO,
            "The selector's bytes read exactly both as a bare RFC 6088 selector and as one that repeats RFC 6088's "
                    + "TS Format and Reserved octets; the bare reading is shown.");
    public static final Rule FB_TS_RESERVED_FLAGS = new Rule("RFC6088-3.1-RESERVED-FLAGS", MessageSeverity.WARNING,
            "The reserved bits of the IPv4 binary traffic selector flags are set to 0 by the sender.");
    public static final Rule TS_END_WITHOUT_START_V4 = new Rule("RFC6088-3.1-END-WITHOUT-START", MessageSeverity.ERROR,
            "An End field (source/destination address, SPI, port, DS, protocol) MUST NOT be included unless its "
                    + "Start field is included.");
    public static final Rule TS_END_WITHOUT_START_V6 = new Rule("RFC6088-3.2-END-WITHOUT-START", MessageSeverity.ERROR,
            "An End field (address, SPI, flow label, port, traffic class, next header) MUST NOT be included "
                    + "unless its Start field is included.");
    public static final Rule TS_FLOW_LABEL_PREFIX = new Rule("RFC6088-3.2-FLOW-LABEL-PREFIX", MessageSeverity.WARNING,
            "The bits of a Start/End Flow Label field above the 20-bit IPv6 flow label (RFC 6437) are zero.");
    public static final Rule TS_FLOW_LABEL_WIDTH = new Rule("RFC6088-3.2-FLOW-LABEL-WIDTH", MessageSeverity.INFO,
            "The flow label fields were read as 32-bit fields: only that width accounts for the selector's "
                    + "bytes; this product writes them as 3 octets (24 bits).");
    // seed 000 Multi-Interface Routing
    public static final Rule MIR_IN_REPLY = new Rule("MIR-4.1-IN-REPLY", MessageSeverity.ERROR,
            "The Multi-Interface Routing extension MUST not be added to the Registration Reply.");
    public static final Rule MIR_AFTER_AUTH = new Rule("MIR-4.1-AFTER-AUTH", MessageSeverity.ERROR,
            "The mobile terminal MUST place the extension before the Mobile-Home Authentication Extension.");
    public static final Rule MIR_LENGTH = new Rule("MIR-4.1-LENGTH", MessageSeverity.ERROR, "Length: 6.");
    public static final Rule MIR_SUBTYPE = new Rule("MIR-4.1-SUBTYPE", MessageSeverity.ERROR, "Sub-Type: 0.");
    public static final Rule MIR_RESERVED = new Rule("MIR-4.1-RESERVED", MessageSeverity.WARNING,
            "Reserved-0 and Reserved-1 MUST be set to 0 on sending.");
    public static final Rule MIR_L_WITH_W = new Rule("MIR-4.1-L-WITH-W", MessageSeverity.WARNING,
            "The L flag is applicable only in Absolute Bandwidth mode, when W is not set.");
    public static final Rule MIR_UNAUTHENTICATED = new Rule("MIR-10-UNAUTHENTICATED", MessageSeverity.ERROR,
            "Messages that carry this extension MUST be authenticated.");
    // seed 001 Multiple Tunnel Request
    public static final Rule MTR_MULTIPLE = new Rule("MTS02-4.1-MULTIPLE", MessageSeverity.ERROR,
            "There MUST not be more than one instance of this extension present in the message.");
    public static final Rule MTR_IN_REPLY = new Rule("MTS02-4.1-IN-REPLY", MessageSeverity.ERROR,
            "This extension MUST NOT be added to the Registration Reply.");
    public static final Rule MTR_AFTER_AUTH = new Rule("MTS02-4.1-AFTER-AUTH", MessageSeverity.ERROR,
            "The mobile node MUST place this Extension before the Mobile-Home Authentication Extension.");
    public static final Rule MTR_LENGTH = new Rule("MTS02-4.1-LENGTH", MessageSeverity.WARNING,
            "Length MUST be set to 6 — but the drawn Interface Bandwidth field needs 8 (16-bit) or 10 (32-bit).");
    public static final Rule MTR_LENGTH_SPEC = new Rule("MTS02-4.1-LENGTH-SPEC-INCONSISTENT", MessageSeverity.INFO,
            "Length 6 as the text requires leaves no room for the Interface Bandwidth the figure draws.");
    public static final Rule MTR_SUBTYPE = new Rule("MTS02-4.1-SUBTYPE", MessageSeverity.ERROR,
            "Sub-Type MUST be set to a value of 0.");
    public static final Rule MTR_B_AND_O = new Rule("MTS02-4.1-B-AND-O", MessageSeverity.ERROR,
            "B MUST NOT be set to 1 if O is 1 (and vice versa).");
    public static final Rule MTR_O_IN_DEREG = new Rule("MTS02-4.1-O-IN-DEREG", MessageSeverity.ERROR,
            "O MUST be set to 0 in de-registration requests.");
    public static final Rule MTR_RESERVED = new Rule("MTS02-4.1-RESERVED", MessageSeverity.WARNING,
            "The 14-bit Reserved field MUST be initialized to 0 by the sender.");

    private static final List<Rule> ALL;

    /**
     * The rules whose findings can be malformations (bytes that do not fit the format); each such finding is also
     * marked {@code _ws.malformed} by the decode. MTS02-4.1-LENGTH is one only when bytes follow the Interface
     * Bandwidth: Lengths 8 and 10 carry the field the draft draws.
     */
    public static final List<Rule> MALFORMATIONS = List.of(TRUNCATED, EXT_TRUNCATED, EXT_LENGTH, MP_LENGTH,
            FB_TS_LENGTH, MIR_LENGTH, MTR_LENGTH);

    static {
        List<Rule> rules = new ArrayList<>();
        for (java.lang.reflect.Field f : MipRules.class.getDeclaredFields()) {
            if (f.getType() == Rule.class && Modifier.isStatic(f.getModifiers())) {
                try {
                    rules.add((Rule) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        ALL = Collections.unmodifiableList(rules);
    }

    public static List<Rule> all() {
        return ALL;
    }
}

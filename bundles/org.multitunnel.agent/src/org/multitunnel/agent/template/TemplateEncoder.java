package org.multitunnel.agent.template;

import java.util.ArrayList;
import java.util.List;

import org.multitunnel.agent.client.IdentificationSource;
import org.multitunnel.agent.client.RegistrationSpec;
import org.multitunnel.model.template.AuthKind;
import org.multitunnel.model.template.AuthSpec;
import org.multitunnel.model.template.ExtensionSpec;
import org.multitunnel.model.template.FlowBindingSpec;
import org.multitunnel.model.template.IdentificationMode;
import org.multitunnel.model.template.MultiInterfaceRoutingSpec;
import org.multitunnel.model.template.MultipathSpec;
import org.multitunnel.model.template.MultipleTunnelRequestSpec;
import org.multitunnel.model.template.NaiSpec;
import org.multitunnel.model.template.RawFormat;
import org.multitunnel.model.template.RawSpec;
import org.multitunnel.model.template.RegistrationTemplate;
import org.multitunnel.model.template.SelectorField;
import org.multitunnel.model.template.TemplatePackage;
import org.multitunnel.model.template.UdpTunnelRequestSpec;
import org.multitunnel.wire.Hex;
import org.multitunnel.wire.dissect.MipConfig;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.AuthAlgorithms;
import org.multitunnel.wire.mip.auth.AuthOptions;
import org.multitunnel.wire.mip.auth.KeyTable;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.ExtensionFormat;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;
import org.multitunnel.wire.mip.ext.MipExtension;
import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;
import org.multitunnel.wire.mip.ext.NaiExtension;
import org.multitunnel.wire.mip.ext.RawExtension;
import org.multitunnel.wire.mip.ext.TrafficSelector;
import org.multitunnel.wire.mip.ext.UdpTunnelRequestExtension;

/**
 * Turns a registration template (the EMF model the composer edits) into the exact bytes to send: the fixed part,
 * each extension in list order with its deliberate errors applied (wrong Length, BID Count, SPI, authenticator),
 * authenticators computed over everything before them with keys looked up by SPI. One conversion for the GUI and
 * {@code multitunnel send --template}, so both send the same message for the same file.
 */
public final class TemplateEncoder {
    /** What a template encodes to: the UDP payload, the request it decodes as, and notes for the user. */
    public record Encoded(byte[] bytes, RegistrationRequest request, List<String> notes) {
        public Encoded {
            bytes = bytes.clone();
            notes = List.copyOf(notes);
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    private TemplateEncoder() {
    }

    /** The Identification to send now: a fresh RFC 5944 §5.7.1 timestamp, or the template's fixed value. */
    public static long identification(RegistrationTemplate t) {
        return t.getIdentificationMode() == IdentificationMode.FIXED ? t.getFixedIdentification()
                : IdentificationSource.timestamps().next();
    }

    /**
     * Encodes {@code t} with {@code identification}. A missing key is an error unless {@code placeholderKeys}, which
     * (for previews only) computes that authenticator with an all-zero key and says so in the notes.
     */
    public static Encoded encode(RegistrationTemplate t, long identification, KeyTable keys, boolean placeholderKeys) {
        return encode(t, identification, keys, placeholderKeys, MipConfig.defaults());
    }

    /**
     * As {@link #encode(RegistrationTemplate, long, KeyTable, boolean)}, numbering the draft extensions whose
     * template leaves the type at the model default with {@code draftTypes} (the user's Decode As preferences).
     */
    public static Encoded encode(RegistrationTemplate t, long identification, KeyTable keys, boolean placeholderKeys,
            MipConfig draftTypes) {
        List<String> notes = new ArrayList<>();
        RegistrationRequest.Builder b = RegistrationRequest.builder().flags(t.getFlags())
                .lifetime(range("lifetime", t.getLifetime(), 0xffff)).homeAddress(ipv4("home address", t.getHomeAddress()))
                .homeAgent(ipv4("home agent", t.getHomeAgent())).careOfAddress(ipv4("care-of address", t.getCareOfAddress()))
                .identification(identification);
        int i = 0;
        for (ExtensionSpec s : t.getExtensions()) {
            i++;
            try {
                if (s instanceof AuthSpec a) {
                    b.authenticate(a.getKind().getValue(), association(a, keys, placeholderKeys, notes), options(a));
                } else {
                    b.extension(extension(s, draftTypes));
                    draftTypeNote(s, draftTypes, notes);
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new IllegalArgumentException("extension " + i + " (" + title(s) + "): " + e.getMessage(), e);
            }
        }
        byte[] trailing = trailing(t);
        if (trailing.length > 0) {
            b.extension(RawExtension.ofWire(trailing, ExtensionFormat.SHORT, false, null));
            notes.add(trailing.length + " trailing byte(s) after the last extension");
        }
        RegistrationRequest r;
        byte[] bytes;
        try {
            r = b.build();
            bytes = r.encode();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new Encoded(bytes, r, notes);
    }

    /**
     * The template as the registration client's spec (it adds the Identification per transmission): extensions
     * before the MN-HA authenticator, the authenticator, the ones after it. The client authenticates with MN-HA
     * only, so a template with MN-FA/FA-HA or a second MN-HA extension is refused with a message saying so.
     */
    public static RegistrationSpec spec(RegistrationTemplate t, KeyTable keys) {
        RegistrationSpec.Builder b = RegistrationSpec.builder().flags(t.getFlags())
                .lifetime(range("lifetime", t.getLifetime(), 0xffff)).homeAddress(ipv4("home address", t.getHomeAddress()))
                .homeAgent(ipv4("home agent", t.getHomeAgent())).careOfAddress(ipv4("care-of address", t.getCareOfAddress()));
        boolean afterAuth = false;
        int i = 0;
        for (ExtensionSpec s : t.getExtensions()) {
            i++;
            try {
                if (s instanceof AuthSpec a) {
                    if (a.getKind() != AuthKind.MN_HA || afterAuth) {
                        throw new IllegalArgumentException("the registration client sends one MN-HA authenticator"
                                + " only; send this template from the Testbed composer");
                    }
                    b.key(association(a, keys, false, new ArrayList<>())).authOptions(options(a));
                    afterAuth = true;
                } else if (afterAuth) {
                    b.extensionAfterAuth(extension(s));
                } else {
                    b.extension(extension(s));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("extension " + i + " (" + title(s) + "): " + e.getMessage(), e);
            }
        }
        byte[] trailing = trailing(t);
        if (trailing.length > 0) {
            MipExtension raw = RawExtension.ofWire(trailing, ExtensionFormat.SHORT, false, null);
            if (afterAuth) {
                b.extensionAfterAuth(raw);
            } else {
                b.extension(raw);
            }
        }
        return b.build();
    }

    /** The wire form of a non-authentication extension spec, deliberate Length included. */
    public static MipExtension extension(ExtensionSpec s) {
        return extension(s, MipConfig.defaults());
    }

    /**
     * The wire form of {@code s}; a draft extension (Multi-Interface Routing, Multiple Tunnel Request) whose
     * template keeps the model's default type is numbered as {@code draftTypes} says, one with an explicit other
     * type keeps it (a deliberate number for a negative test).
     */
    public static MipExtension extension(ExtensionSpec s, MipConfig draftTypes) {
        MipExtension e = switch (s) {
            case MultipathSpec m -> MultipathExtension.builder().ifAtt(range("If-ATT", m.getIfAtt(), 255))
                    .ifLabel(range("If-Label", m.getIfLabel(), 255)).bid(range("BID", m.getBid(), 255))
                    .flags((m.isBulkReregistration() ? MultipathExtension.B_FLAG : 0)
                            | (m.isOverwrite() ? MultipathExtension.O_FLAG : 0) | (range("reserved", m.getReserved(), 0x3f)))
                    .build();
            case FlowBindingSpec f -> flowBinding(f);
            case MultipleTunnelRequestSpec m -> {
                MultipleTunnelRequestExtension.Builder x = MultipleTunnelRequestExtension.builder()
                        .bid(range("BID", m.getBid(), 255)).ifType(range("If-Type", m.getIfType(), 255))
                        .bulkReregistration(m.isBulkReregistration()).overwrite(m.isOverwrite());
                x = switch (m.getBandwidthSize()) {
                    case 0 -> x.noBandwidth();
                    case 2 -> x.bandwidth16((int) rangeL("bandwidth", m.getBandwidth(), 0xffff));
                    case 4 -> x.bandwidth32(rangeL("bandwidth", m.getBandwidth(), 0xffffffffL));
                    default -> throw new IllegalArgumentException("bandwidth size must be 0, 2 or 4");
                };
                yield x.build(range("type", draftType(m, draftTypes), 255));
            }
            case MultiInterfaceRoutingSpec m -> MultiInterfaceRoutingExtension.builder()
                    .ifId(range("If-ID", m.getIfId(), 255)).ifType(range("If-Type", m.getIfType(), 255))
                    .linkWeight(range("link weight", m.getLinkWeight(), 255)).flowContinuity(m.isFlowContinuity())
                    .weightedMode(m.isWeightedMode()).rateLimit(m.isRateLimit())
                    .build(range("type", draftType(m, draftTypes), 255));
            case NaiSpec n -> NaiExtension.of(n.getNai() == null ? "" : n.getNai());
            case UdpTunnelRequestSpec u -> UdpTunnelRequestExtension.of(range("encapsulation", u.getEncapsulation(), 255),
                    u.isForce(), u.isFaRequired());
            case RawSpec r -> RawExtension.of(range("type", r.getType(), 255), format(r.getFormat()),
                    range("sub-type", r.getSubtype(), 255), hex("data", r.getDataHex()));
            default -> throw new IllegalArgumentException("not a plain extension: " + s.eClass().getName());
        };
        return s.getLengthOverride() >= 0 ? RawExtension.withLength(e, s.getLengthOverride()) : e;
    }

    /** The type a draft extension spec is sent with; -1 for other specs. */
    public static int draftType(ExtensionSpec s, MipConfig draftTypes) {
        return switch (s) {
            case MultiInterfaceRoutingSpec m -> m.eIsSet(TemplatePackage.Literals.MULTI_INTERFACE_ROUTING_SPEC__TYPE)
                    ? m.getType() : draftTypes.mirType();
            case MultipleTunnelRequestSpec m -> m.eIsSet(TemplatePackage.Literals.MULTIPLE_TUNNEL_REQUEST_SPEC__TYPE)
                    ? m.getType() : draftTypes.mtrType();
            default -> -1;
        };
    }

    /** Says so when a draft extension goes out with another number than its form shows (the preference's). */
    private static void draftTypeNote(ExtensionSpec s, MipConfig draftTypes, List<String> notes) {
        String name;
        int shown;
        if (s instanceof MultiInterfaceRoutingSpec mir) {
            name = "Multi-Interface Routing";
            shown = mir.getType();
        } else if (s instanceof MultipleTunnelRequestSpec mtr) {
            name = "Multiple Tunnel Request";
            shown = mtr.getType();
        } else {
            return;
        }
        int type = draftType(s, draftTypes);
        String note = name + " sent as type " + type + " (the draft's number in Window > Preferences)";
        if (type != shown && !notes.contains(note)) {
            notes.add(note);
        }
    }

    private static FlowBindingExtension flowBinding(FlowBindingSpec f) {
        FlowBindingExtension.Builder b = FlowBindingExtension.builder().action(range("action", f.getAction(), 255));
        for (int bid : f.getBids()) {
            b.bid(range("BID", bid, 255));
        }
        int format = range("TS format", f.getTsFormat(), 255);
        int layout = format == TrafficSelector.FORMAT_IPV6 ? TrafficSelector.FORMAT_IPV6 : TrafficSelector.FORMAT_IPV4;
        if (format != layout && f.getSelectorFields().isEmpty()) {
            b.selector(TrafficSelector.opaque(format, new byte[0]));
        } else {
            TrafficSelector.Builder ts = TrafficSelector.builder(layout).embeddedHeader(f.isEmbeddedTsHeader());
            for (SelectorField sf : f.getSelectorFields()) {
                String name = sf.getName() == null ? "" : sf.getName().trim();
                String field = name.startsWith("mip.") ? name : "mip.ext.fb.ts." + name;
                String v = sf.getValue() == null ? "" : sf.getValue().trim();
                if (v.contains(".") || v.contains(":")) {
                    ts.address(field, v);
                } else {
                    ts.value(field, number(name, v));
                }
            }
            b.selector(ts.build());
        }
        b.tsFormat(format); // after the selector: a deliberately different TS Format stays
        if (f.getBidCountOverride() >= 0) {
            b.bidCount(range("BID Count", f.getBidCountOverride(), 255));
        }
        return b.build();
    }

    private static SecurityAssociation association(AuthSpec a, KeyTable keys, boolean placeholder, List<String> notes) {
        String peer = a.getPeer() == null || a.getPeer().isBlank() ? null : a.getPeer().trim();
        SecurityAssociation sa = keys == null ? null : keys.lookup(a.getSpi(), peer);
        if (sa == null) {
            String what = "no key for SPI " + a.getSpi() + (peer == null ? "" : " (peer " + peer + ")")
                    + " in the key table";
            if (!placeholder) {
                throw new IllegalArgumentException(what);
            }
            notes.add(what + ": the authenticator shown is computed with a zero key (add the key in Window >"
                    + " Preferences)");
            sa = new SecurityAssociation(a.getSpi(), peer, AuthAlgorithms.HMAC_MD5, new byte[16]);
        }
        return sa;
    }

    private static AuthOptions options(AuthSpec a) {
        AuthOptions o = AuthOptions.defaults();
        if (a.getSpiOnWire() >= 0) {
            o = o.withSpiOnWire(rangeL("SPI on wire", a.getSpiOnWire(), 0xffffffffL));
        }
        if (a.isWrongAuthenticator()) {
            o = o.withCorruptAuthenticator();
        }
        if (a.getLengthOverride() >= 0) {
            o = o.withDeclaredLength(range("Length", a.getLengthOverride(), 255));
        }
        return o;
    }

    /** Human name of an extension spec, as the composer's list shows it. */
    public static String title(ExtensionSpec s) {
        return switch (s) {
            case MultipathSpec m -> "Multipath BID " + m.getBid();
            case FlowBindingSpec f -> "Flow Binding " + f.getBids();
            case MultipleTunnelRequestSpec m -> "Multiple Tunnel Request BID " + m.getBid();
            case MultiInterfaceRoutingSpec m -> "Multi-Interface Routing If-ID " + m.getIfId();
            case NaiSpec n -> "NAI " + n.getNai();
            case AuthSpec a -> switch (a.getKind()) {
                case MN_HA -> "MN-HA Authentication";
                case MN_FA -> "MN-FA Authentication";
                case FA_HA -> "FA-HA Authentication";
            } + " SPI " + a.getSpi();
            case UdpTunnelRequestSpec u -> "UDP Tunnel Request encapsulation " + u.getEncapsulation();
            case RawSpec r -> "Raw type " + r.getType();
            default -> s.eClass().getName();
        };
    }

    private static ExtensionFormat format(RawFormat f) {
        return switch (f) {
            case SHORT -> ExtensionFormat.SHORT;
            case SHORT_WITH_SUBTYPE -> ExtensionFormat.SHORT_WITH_SUBTYPE;
            case LONG -> ExtensionFormat.LONG;
        };
    }

    private static byte[] trailing(RegistrationTemplate t) {
        String h = t.getTrailingHex();
        return h == null || h.isBlank() ? new byte[0] : hex("trailing bytes", h);
    }

    private static byte[] hex(String what, String h) {
        try {
            return h == null ? new byte[0] : Hex.decode(h);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }

    private static String ipv4(String what, String a) {
        String v = a == null ? "" : a.trim();
        String[] parts = v.split("\\.", -1);
        boolean ok = parts.length == 4;
        for (int i = 0; ok && i < 4; i++) {
            ok = parts[i].matches("\\d{1,3}") && Integer.parseInt(parts[i]) <= 255;
        }
        if (!ok) {
            throw new IllegalArgumentException(what + " is not an IPv4 address: '" + v + "'");
        }
        return v;
    }

    private static long number(String what, String v) {
        try {
            return v.startsWith("0x") || v.startsWith("0X") ? Long.parseUnsignedLong(v.substring(2), 16)
                    : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number or address: '" + v + "'");
        }
    }

    private static int range(String what, int v, int max) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(what + " must be 0.." + max + ": " + v);
        }
        return v;
    }

    private static long rangeL(String what, long v, long max) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(what + " must be 0.." + max + ": " + v);
        }
        return v;
    }
}

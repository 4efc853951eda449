package org.multitunnel.agent.client;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.multitunnel.wire.Hex;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ext.ExtensionFormat;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;
import org.multitunnel.wire.mip.ext.MipExtension;
import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;
import org.multitunnel.wire.mip.ext.MultipathExtension;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;
import org.multitunnel.wire.mip.ext.RawExtension;
import org.multitunnel.wire.mip.ext.TrafficSelector;

/**
 * A registration request described in a Java properties file, for {@code multitunnel send --template} and the GUI
 * composer. Every key is optional; numbers are decimal or 0x-hex, flags true/false. Extensions are placed before
 * the MN-HA authenticator in this order: Multipath, flow bindings 1..8, Multiple Tunnel Request, Multi-Interface
 * Routing, raw extensions 1..8.
 * <pre>
 * flags = D,T                 # RFC 5944 §3.3 names S B D M G r T x, or a number
 * lifetime = 300
 * home-address = 10.1.0.5
 * home-agent = 192.0.2.1
 * care-of = 198.51.100.7
 * identification = ntp        # or a fixed 64-bit value, e.g. 0x0123456789abcdef
 * mp.bid = 1                  # RFC 7629 §4.1 Multipath Extension (present when any mp.* key is)
 * mp.if-att = 4
 * mp.if-label = 1
 * mp.b = false
 * mp.o = false
 * fb.1.action = 1             # RFC 7629 §4.2 Flow Binding Extension N (1..8)
 * fb.1.bids = 1,2
 * fb.1.ts.dport_start = 5060  # any RFC 6088 field, named as mip.ext.fb.ts.NAME; addresses in dotted form
 * fb.1.ts.dport_end = 5060
 * mtr.bid = 1                 # seed 001 Multiple Tunnel Request: mtr.if-type, mtr.b, mtr.o, mtr.bandwidth
 * mir.if-id = 1               # seed 000 Multi-Interface Routing: mir.if-type, mir.weight, mir.f, mir.w, mir.l
 * ext.1 = 200:00000000        # raw short-format extension TYPE:HEXDATA
 * </pre>
 */
public final class PropertiesTemplate {
    private static final String FLAG_NAMES = "SBDMGRTX";
    private final Properties p;

    private PropertiesTemplate(Properties p) {
        this.p = p;
    }

    public static PropertiesTemplate load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return of(p);
    }

    public static PropertiesTemplate of(Properties p) {
        PropertiesTemplate t = new PropertiesTemplate(p);
        t.builder(); // validate every value now, so errors name the key at load time
        t.multipath();
        t.identification();
        return t;
    }

    public String get(String key) {
        String v = p.getProperty(key);
        return v == null ? null : v.trim();
    }

    /** The fixed part and every extension except the Multipath Extension (see {@link #multipath()}). */
    public RegistrationSpec.Builder builder() {
        RegistrationSpec.Builder b = RegistrationSpec.builder();
        if (get("flags") != null) {
            b.flags(flags(get("flags")));
        }
        if (get("lifetime") != null) {
            b.lifetime(num("lifetime"));
        }
        if (get("home-address") != null) {
            b.homeAddress(get("home-address"));
        }
        if (get("home-agent") != null) {
            b.homeAgent(get("home-agent"));
        }
        if (get("care-of") != null) {
            b.careOfAddress(get("care-of"));
        }
        extensions().forEach(b::extension);
        return b;
    }

    /** The Multipath Extension builder when any {@code mp.*} key is present, else null. */
    public MultipathExtension.Builder multipath() {
        if (p.stringPropertyNames().stream().noneMatch(k -> k.startsWith("mp."))) {
            return null;
        }
        MultipathExtension.Builder m = MultipathExtension.builder();
        if (get("mp.bid") != null) {
            m.bid(num("mp.bid"));
        }
        if (get("mp.if-att") != null) {
            m.ifAtt(num("mp.if-att"));
        }
        if (get("mp.if-label") != null) {
            m.ifLabel(num("mp.if-label"));
        }
        return m.bulkReregistration(bool("mp.b")).overwrite(bool("mp.o"));
    }

    /** The fixed Identification, or null for NTP timestamps (the default). */
    public Long identification() {
        String v = get("identification");
        if (v == null || v.equalsIgnoreCase("ntp")) {
            return null;
        }
        return parseLong("identification", v);
    }

    private List<MipExtension> extensions() {
        List<MipExtension> out = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            String pre = "fb." + i + ".";
            if (get(pre + "bids") == null) {
                continue;
            }
            FlowBindingExtension.Builder fb = FlowBindingExtension.builder().action(num(pre + "action", 1));
            for (String bid : get(pre + "bids").split(",")) {
                fb.bid((int) parseLong(pre + "bids", bid.trim()));
            }
            TrafficSelector.Builder ts = TrafficSelector.builder(num(pre + "ts.format", TrafficSelector.FORMAT_IPV4));
            for (String k : p.stringPropertyNames()) {
                if (k.startsWith(pre + "ts.") && !k.equals(pre + "ts.format")) {
                    String field = "mip.ext.fb.ts." + k.substring((pre + "ts.").length());
                    String v = get(k);
                    if (v.contains(".") || v.contains(":")) {
                        ts.address(field, v);
                    } else {
                        ts.value(field, parseLong(k, v));
                    }
                }
            }
            out.add(fb.selector(ts.build()).build());
        }
        if (p.stringPropertyNames().stream().anyMatch(k -> k.startsWith("mtr."))) {
            MultipleTunnelRequestExtension.Builder m = MultipleTunnelRequestExtension.builder().bid(num("mtr.bid", 1))
                    .ifType(num("mtr.if-type", 0)).bulkReregistration(bool("mtr.b")).overwrite(bool("mtr.o"));
            out.add((get("mtr.bandwidth") != null ? m.bandwidth16(num("mtr.bandwidth")) : m.noBandwidth()).build());
        }
        if (p.stringPropertyNames().stream().anyMatch(k -> k.startsWith("mir."))) {
            out.add(MultiInterfaceRoutingExtension.builder().ifId(num("mir.if-id", 1)).ifType(num("mir.if-type", 0))
                    .linkWeight(num("mir.weight", 1)).flowContinuity(bool("mir.f"))
                    .weightedMode(get("mir.w") == null || bool("mir.w")).rateLimit(bool("mir.l")).build());
        }
        for (int i = 1; i <= 8; i++) {
            String v = get("ext." + i);
            if (v != null) {
                int colon = v.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("ext." + i + " must be TYPE:HEXDATA");
                }
                out.add(RawExtension.of((int) parseLong("ext." + i, v.substring(0, colon)), ExtensionFormat.SHORT, 0,
                        Hex.decode(v.substring(colon + 1))));
            }
        }
        return out;
    }

    static int flags(String v) {
        if (v.isEmpty()) {
            return 0;
        }
        if (Character.isDigit(v.charAt(0))) {
            return (int) parseLong("flags", v) & 0xff;
        }
        int f = 0;
        for (String name : v.split(",")) {
            int i = FLAG_NAMES.indexOf(name.trim().toUpperCase(Locale.ROOT));
            if (name.trim().length() != 1 || i < 0) {
                throw new IllegalArgumentException("flags: unknown flag '" + name.trim() + "' (S B D M G r T x)");
            }
            f |= RegistrationRequest.S >>> i;
        }
        return f;
    }

    private int num(String key) {
        return (int) parseLong(key, get(key));
    }

    private int num(String key, int dflt) {
        return get(key) == null ? dflt : num(key);
    }

    private boolean bool(String key) {
        String v = get(key);
        if (v == null || v.equals("false") || v.equals("0")) {
            return false;
        }
        if (v.equals("true") || v.equals("1")) {
            return true;
        }
        throw new IllegalArgumentException(key + " must be true or false: " + v);
    }

    static long parseLong(String key, String v) {
        try {
            return v.startsWith("0x") || v.startsWith("0X") ? Long.parseUnsignedLong(v.substring(2), 16)
                    : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: " + v);
        }
    }
}

package org.multitunnel.ui.testbed.composer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.multitunnel.model.template.AuthSpec;
import org.multitunnel.model.template.ExtensionSpec;
import org.multitunnel.model.template.FlowBindingSpec;
import org.multitunnel.model.template.MultiInterfaceRoutingSpec;
import org.multitunnel.model.template.MultipathSpec;
import org.multitunnel.model.template.MultipleTunnelRequestSpec;
import org.multitunnel.model.template.NaiSpec;
import org.multitunnel.model.template.RawSpec;
import org.multitunnel.model.template.UdpTunnelRequestSpec;
import org.multitunnel.ui.prefs.KeyEntry;

/**
 * The form of one extension, built from its EClass: a text per number or string, a check box per flag, a combo
 * per enum, in model order; the deliberate-error switches (wrong Length, BID Count, SPI, authenticator, reserved
 * bits) in a group of their own so they are never set by accident. Flow bindings get the traffic-selector
 * editor, authentication extensions the key chooser.
 */
final class ExtensionForm {
    static final Set<String> ERROR_SWITCHES = Set.of("lengthOverride", "bidCountOverride", "spiOnWire",
            "wrongAuthenticator", "reserved");
    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("ifAtt", "If-ATT"),
            Map.entry("ifLabel", "If-Label"), Map.entry("bid", "BID"),
            Map.entry("bulkReregistration", "B: bulk re-registration"), Map.entry("overwrite", "O: overwrite"),
            Map.entry("reserved", "Reserved bits"), Map.entry("action", "Action"), Map.entry("bids", "BIDs"),
            Map.entry("bidCountOverride", "BID Count (-1: count)"), Map.entry("tsFormat", "TS format"),
            Map.entry("embeddedTsHeader", "RFC 6088 header inside the selector"), Map.entry("type", "Type"),
            Map.entry("ifType", "If-Type"), Map.entry("bandwidthSize", "Bandwidth bytes (0/2/4)"),
            Map.entry("bandwidth", "Bandwidth (kB/s)"), Map.entry("ifId", "If-ID"),
            Map.entry("linkWeight", "Link weight"), Map.entry("flowContinuity", "F: flow continuity"),
            Map.entry("weightedMode", "W: weighted mode"), Map.entry("rateLimit", "L: rate limit"),
            Map.entry("nai", "NAI"), Map.entry("kind", "Kind"), Map.entry("spi", "SPI"), Map.entry("peer", "Peer"),
            Map.entry("spiOnWire", "SPI on wire (-1: SPI)"), Map.entry("wrongAuthenticator", "Wrong authenticator"),
            Map.entry("encapsulation", "Encapsulation"), Map.entry("force", "F: force UDP tunnelling"),
            Map.entry("faRequired", "R: FA registration required"), Map.entry("format", "Framing"),
            Map.entry("subtype", "Sub-type"), Map.entry("dataHex", "Data (hex)"),
            Map.entry("lengthOverride", "Length (-1: computed)"));

    private ExtensionForm() {
    }

    static String heading(ExtensionSpec s) {
        return switch (s) {
            case MultipathSpec m -> "Multipath Extension (RFC 7629 §4.1, type 154/1)";
            case FlowBindingSpec f -> "Flow Binding Extension (RFC 7629 §4.2, type 154/2)";
            case MultipleTunnelRequestSpec m -> "Multiple Tunnel Request (draft, seed 001)";
            case MultiInterfaceRoutingSpec m -> "Multi-Interface Routing (draft, seed 000)";
            case NaiSpec n -> "Mobile Node NAI (RFC 2794, type 131)";
            case AuthSpec a -> "Authentication (RFC 5944 §3.5)";
            case UdpTunnelRequestSpec u -> "UDP Tunnel Request (RFC 3519 §3.1, type 144)";
            case RawSpec r -> "Raw extension (negative tests)";
            default -> s.eClass().getName();
        };
    }

    /** Builds the form of {@code spec} into {@code parent} (whose children the caller disposed). */
    static void create(Composite parent, Bind bind, TemplateEditor editor, ExtensionSpec spec,
            Supplier<List<KeyEntry>> keys) {
        Supplier<ExtensionSpec> owner = () -> spec;
        Group g = new Group(parent, SWT.NONE);
        g.setText(heading(spec));
        g.setLayout(new GridLayout(2, false));
        g.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        if (spec instanceof AuthSpec a) {
            KeyChooser.create(g, bind, editor, a, keys);
        }
        for (EAttribute at : spec.eClass().getEAllAttributes()) {
            if (ERROR_SWITCHES.contains(at.getName())
                    || spec instanceof AuthSpec && (at.getName().equals("spi") || at.getName().equals("peer"))) {
                continue;
            }
            field(g, bind, owner, at);
        }
        if (spec instanceof FlowBindingSpec f) {
            SelectorRows.create(g, bind, editor, f);
        }
        Group err = new Group(parent, SWT.NONE);
        err.setText("Deliberate errors");
        err.setLayout(new GridLayout(2, false));
        err.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        for (EAttribute at : spec.eClass().getEAllAttributes()) {
            if (ERROR_SWITCHES.contains(at.getName())) {
                field(err, bind, owner, at);
            }
        }
    }

    private static void field(Composite g, Bind bind, Supplier<ExtensionSpec> owner, EAttribute at) {
        String label = LABELS.getOrDefault(at.getName(), at.getName());
        Class<?> c = at.getEAttributeType().getInstanceClass();
        if (c == boolean.class) {
            bind.check(g, label, owner, at).setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 2, 1));
        } else if (at.getEAttributeType() instanceof EEnum) {
            bind.choice(g, label, owner, at, enumNames(at.getName()));
        } else {
            bind.text(g, label, owner, at);
        }
    }

    private static String[] enumNames(String attribute) {
        return switch (attribute) {
            case "kind" -> new String[] { "MN-HA (32)", "MN-FA (33)", "FA-HA (34)" };
            case "format" -> new String[] { "short", "short with sub-type", "long" };
            default -> new String[0];
        };
    }

    static Label spacer(Composite g) {
        return new Label(g, SWT.NONE);
    }
}

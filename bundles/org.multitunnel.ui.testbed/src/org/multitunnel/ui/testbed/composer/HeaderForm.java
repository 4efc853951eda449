package org.multitunnel.ui.testbed.composer;

import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.multitunnel.model.template.IdentificationMode;
import org.multitunnel.model.template.RegistrationTemplate;
import org.multitunnel.model.template.TemplatePackage.Literals;

/**
 * The fixed part of the Registration Request (RFC 5944 §3.3) and where it goes: target, flags as check boxes,
 * lifetime, the three addresses and the Identification (a fresh NTP timestamp per send, or a fixed value).
 */
final class HeaderForm {
    private static final String[][] FLAGS = { { "S", "Simultaneous bindings" }, { "B", "Broadcast datagrams" },
            { "D", "Decapsulation by the mobile node (co-located care-of address)" },
            { "M", "Minimal encapsulation" }, { "G", "GRE encapsulation" },
            { "r", "Reserved: sent as zero (set only on purpose)" }, { "T", "Reverse tunneling requested" },
            { "x", "Reserved: sent as zero (set only on purpose)" } };

    private HeaderForm() {
    }

    static Group create(Composite parent, Bind bind, Supplier<RegistrationTemplate> t) {
        Group g = new Group(parent, SWT.NONE);
        g.setText("Registration Request");
        g.setLayout(new GridLayout(2, false));

        bind.text(g, "Target", t, Literals.REGISTRATION_TEMPLATE__TARGET_HOST);
        bind.text(g, "UDP port", t, Literals.REGISTRATION_TEMPLATE__TARGET_PORT);
        Label fl = Bind.label(g, "Flags", Literals.REGISTRATION_TEMPLATE__FLAGS);
        fl.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        Composite flags = new Composite(g, SWT.NONE);
        GridLayout rl = new GridLayout(4, true); // S B D M / G r T x: narrow enough for a side column
        rl.marginWidth = rl.marginHeight = 0;
        rl.verticalSpacing = 0;
        flags.setLayout(rl);
        flags.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        for (int i = 0; i < FLAGS.length; i++) {
            bind.bit(flags, FLAGS[i][0], FLAGS[i][1], t, Literals.REGISTRATION_TEMPLATE__FLAGS, 0x80 >>> i);
        }
        bind.text(g, "Lifetime (s)", t, Literals.REGISTRATION_TEMPLATE__LIFETIME);
        bind.text(g, "Home address", t, Literals.REGISTRATION_TEMPLATE__HOME_ADDRESS);
        bind.text(g, "Home agent", t, Literals.REGISTRATION_TEMPLATE__HOME_AGENT);
        bind.text(g, "Care-of address", t, Literals.REGISTRATION_TEMPLATE__CARE_OF_ADDRESS);
        bind.choice(g, "Identification", t, Literals.REGISTRATION_TEMPLATE__IDENTIFICATION_MODE,
                "NTP, fresh per send", "Fixed");
        Text fixed = bind.text(g, "Fixed value", t, Literals.REGISTRATION_TEMPLATE__FIXED_IDENTIFICATION);
        bind.onRefresh(() -> {
            if (!fixed.isDisposed()) {
                fixed.setEnabled(t.get().getIdentificationMode() == IdentificationMode.FIXED);
            }
        });
        bind.text(g, "Name", t, Literals.REGISTRATION_TEMPLATE__NAME);
        return g;
    }
}

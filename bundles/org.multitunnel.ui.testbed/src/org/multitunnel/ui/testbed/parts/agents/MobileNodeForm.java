package org.multitunnel.ui.testbed.parts.agents;

import static org.multitunnel.ui.testbed.parts.agents.FormWidgets.check;
import static org.multitunnel.ui.testbed.parts.agents.FormWidgets.label;
import static org.multitunnel.ui.testbed.parts.agents.FormWidgets.spinner;
import static org.multitunnel.ui.testbed.parts.agents.FormWidgets.text;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.multitunnel.ui.testbed.agents.MnSettings;

/**
 * The mobile node form: home address, the care-of addresses of its simulated interfaces (loopback aliases),
 * multipath on or off, the lifetime asked for, and whether to register through the foreign agent. It uses the
 * built-in key.
 */
public final class MobileNodeForm {
    private final Composite body;
    private final Text homeAddress;
    private final Text careOf;
    private final Button multipath;
    private final Spinner lifetime;
    private final Button viaFa;

    public MobileNodeForm(Composite parent) {
        MnSettings d = MnSettings.defaults();
        body = new Composite(parent, SWT.NONE);
        body.setLayout(new GridLayout(4, false));
        label(body, "Home address");
        homeAddress = text(body, d.homeAddress(), 3);
        label(body, "Care-of addresses");
        careOf = text(body, String.join(", ", d.careOfAddresses()), 3);
        careOf.setMessage("one per interface, loopback aliases such as 127.0.0.11");
        label(body, "Lifetime (s)");
        lifetime = spinner(body, 1, 65535, d.lifetime());
        multipath = check(body, "Multipath (RFC 7629)", d.multipath(), 2);
        viaFa = check(body, "Register through the foreign agent", d.viaForeignAgent(), 4);
    }

    public Composite control() {
        return body;
    }

    public MnSettings settings() {
        return new MnSettings(homeAddress.getText().trim(), FormWidgets.addressList(careOf.getText()),
                multipath.getSelection(), lifetime.getSelection(), viaFa.getSelection());
    }
}

package org.multitunnel.ui.testbed.parts.agents;

import static org.multitunnel.ui.testbed.parts.agents.FormWidgets.check;
import static org.multitunnel.ui.testbed.parts.agents.FormWidgets.label;
import static org.multitunnel.ui.testbed.parts.agents.FormWidgets.spinner;
import static org.multitunnel.ui.testbed.parts.agents.FormWidgets.text;

import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.multitunnel.ui.testbed.agents.HaSettings;

/**
 * The home agent's policy form: listen address and port, home addresses refused multipath (RFC 7629 §5.2, code
 * 152), the binding and lifetime ceilings, the draft policies (seed 001 EnableMultipleTunnelSupport, seed 000
 * multi-interface routing and unequal load, RFC 5944 simultaneous bindings) and recording to pcapng.
 */
public final class HomeAgentForm {
    private final Composite body;
    private final Text host;
    private final Spinner port;
    private final Text deny;
    private final Spinner maxBindings;
    private final Spinner maxLifetime;
    private final Button simultaneous;
    private final Button multipleTunnel;
    private final Button multiInterface;
    private final Button unequalLoad;
    private final Button record;
    private final Text recordFile;

    public HomeAgentForm(Composite parent, HaSettings d) {
        body = new Composite(parent, org.eclipse.swt.SWT.NONE);
        body.setLayout(new GridLayout(4, false));
        label(body, "Listen address");
        host = text(body, d.host(), 1);
        label(body, "port");
        port = spinner(body, 0, 65535, d.port());
        label(body, "Deny multipath to");
        deny = text(body, String.join(", ", d.denyMultipath()), 3);
        deny.setMessage("home addresses, e.g. 10.1.0.9, 10.1.0.10 (answered 152)");
        label(body, "Max bindings per MN");
        maxBindings = spinner(body, 1, 254, d.maxBindings());
        label(body, "Max lifetime (s)");
        maxLifetime = spinner(body, 1, 65535, d.maxLifetime());
        multipleTunnel = check(body, "Multiple tunnels (seed 001)", d.multipleTunnelSupport(), 2);
        multiInterface = check(body, "Multi-interface routing (seed 000)", d.multiInterfaceRoutingSupport(), 2);
        unequalLoad = check(body, "Unequal load (seed 000)", d.unequalLoadSupport(), 2);
        simultaneous = check(body, "Simultaneous bindings (S)", d.simultaneousBindings(), 2);
        record = check(body, "Record to pcapng", d.recordTo() != null, 1);
        recordFile = FormWidgets.recordRow(body, record, "ha");
        if (d.recordTo() != null) {
            recordFile.setText(d.recordTo().toString());
        }
    }

    public Composite control() {
        return body;
    }

    /** The settings as entered; a recording file name is filled in when recording is on and none was given. */
    public HaSettings settings() {
        return new HaSettings(host.getText().trim(), port.getSelection(), FormWidgets.addresses(deny.getText()),
                maxBindings.getSelection(), maxLifetime.getSelection(), simultaneous.getSelection(),
                multipleTunnel.getSelection(), multiInterface.getSelection(), unequalLoad.getSelection(),
                FormWidgets.recording(record, recordFile, "ha"));
    }

    /** Shows what a running agent was started with (e.g. after the automatic start). */
    public void show(HaSettings s) {
        host.setText(s.host());
        port.setSelection(s.port());
        deny.setText(String.join(", ", s.denyMultipath()));
        maxBindings.setSelection(s.maxBindings());
        maxLifetime.setSelection(s.maxLifetime());
        simultaneous.setSelection(s.simultaneousBindings());
        multipleTunnel.setSelection(s.multipleTunnelSupport());
        multiInterface.setSelection(s.multiInterfaceRoutingSupport());
        unequalLoad.setSelection(s.unequalLoadSupport());
        record.setSelection(s.recordTo() != null);
        recordFile.setText(s.recordTo() == null ? "" : s.recordTo().toString());
    }

    public void setPort(int p) {
        port.setSelection(p);
    }

    public void setDenyMultipath(String text) {
        deny.setText(text);
    }

    public void setRecording(java.nio.file.Path file) {
        record.setSelection(file != null);
        recordFile.setText(file == null ? "" : file.toString());
    }
}

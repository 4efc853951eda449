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
import org.multitunnel.ui.testbed.agents.FaSettings;

/** The foreign agent form: listen address and port, the draft services it offers, recording; it relays to the HA. */
public final class ForeignAgentForm {
    private final Composite body;
    private final Text host;
    private final Spinner port;
    private final Button multipleTunnel;
    private final Button multiInterface;
    private final Button record;
    private final Text recordFile;

    public ForeignAgentForm(Composite parent) {
        FaSettings d = FaSettings.defaults();
        body = new Composite(parent, SWT.NONE);
        body.setLayout(new GridLayout(4, false));
        label(body, "Listen address");
        host = text(body, d.host(), 1);
        label(body, "port");
        port = spinner(body, 0, 65535, d.port());
        multipleTunnel = check(body, "Multiple tunnel support (seed 001)", d.multipleTunnelSupport(), 2);
        multiInterface = check(body, "Multi-interface routing (seed 000)", d.multiInterfaceRoutingSupport(), 2);
        record = check(body, "Record to pcapng", false, 1);
        recordFile = FormWidgets.recordRow(body, record, "fa");
        label(body, "Relays to the running built-in home agent.").setLayoutData(
                new org.eclipse.swt.layout.GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
    }

    public Composite control() {
        return body;
    }

    public FaSettings settings() {
        return new FaSettings(host.getText().trim(), port.getSelection(), multipleTunnel.getSelection(),
                multiInterface.getSelection(), FormWidgets.recording(record, recordFile, "fa"));
    }
}

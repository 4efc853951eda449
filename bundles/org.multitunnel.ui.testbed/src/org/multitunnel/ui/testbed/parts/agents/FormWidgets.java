package org.multitunnel.ui.testbed.parts.agents;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

/** The few widget and parsing helpers the agent forms share (labels, spinners, address lists, recording files). */
final class FormWidgets {
    private FormWidgets() {
    }

    static Label label(Composite parent, String text) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(text);
        return l;
    }

    static Text text(Composite parent, String value, int span) {
        Text t = new Text(parent, SWT.BORDER);
        t.setText(value);
        GridData d = new GridData(SWT.FILL, SWT.CENTER, true, false, span, 1);
        d.widthHint = 90; // grows with the part, never widens it
        t.setLayoutData(d);
        return t;
    }

    static Spinner spinner(Composite parent, int min, int max, int value) {
        Spinner s = new Spinner(parent, SWT.BORDER);
        s.setValues(value, min, max, 0, 1, 10);
        return s;
    }

    static Button check(Composite parent, String text, boolean on, int span) {
        Button b = new Button(parent, SWT.CHECK);
        b.setText(text);
        b.setSelection(on);
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, span, 1));
        return b;
    }

    static Button push(Composite parent, String text, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    /** "10.1.0.9, 10.1.0.10" → the addresses, blanks dropped. */
    static Set<String> addresses(String text) {
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(text.split("[,;\\s]+")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    static List<String> addressList(String text) {
        return List.copyOf(addresses(text));
    }

    /** A fresh recording file name in the user's home directory, e.g. ~/multitunnel/ha-20261123-154501.pcapng. */
    static Path defaultRecording(String agent) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of(System.getProperty("user.home"), "multitunnel", agent + "-" + stamp + ".pcapng");
    }

    /** The recording path of a "record" row: null when unchecked, the typed path or a default name otherwise. */
    static Path recording(Button record, Text file, String agent) {
        if (!record.getSelection()) {
            return null;
        }
        String f = file.getText().trim();
        Path p = f.isEmpty() ? defaultRecording(agent) : Path.of(f);
        file.setText(p.toString());
        return p;
    }

    /** A "record to pcapng" row: check box, file field, Browse. */
    static Text recordRow(Composite parent, Button record, String agent) {
        Text file = new Text(parent, SWT.BORDER);
        file.setMessage("file (default ~/multitunnel/" + agent + "-TIME.pcapng)");
        GridData d = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
        d.widthHint = 90;
        file.setLayoutData(d);
        push(parent, "Browse...", () -> {
            FileDialog dialog = new FileDialog(parent.getShell(), SWT.SAVE);
            dialog.setFilterExtensions(new String[] {"*.pcapng"});
            dialog.setOverwrite(true);
            String chosen = dialog.open();
            if (chosen != null) {
                file.setText(chosen);
                record.setSelection(true);
            }
        });
        return file;
    }
}

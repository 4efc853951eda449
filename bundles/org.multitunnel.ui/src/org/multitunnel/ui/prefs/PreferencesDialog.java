package org.multitunnel.ui.prefs;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.preference.PreferenceManager;
import org.eclipse.jface.preference.PreferenceNode;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.multitunnel.ui.chart.TunnelSeriesDataset.Unit;
import org.multitunnel.ui.prefs.UiPreferences.TimeDisplay;

/**
 * Window > Preferences: a JFace preference dialog with two pages editing an in-memory {@link UiPreferences} and
 * key list. Nothing is stored here: when {@link #open()} returns OK the caller stores {@link #preferences()} and
 * {@link #keys()}. Keys are never shown after entry (the table masks them).
 */
public final class PreferencesDialog extends PreferenceDialog {
    public static final String MASK = "\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022";

    private final UiPreferences prefs;
    private final List<KeyEntry> keys;
    private final GeneralPage general;
    private final KeysPage keysPage;

    public PreferencesDialog(Shell parent, UiPreferences prefs, List<KeyEntry> keys) {
        this(parent, prefs, keys, new PreferenceManager());
    }

    private PreferencesDialog(Shell parent, UiPreferences prefs, List<KeyEntry> keys, PreferenceManager manager) {
        super(parent, manager);
        this.prefs = prefs;
        this.keys = new ArrayList<>(keys);
        this.general = new GeneralPage();
        this.keysPage = new KeysPage();
        manager.addToRoot(new PreferenceNode("general", general));
        manager.addToRoot(new PreferenceNode("keys", keysPage));
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Preferences");
    }

    /** Presses OK as the user would (tests). */
    void pressOk() {
        okPressed();
    }

    public UiPreferences preferences() {
        return prefs;
    }

    /** The key table as edited (valid after OK). */
    public List<KeyEntry> keys() {
        return List.copyOf(keys);
    }

    public GeneralPage generalPage() {
        return general;
    }

    public KeysPage keysPage() {
        return keysPage;
    }

    private static Text field(Composite parent, String label, String value) {
        new Label(parent, SWT.NONE).setText(label);
        Text t = new Text(parent, SWT.BORDER);
        t.setText(value);
        t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return t;
    }

    private static int number(Text t, String what) {
        try {
            return Integer.parseInt(t.getText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + t.getText() + "' is not a number");
        }
    }

    /** MIP port(s), draft numbers, chart and time display. */
    public final class GeneralPage extends PreferencePage {
        private Text ports;
        private Text extMir;
        private Text extMtr;
        private Text faRegUnavail;
        private Text faUnequalLd;
        private Text haRegUnavail;
        private Text haUnequalLd;
        private Text mtrDeniedFa;
        private Text mtrDeniedHa;
        private Text interval;
        private Combo unit;
        private Combo time;
        private Text gzipRatio;
        private Text maxSpill;

        GeneralPage() {
            super("Analysis");
            setDescription("Protocol numbers used to decode captures, chart and time display, limits for gzip"
                    + " captures.");
            noDefaultAndApplyButton();
        }

        @Override
        protected Control createContents(Composite parent) {
            Composite c = new Composite(parent, SWT.NONE);
            c.setLayout(new GridLayout(1, false));
            Group mip = group(c, "Mobile IP");
            ports = field(mip, "MIP UDP port(s):", UiPreferences.formatPorts(prefs.mipPorts()));
            extMir = field(mip, "Multi-Interface Routing extension type:",
                    Integer.toString(prefs.extMultiInterfaceRouting()));
            extMtr = field(mip, "Multiple Tunnel Request extension type:",
                    Integer.toString(prefs.extMultipleTunnelRequest()));
            Group codes = group(c, "Draft reply codes");
            faRegUnavail = field(codes, "FA: multi-interface registration unavailable:",
                    Integer.toString(prefs.codeFaMultiIfRegUnavail()));
            faUnequalLd = field(codes, "FA: unequal load distribution unavailable:",
                    Integer.toString(prefs.codeFaMultiIfUnequalLdUnavail()));
            haRegUnavail = field(codes, "HA: multi-interface registration unavailable:",
                    Integer.toString(prefs.codeHaMultiIfRegUnavail()));
            haUnequalLd = field(codes, "HA: unequal load distribution unavailable:",
                    Integer.toString(prefs.codeHaMultiIfUnequalLdUnavail()));
            mtrDeniedFa = field(codes, "Multiple tunnel request denied by FA:",
                    Integer.toString(prefs.codeMtrDeniedByFa()));
            mtrDeniedHa = field(codes, "Multiple tunnel request denied by HA:",
                    Integer.toString(prefs.codeMtrDeniedByHa()));
            Group view = group(c, "Display");
            interval = field(view, "Chart interval (s):", Double.toString(prefs.chartIntervalSeconds()));
            new Label(view, SWT.NONE).setText("Chart units:");
            unit = new Combo(view, SWT.READ_ONLY);
            for (Unit u : Unit.values()) {
                unit.add(u.label());
            }
            unit.select(prefs.chartUnit().ordinal());
            new Label(view, SWT.NONE).setText("Time display:");
            time = new Combo(view, SWT.READ_ONLY);
            for (TimeDisplay t : TimeDisplay.values()) {
                time.add(t.name().toLowerCase(java.util.Locale.ROOT));
            }
            time.select(prefs.timeDisplay().ordinal());
            Group files = group(c, "Capture files");
            gzipRatio = field(files, "Largest gzip compression ratio (0 = no limit):",
                    Integer.toString(prefs.gzipMaxRatio()));
            maxSpill = field(files, "Largest decompressed capture in MiB (0 = free space):",
                    Long.toString(prefs.maxSpillMiB()));
            for (Text t : texts()) {
                t.addListener(SWT.Modify, e -> validate());
            }
            return c;
        }

        private Group group(Composite parent, String text) {
            Group g = new Group(parent, SWT.NONE);
            g.setText(text);
            g.setLayout(new GridLayout(2, false));
            g.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
            return g;
        }

        private Text[] texts() {
            return new Text[] { ports, extMir, extMtr, faRegUnavail, faUnequalLd, haRegUnavail, haUnequalLd,
                    mtrDeniedFa, mtrDeniedHa, interval, gzipRatio, maxSpill };
        }

        /** Applies the fields to a copy; returns the problem or null. */
        private String validate() {
            try {
                apply(new UiPreferences());
                setErrorMessage(null);
                setValid(true);
                return null;
            } catch (IllegalArgumentException e) {
                setErrorMessage(e.getMessage());
                setValid(false);
                return e.getMessage();
            }
        }

        private void apply(UiPreferences p) {
            p.setMipPorts(UiPreferences.parsePorts(ports.getText()));
            p.setExtMultiInterfaceRouting(number(extMir, "Multi-Interface Routing type"));
            p.setExtMultipleTunnelRequest(number(extMtr, "Multiple Tunnel Request type"));
            p.setCodeFaMultiIfRegUnavail(number(faRegUnavail, "reply code"));
            p.setCodeFaMultiIfUnequalLdUnavail(number(faUnequalLd, "reply code"));
            p.setCodeHaMultiIfRegUnavail(number(haRegUnavail, "reply code"));
            p.setCodeHaMultiIfUnequalLdUnavail(number(haUnequalLd, "reply code"));
            p.setCodeMtrDeniedByFa(number(mtrDeniedFa, "reply code"));
            p.setCodeMtrDeniedByHa(number(mtrDeniedHa, "reply code"));
            double s;
            try {
                s = Double.parseDouble(interval.getText().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("chart interval: '" + interval.getText() + "' is not a number");
            }
            p.setChartIntervalSeconds(s);
            p.setChartUnit(Unit.values()[Math.max(0, unit.getSelectionIndex())]);
            p.setTimeDisplay(TimeDisplay.values()[Math.max(0, time.getSelectionIndex())]);
            p.setGzipMaxRatio(number(gzipRatio, "gzip compression ratio"));
            p.setMaxSpillMiB(number(maxSpill, "decompressed capture limit"));
        }

        @Override
        public boolean performOk() {
            if (ports == null) {
                return true; // never shown: nothing edited
            }
            if (validate() != null) {
                return false;
            }
            apply(prefs);
            return true;
        }

        /** Sets a field by its label prefix (tests drive the dialog like a user). */
        public void set(String field, String value) {
            Text t = switch (field) {
                case "ports" -> ports;
                case "extMir" -> extMir;
                case "extMtr" -> extMtr;
                case "faRegUnavail" -> faRegUnavail;
                case "interval" -> interval;
                case "gzipRatio" -> gzipRatio;
                case "maxSpill" -> maxSpill;
                default -> throw new IllegalArgumentException(field);
            };
            t.setText(value);
        }

        public void selectUnit(Unit u) {
            unit.select(u.ordinal());
        }

        public void selectTime(TimeDisplay t) {
            time.select(t.ordinal());
        }
    }

    /** The key table: SPI, peer, algorithm and a masked key column; add and remove. */
    public final class KeysPage extends PreferencePage {
        private Table table;

        KeysPage() {
            super("Keys");
            setDescription("Mobility security associations used to verify authenticators. "
                    + "Kept in Eclipse secure storage; keys are not shown after entry.");
            noDefaultAndApplyButton();
        }

        @Override
        protected Control createContents(Composite parent) {
            Composite c = new Composite(parent, SWT.NONE);
            c.setLayout(new GridLayout(2, false));
            table = new Table(c, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
            table.setHeaderVisible(true);
            table.setLinesVisible(true);
            GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true, 1, 2);
            gd.heightHint = 200;
            table.setLayoutData(gd);
            for (String[] col : new String[][] { { "SPI", "90" }, { "Peer", "130" }, { "Algorithm", "90" },
                    { "Key", "90" } }) {
                TableColumn tc = new TableColumn(table, SWT.LEFT);
                tc.setText(col[0]);
                tc.setWidth(Integer.parseInt(col[1]));
            }
            Button add = new Button(c, SWT.PUSH);
            add.setText("Add...");
            add.setLayoutData(new GridData(SWT.FILL, SWT.TOP, false, false));
            add.addListener(SWT.Selection, e -> {
                AddKeyDialog d = new AddKeyDialog(getShell());
                if (d.open() == OK && d.entry != null) {
                    addEntry(d.entry);
                }
            });
            Button remove = new Button(c, SWT.PUSH);
            remove.setText("Remove");
            remove.setLayoutData(new GridData(SWT.FILL, SWT.TOP, false, false));
            remove.addListener(SWT.Selection, e -> removeSelected());
            refresh();
            return c;
        }

        /** Adds (or replaces the entry with the same SPI and peer). */
        public void addEntry(KeyEntry e) {
            keys.removeIf(k -> k.spi() == e.spi() && k.peerLabel().equals(e.peerLabel()));
            keys.add(e);
            refresh();
        }

        public void removeSelected() {
            int[] sel = table.getSelectionIndices();
            java.util.Arrays.sort(sel);
            for (int i = sel.length - 1; i >= 0; i--) {
                keys.remove(sel[i]);
            }
            refresh();
        }

        public Table table() {
            return table;
        }

        private void refresh() {
            if (table == null || table.isDisposed()) {
                return;
            }
            table.removeAll();
            for (KeyEntry k : keys) {
                TableItem item = new TableItem(table, SWT.NONE);
                item.setText(new String[] { Long.toString(k.spi()), k.peerLabel(), k.algorithm(), MASK });
            }
        }
    }

    /** Asks for one association; the key field is a password field. */
    private static final class AddKeyDialog extends Dialog {
        private Text spi;
        private Text peer;
        private Combo algorithm;
        private Text key;
        private Label problem;
        KeyEntry entry;

        AddKeyDialog(Shell parent) {
            super(parent);
        }

        @Override
        protected void configureShell(Shell shell) {
            super.configureShell(shell);
            shell.setText("Add Security Association");
        }

        @Override
        protected Control createDialogArea(Composite parent) {
            Composite c = (Composite) super.createDialogArea(parent);
            c.setLayout(new GridLayout(2, false));
            spi = field(c, "SPI:", "");
            peer = field(c, "Peer (address or 'any'):", KeyEntry.ANY_PEER);
            new Label(c, SWT.NONE).setText("Algorithm:");
            algorithm = new Combo(c, SWT.READ_ONLY);
            algorithm.setItems("hmac-md5", "keyed-md5");
            algorithm.select(0);
            new Label(c, SWT.NONE).setText("Key (hex):");
            key = new Text(c, SWT.BORDER | SWT.PASSWORD);
            key.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            problem = new Label(c, SWT.WRAP);
            problem.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
            return c;
        }

        @Override
        protected void okPressed() {
            try {
                long s = Long.decode(spi.getText().trim());
                entry = new KeyEntry(s, peer.getText(), algorithm.getText(), key.getText());
            } catch (IllegalArgumentException e) {
                problem.setText(e.getMessage() == null ? "invalid SPI" : e.getMessage());
                getShell().layout(true, true);
                return;
            }
            super.okPressed();
        }

        @Override
        protected void createButtonsForButtonBar(Composite parent) {
            createButton(parent, IDialogConstants.OK_ID, "Add", true);
            createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        }
    }
}

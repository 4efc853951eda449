package org.multitunnel.ui.testbed.composer;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.jface.resource.JFaceResources;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.MipConfig;
import org.multitunnel.wire.mip.MipCodec;
import org.multitunnel.wire.mip.MipDissector;
import org.multitunnel.wire.mip.MipMessage;
import org.multitunnel.wire.mip.ReplyCodes;
import org.multitunnel.wire.mip.finding.MessageFinding;
import org.multitunnel.wire.mip.finding.MipChecker;

/**
 * What the composer would send, shown the way a receiver sees it: the bytes in hex, their decoding as a field
 * tree (selecting a field highlights its bytes, clicking a byte selects its field) and the message-level
 * findings they trigger. The bytes are
 * decoded from the encoding, not taken from the template, so a deliberate error shows as the peer will see it;
 * the draft extensions are decoded with the type numbers set in the preferences ({@link #configure}).
 */
public final class PreviewView {
    static final int PER_LINE = 16;
    private static final int LINE = 6 + PER_LINE * 3; // "0000  ", 16 "xx" with 15 spaces, the gap after 8
    private final Label status;
    private final Tree tree;
    private final StyledText hex;
    private final Table findings;
    private MipConfig config = MipConfig.defaults();
    private MipCodec codec = config.codec();
    private MipChecker checker = new MipChecker(config.extensions(), ReplyCodes.standard());
    private byte[] bytes = new byte[0];

    PreviewView(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayout gl = new GridLayout(1, false);
        gl.marginWidth = gl.marginHeight = 0;
        c.setLayout(gl);
        status = new Label(c, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        SashForm sash = new SashForm(c, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        tree = new Tree(sash, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL);
        tree.setToolTipText("The message decoded as a receiver decodes it");
        SashForm right = new SashForm(sash, SWT.VERTICAL);
        hex = new StyledText(right, SWT.BORDER | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL);
        Font mono = JFaceResources.getTextFont();
        hex.setFont(mono);
        findings = new Table(right, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION);
        findings.setHeaderVisible(true);
        for (String[] col : new String[][] { { "Severity", "70" }, { "Rule", "200" }, { "Message", "400" } }) {
            TableColumn tc = new TableColumn(findings, SWT.NONE);
            tc.setText(col[0]);
            tc.setWidth(Integer.parseInt(col[1]));
        }
        right.setWeights(55, 45);
        sash.setWeights(50, 50);
        tree.addListener(SWT.Selection, e -> {
            if (e.item instanceof TreeItem ti && ti.getData() instanceof Field f) {
                highlight(f.offset(), f.length());
            }
        });
        hex.addListener(SWT.MouseUp, e -> {
            int i = byteAt(hex.getCaretOffset());
            if (i >= 0) {
                selectByte(i);
            }
        });
        findings.addListener(SWT.Selection, e -> {
            if (e.item instanceof TableItem ti && ti.getData() instanceof MessageFinding f) {
                highlight(f.offset(), 1);
            }
        });
    }

    public Tree tree() {
        return tree;
    }

    public StyledText hex() {
        return hex;
    }

    public Table findings() {
        return findings;
    }

    public Label status() {
        return status;
    }

    /**
     * Decodes and checks with the draft extension numbers of {@code c} (the user's preferences), as Analysis does;
     * the caller shows the message again.
     */
    public void configure(MipConfig c) {
        config = c;
        codec = c.codec();
        checker = new MipChecker(c.extensions(), ReplyCodes.standard());
    }

    public MipConfig config() {
        return config;
    }

    /** The bytes shown (the last message that could be built). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Shows {@code b} (with the user notes) or, when {@code error} is set, why nothing can be built. */
    public void show(byte[] b, List<String> notes, String error) {
        Display d = tree.getDisplay();
        if (error != null) {
            status.setText("Cannot build the message: " + error);
            status.setForeground(d.getSystemColor(SWT.COLOR_RED));
            status.getParent().layout(true);
            return; // the last good preview stays visible for orientation
        }
        status.setText(b.length + " bytes" + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)));
        status.setForeground(d.getSystemColor(notes.isEmpty() ? SWT.COLOR_WIDGET_FOREGROUND : SWT.COLOR_DARK_YELLOW));
        status.getParent().layout(true);
        bytes = b.clone();
        hex.setText(hexText(bytes));
        tree.setRedraw(false);
        try {
            tree.removeAll();
            try {
                MipMessage m = codec.decode(bytes);
                addFields(null, MipDissector.tree(m, 0).children());
            } catch (RuntimeException e) {
                new TreeItem(tree, SWT.NONE).setText("Undecodable: " + e.getMessage());
            }
        } finally {
            tree.setRedraw(true);
        }
        findings.removeAll();
        List<MessageFinding> list = checker.check(bytes);
        for (MessageFinding f : list) {
            TableItem ti = new TableItem(findings, SWT.NONE);
            ti.setText(new String[] { f.severity().toString().toLowerCase(java.util.Locale.ROOT), f.rule(),
                    f.message() });
            ti.setData(f);
        }
        if (list.isEmpty()) {
            new TableItem(findings, SWT.NONE).setText(new String[] { "", "(no findings)", "" });
        }
    }

    private void addFields(TreeItem parent, List<Field> fields) {
        for (Field f : fields) {
            TreeItem ti = parent == null ? new TreeItem(tree, SWT.NONE) : new TreeItem(parent, SWT.NONE);
            ti.setText(f.display());
            ti.setData(f);
            addFields(ti, f.children());
            ti.setExpanded(!f.name().endsWith("flags")); // flag bits stay folded: the node shows the octet
        }
    }

    static String hexText(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            if (i % PER_LINE == 0) {
                if (i > 0) {
                    sb.append('\n');
                }
                sb.append(String.format("%04x  ", i));
            } else if (i % PER_LINE == 8) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", b[i] & 0xff));
            if (i % PER_LINE != PER_LINE - 1 && i != b.length - 1) {
                sb.append(' ');
            }
        }
        return sb.toString();
    }

    /** Character offset of byte {@code i} in {@link #hexText}. */
    static int charOf(int i) {
        int col = i % PER_LINE;
        return (i / PER_LINE) * (LINE + 1) + 6 + col * 3 + (col >= 8 ? 1 : 0);
    }

    /** The byte whose hex digits are at character {@code offset} of the hex text, or -1. */
    static int byteAt(int offset) {
        int line = offset / (LINE + 1);
        int col = offset % (LINE + 1) - 6;
        if (col < 0) {
            return -1;
        }
        int k = col >= 8 * 3 ? (col - 1) / 3 : col / 3;
        return k < PER_LINE ? line * PER_LINE + k : -1;
    }

    /** Selects the innermost field covering byte {@code i} in the tree (and highlights its bytes). */
    public void selectByte(int i) {
        if (i < 0 || i >= bytes.length) {
            return;
        }
        TreeItem best = innermost(tree.getItems(), i, null);
        if (best != null) {
            tree.setSelection(best);
            Field f = (Field) best.getData();
            highlight(f.offset(), f.length());
        }
    }

    private static TreeItem innermost(TreeItem[] items, int i, TreeItem found) {
        for (TreeItem ti : items) {
            if (ti.getData() instanceof Field f && f.length() > 0 && i >= f.offset() && i < f.offset() + f.length()) {
                // a flags octet is the answer, not the first of its bits
                return f.name().endsWith("flags") ? ti : innermost(ti.getItems(), i, ti);
            }
        }
        return found;
    }

    private void highlight(int offset, int length) {
        StyleRange[] ranges = new StyleRange[0];
        if (length > 0 && offset >= 0 && offset < bytes.length) {
            int end = Math.min(bytes.length, offset + length);
            List<StyleRange> rs = new java.util.ArrayList<>();
            for (int i = offset; i < end; i++) {
                StyleRange r = new StyleRange(charOf(i), 2, null, hex.getDisplay().getSystemColor(SWT.COLOR_LIST_SELECTION));
                r.foreground = hex.getDisplay().getSystemColor(SWT.COLOR_LIST_SELECTION_TEXT);
                rs.add(r);
            }
            ranges = rs.toArray(StyleRange[]::new);
            hex.setTopIndex(Math.max(0, offset / PER_LINE - 1));
        }
        hex.setStyleRanges(ranges);
    }

    Control control() {
        return status.getParent();
    }
}

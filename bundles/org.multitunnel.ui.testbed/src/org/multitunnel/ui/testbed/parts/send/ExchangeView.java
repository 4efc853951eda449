package org.multitunnel.ui.testbed.parts.send;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.multitunnel.agent.client.ClientResult;
import org.multitunnel.agent.client.ExchangeDecoder;
import org.multitunnel.agent.client.ExchangedPacket;
import org.multitunnel.ui.details.FieldTreeContent;
import org.multitunnel.ui.testbed.send.SentExchange;
import org.multitunnel.wire.Field;

/**
 * The request and its reply side by side, each as the field tree the wire dissector gives (the same tree the
 * Analysis perspective's Details view shows), with the Mobile IP layer expanded.
 */
public final class ExchangeView {
    private final TreeViewer request;
    private final TreeViewer reply;
    private final Label requestTitle;
    private final Label replyTitle;
    private List<Field> requestLayers = List.of();
    private List<Field> replyLayers = List.of();

    public ExchangeView(Composite parent) {
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Composite left = column(sash);
        requestTitle = title(left, "Request");
        request = tree(left);
        Composite right = column(sash);
        replyTitle = title(right, "Reply");
        reply = tree(right);
    }

    /** Shows {@code x}: the last request sent and the matched reply (or the last datagram received). */
    public void show(SentExchange x) {
        ClientResult r = x.result();
        ExchangeDecoder decoder = new ExchangeDecoder(x.settings().target().getPort());
        ExchangedPacket lastSent = null;
        ExchangedPacket lastReceived = null;
        for (ExchangedPacket p : r.packets()) {
            if (p.sent()) {
                lastSent = p;
            } else {
                lastReceived = p;
            }
        }
        ExchangedPacket matched = r.replyPacket() != null ? r.replyPacket() : lastReceived;
        requestLayers = layers(decoder, lastSent);
        replyLayers = layers(decoder, matched);
        requestTitle.setText("Request #" + x.number() + (r.transmissions() > 1 ? " (transmission "
                + r.transmissions() + ")" : ""));
        replyTitle.setText(matched == null ? "Reply: none received" : "Reply");
        set(request, requestLayers);
        set(reply, replyLayers);
        requestTitle.getParent().layout();
        replyTitle.getParent().layout();
    }

    public void clear() {
        requestLayers = List.of();
        replyLayers = List.of();
        set(request, requestLayers);
        set(reply, replyLayers);
    }

    public List<Field> requestLayers() {
        return requestLayers;
    }

    public List<Field> replyLayers() {
        return replyLayers;
    }

    private static List<Field> layers(ExchangeDecoder decoder, ExchangedPacket p) {
        if (p == null) {
            return List.of();
        }
        return new ArrayList<>(decoder.dissect(p).layers());
    }

    private static void set(TreeViewer v, List<Field> layers) {
        v.getTree().setRedraw(false);
        v.setInput(layers);
        if (!layers.isEmpty()) {
            Field mip = layers.get(layers.size() - 1); // the Mobile IP layer, with its extensions open
            v.expandToLevel(mip, 1);
            for (Field c : mip.children()) {
                if (c.name().contains("ext") && !c.children().isEmpty()) {
                    v.expandToLevel(c, 1);
                }
            }
        }
        v.getTree().setRedraw(true);
    }

    private static Composite column(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayout l = new GridLayout(1, false);
        l.marginWidth = 0;
        l.marginHeight = 0;
        c.setLayout(l);
        return c;
    }

    private static Label title(Composite parent, String text) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(text);
        l.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return l;
    }

    private static TreeViewer tree(Composite parent) {
        TreeViewer v = new TreeViewer(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL
                | SWT.H_SCROLL);
        v.getTree().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        v.setContentProvider(new FieldTreeContent());
        v.setLabelProvider(ColumnLabelProvider.createTextProvider(o -> ((Field) o).display()));
        v.setInput(List.of());
        return v;
    }
}

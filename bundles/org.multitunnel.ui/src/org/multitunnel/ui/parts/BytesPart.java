package org.multitunnel.ui.parts;


import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Composite;
import org.multitunnel.ui.UiTopics;
import org.multitunnel.ui.details.HexDump;
import org.multitunnel.capture.CaptureShrankException;
import org.multitunnel.ui.session.CaptureSessionService;
import org.multitunnel.ui.session.OpenCapture;
import org.multitunnel.wire.Field;

/**
 * Bytes view: hex and ASCII of the selected packet with the selected field's bytes highlighted; clicking a byte
 * asks Details to select the field it belongs to.
 */
public class BytesPart {
    static final String WHAT_IT_SHOWS = "Bytes: hex and ASCII of the selected packet, with the selected field highlighted.";

    @Inject
    private CaptureSessionService service;
    @Inject
    private IEventBroker events;

    private PartBody body;
    private StyledText text;
    private HexDump dump = new HexDump(new byte[0]);

    @PostConstruct
    public void createControls(Composite parent) {
        body = new PartBody(parent, WHAT_IT_SHOWS);
        text = body.content(new StyledText(parent, SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER));
        // One point below the text font, so a 16-byte line with its ASCII fits next to Details.
        LocalResourceManager resources = new LocalResourceManager(JFaceResources.getResources(), text);
        text.setFont(resources.create(FontDescriptor.createFrom(JFaceResources.getTextFont()).increaseHeight(-1)));
        text.addListener(SWT.MouseUp, e -> {
            int i = dump.byteAt(text.getCaretOffset());
            if (i >= 0) {
                events.send(UiTopics.BYTE_CLICKED, i);
            }
        });
        if (service.current() != null) {
            opened(service.current());
        }
    }

    @Inject
    @Optional
    void opened(@UIEventTopic(UiTopics.CAPTURE_OPENED) OpenCapture c) {
        if (text != null && !text.isDisposed()) {
            show(new byte[0]);
            body.showContent(true);
        }
    }

    @Inject
    @Optional
    void packetSelected(@UIEventTopic(UiTopics.PACKET_SELECTED) Integer index) {
        OpenCapture c = service.current();
        if (c == null || text == null || text.isDisposed() || index >= c.packetCount()) {
            return;
        }
        byte[] bytes;
        try {
            bytes = c.file().withPacket(index, frame -> {
                byte[] b = new byte[frame.remaining()];
                frame.get(frame.position(), b);
                return b;
            });
        } catch (CaptureShrankException e) { // the file shrank: no bytes to show (Details says why)
            bytes = new byte[0];
        }
        show(bytes);
    }

    @Inject
    @Optional
    void fieldSelected(@UIEventTopic(UiTopics.FIELD_SELECTED) Field field) {
        if (text == null || text.isDisposed()) {
            return;
        }
        highlight(field.offset(), field.length());
    }

    private void show(byte[] bytes) {
        dump = new HexDump(bytes);
        text.setText(dump.text());
    }

    /** Highlights bytes [offset, offset+length) in both columns and scrolls them into view. */
    void highlight(int offset, int length) {
        int[] r = dump.ranges(offset, length);
        StyleRange[] styles = new StyleRange[r.length / 2];
        for (int k = 0; k < styles.length; k++) {
            styles[k] = new StyleRange(r[2 * k], r[2 * k + 1], null,
                    text.getDisplay().getSystemColor(SWT.COLOR_LIST_SELECTION));
            styles[k].foreground = text.getDisplay().getSystemColor(SWT.COLOR_LIST_SELECTION_TEXT);
        }
        text.setStyleRanges(styles);
        if (r.length > 0) {
            text.setTopIndex(Math.max(0, text.getLineAtOffset(r[0]) - 1));
        }
    }

    StyledText text() {
        return text;
    }

    HexDump dump() {
        return dump;
    }
}

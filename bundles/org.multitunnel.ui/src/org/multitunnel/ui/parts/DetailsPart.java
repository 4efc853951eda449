package org.multitunnel.ui.parts;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TreePath;
import org.eclipse.jface.viewers.TreeSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.capture.CaptureShrankException;
import org.multitunnel.capture.DecodeAsResolver;
import org.multitunnel.ui.UiTopics;
import org.multitunnel.ui.details.FieldLookup;
import org.multitunnel.ui.details.FieldTreeContent;
import org.multitunnel.ui.session.CaptureSessionService;
import org.multitunnel.ui.session.OpenCapture;
import org.multitunnel.wire.Field;

/**
 * Details view: the field tree of the selected packet, dissected only when it is selected. Selecting a field
 * highlights its bytes in Bytes; a byte clicked there selects the deepest field covering it here.
 */
public class DetailsPart {
    static final String WHAT_IT_SHOWS = "Details: the field tree of the selected packet, every layer down to the Mobile IP extensions.";

    @Inject
    private CaptureSessionService service;
    @Inject
    private IEventBroker events;

    private DecodeAsResolver decodeAs = DecodeAsResolver.defaults();
    private PartBody body;
    private TreeViewer viewer;
    private List<Field> layers = List.of();

    @PostConstruct
    public void createControls(Composite parent) {
        body = new PartBody(parent, WHAT_IT_SHOWS);
        viewer = new TreeViewer(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        body.content(viewer.getTree());
        viewer.setContentProvider(new FieldTreeContent());
        viewer.setLabelProvider(ColumnLabelProvider.createTextProvider(o -> ((Field) o).display()));
        viewer.addSelectionChangedListener(e -> {
            Object f = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (f instanceof Field field) {
                events.send(UiTopics.FIELD_SELECTED, field);
            }
        });
        if (service.current() != null) {
            opened(service.current());
        }
    }

    @Inject
    @Optional
    void opened(@UIEventTopic(UiTopics.CAPTURE_OPENED) OpenCapture c) {
        if (viewer != null && !viewer.getTree().isDisposed()) {
            decodeAs = new DecodeAsResolver(c.mipConfig()); // where this capture's analysis looked for Mobile IP
            layers = List.of();
            viewer.setInput(layers);
            body.showContent(true);
        }
    }

    @Inject
    @Optional
    void packetSelected(@UIEventTopic(UiTopics.PACKET_SELECTED) Integer index) {
        OpenCapture c = service.current();
        if (c == null || viewer == null || viewer.getTree().isDisposed() || index >= c.packetCount()) {
            return;
        }
        CaptureFile f = c.file();
        List<Field> tree = new ArrayList<>();
        tree.add(Field.leaf("frame", String.format("Frame %d: %d bytes on wire, %d bytes captured", index + 1,
                f.originalLength(index), f.capturedLength(index)), (long) (index + 1), 0, f.capturedLength(index)));
        try {
            tree.addAll(f.withPacket(index, frame -> decodeAs.dissector(f, index).dissectFull(f.linkType(index), frame)
                    .layers()));
        } catch (CaptureShrankException e) { // another program truncated the file: say so instead of failing
            tree.add(Field.leaf("_ws.gone", e.getMessage(), e.currentSize(), 0, 0));
        }
        layers = tree;
        viewer.getTree().setRedraw(false);
        viewer.setInput(layers);
        if (layers.size() > 1) {
            viewer.expandToLevel(layers.get(layers.size() - 1), 1); // the innermost layer is what one looks for
        }
        viewer.getTree().setRedraw(true);
    }

    @Inject
    @Optional
    void byteClicked(@UIEventTopic(UiTopics.BYTE_CLICKED) Integer offset) {
        List<Field> path = FieldLookup.deepestAt(layers.subList(Math.min(1, layers.size()), layers.size()), offset);
        if (!path.isEmpty()) {
            viewer.setSelection(new TreeSelection(new TreePath(path.toArray())), true);
        }
    }

    TreeViewer viewer() {
        return viewer;
    }

    List<Field> layers() {
        return layers;
    }
}

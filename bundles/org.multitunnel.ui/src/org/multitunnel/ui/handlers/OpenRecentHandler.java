package org.multitunnel.ui.handlers;

import java.nio.file.Path;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.ui.menu.MItem;
import org.multitunnel.ui.UiTopics;

/** A File > Recent entry: opens the capture whose path the menu item carries. */
public class OpenRecentHandler {
    /** Persisted-state key of the item's capture path. */
    public static final String PATH = "org.multitunnel.ui.recent.path";

    @Execute
    public void execute(MItem item, IEventBroker events) {
        String path = item.getPersistedState().get(PATH);
        if (path != null) {
            events.post(UiTopics.CAPTURE_OPEN_REQUESTED, Path.of(path));
        }
    }
}

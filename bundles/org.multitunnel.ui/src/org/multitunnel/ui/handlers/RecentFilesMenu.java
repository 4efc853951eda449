package org.multitunnel.ui.handlers;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.e4.ui.di.AboutToShow;
import org.eclipse.e4.ui.model.application.ui.menu.MDirectMenuItem;
import org.eclipse.e4.ui.model.application.ui.menu.MMenuElement;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.multitunnel.ui.prefs.RecentFiles;

/** File > Recent: a dynamic menu contribution listing the last opened captures, rebuilt each time it is shown. */
public class RecentFilesMenu {
    @AboutToShow
    public void aboutToShow(List<MMenuElement> items, EModelService models) {
        items.addAll(build(RecentFiles.instance().list(), models));
    }

    /** The menu items for {@code files}, numbered 1..n (mnemonics), or one disabled "(none)" item. */
    public static List<MMenuElement> build(List<Path> files, EModelService models) {
        if (files.isEmpty()) {
            MDirectMenuItem none = models.createModelElement(MDirectMenuItem.class);
            none.setLabel("(no recent captures)");
            none.setEnabled(false);
            none.setContributionURI(
                    "bundleclass://org.multitunnel.ui/org.multitunnel.ui.handlers.OpenRecentHandler");
            return List.of(none);
        }
        java.util.ArrayList<MMenuElement> out = new java.util.ArrayList<>();
        int n = 1;
        for (Path p : files) {
            MDirectMenuItem item = models.createModelElement(MDirectMenuItem.class);
            item.setElementId("org.multitunnel.ui.menuitem.recent." + n);
            String name = p.getFileName() == null ? p.toString() : p.getFileName().toString();
            item.setLabel("&" + n + " " + name.replace("&", "&&"));
            item.setTooltip(p.toString());
            item.getPersistedState().put(OpenRecentHandler.PATH, p.toString());
            item.setContributionURI(
                    "bundleclass://org.multitunnel.ui/org.multitunnel.ui.handlers.OpenRecentHandler");
            out.add(item);
            n++;
        }
        return out;
    }
}

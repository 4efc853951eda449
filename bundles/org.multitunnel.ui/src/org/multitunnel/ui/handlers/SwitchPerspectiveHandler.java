package org.multitunnel.ui.handlers;

import java.util.List;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/**
 * Window > Perspective: switches between Analysis and Testbed (the latter contributed by another bundle's model
 * fragment, so the perspective is looked up by id at run time and the item is disabled when it is absent).
 */
public class SwitchPerspectiveHandler {
    public static final String PARAMETER = "org.multitunnel.ui.commandparameter.perspective";

    @CanExecute
    boolean canExecute(@Optional @Named(PARAMETER) String id, MApplication app, EModelService models) {
        return id != null && !find(id, app, models).isEmpty();
    }

    @Execute
    void execute(@Named(PARAMETER) String id, MApplication app, EModelService models, EPartService parts) {
        List<MPerspective> found = find(id, app, models);
        if (!found.isEmpty()) {
            parts.switchPerspective(found.get(0));
        }
    }

    private static List<MPerspective> find(String id, MApplication app, EModelService models) {
        return models.findElements(app, id, MPerspective.class, null);
    }
}

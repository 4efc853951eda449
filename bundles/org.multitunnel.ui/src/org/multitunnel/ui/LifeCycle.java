package org.multitunnel.ui;

import java.util.Arrays;
import java.util.List;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspectiveStack;
import org.eclipse.e4.ui.workbench.lifecycle.PostContextCreate;
import org.eclipse.e4.ui.workbench.lifecycle.ProcessAdditions;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.equinox.app.IApplicationContext;
import org.multitunnel.ui.chart.HeadlessAwt;
import org.multitunnel.ui.prefs.UiPreferences;
import org.multitunnel.ui.session.CaptureSessionService;
import org.multitunnel.wire.mip.ReplyCodes;

/**
 * Hooks into the e4 start-up: reads {@code ./workbench}'s arguments (capture file, perspective) into the
 * application context before any part is created, creates the {@link CaptureSessionService} there (it opens the
 * command-line capture once the window is up), and selects the requested perspective.
 */
public class LifeCycle {
    @PostContextCreate
    void postContextCreate(IApplicationContext appContext, IEclipseContext context) {
        Object raw = appContext.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        List<String> args = raw instanceof String[] a ? Arrays.asList(a) : List.of();
        HeadlessAwt.ensure();
        try {
            for (String conflict : UiPreferences.load().applyReplyCodes(ReplyCodes.standard())) {
                System.err.println("workbench: draft reply code preference not applied: " + conflict);
            }
        } catch (RuntimeException e) {
            System.err.println("workbench: preferences not applied: " + e);
        }
        context.set(LaunchArguments.class, LaunchArguments.parse(args));
        context.set(CaptureSessionService.class, ContextInjectionFactory.make(CaptureSessionService.class, context));
    }

    @ProcessAdditions
    void processAdditions(MApplication application, EModelService models, IEclipseContext context) {
        LaunchArguments launch = context.get(LaunchArguments.class);
        if (launch == null) {
            return;
        }
        MPerspective wanted = (MPerspective) models.find(launch.perspectiveId(), application);
        if (wanted == null) {
            System.err.println("workbench: no perspective '" + launch.perspective() + "'; showing Analysis");
            return;
        }
        Object parent = wanted.getParent();
        if (parent instanceof MPerspectiveStack stack) {
            stack.setSelectedElement(wanted);
        }
    }
}

package org.multitunnel.ui;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code ./workbench [CAPTURE] [--perspective analysis|testbed]} asked for, parsed once from the
 * application arguments. Kept free of SWT so it is tested as plain Java.
 */
public record LaunchArguments(Path capture, String perspective) {
    public static final String ANALYSIS = "analysis";

    /** Parses the application arguments; Eclipse launcher options (starting with '-' and known) are skipped. */
    public static LaunchArguments parse(List<String> args) {
        Path capture = null;
        String perspective = ANALYSIS;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--perspective") && i + 1 < args.size()) {
                perspective = args.get(++i);
            } else if (a.startsWith("--perspective=")) {
                perspective = a.substring("--perspective=".length());
            } else if (!a.startsWith("-") && capture == null) {
                capture = Path.of(a);
            }
        }
        return new LaunchArguments(capture, perspective);
    }

    /** The e4 model id of the requested perspective. */
    public String perspectiveId() {
        return "org.multitunnel.ui.perspective." + perspective;
    }
}

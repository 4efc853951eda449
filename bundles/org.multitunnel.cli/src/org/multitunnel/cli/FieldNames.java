package org.multitunnel.cli;

import org.multitunnel.analysis.filter.DisplayFilter;
import org.multitunnel.analysis.filter.FilterSyntaxException;

/**
 * Checks a field name given on the command line ({@code -e}) the way the display-filter engine checks the names in
 * a filter, so a misspelt field is the engine's one-line error (exit 64) instead of an empty column; the
 * {@code frame.*} fields of {@link FrameFields} are always known.
 */
final class FieldNames {
    private FieldNames() {
    }

    static void check(String name, String option) throws CliException {
        if (FrameFields.contains(name)) {
            return;
        }
        if (!name.matches("[A-Za-z_][A-Za-z0-9_\\-]*(\\.[A-Za-z0-9_\\-]+)*")) {
            throw new CliException(Sysexits.USAGE, option + " '" + name + "': not a field name");
        }
        try {
            DisplayFilter.parse(name);
        } catch (FilterSyntaxException e) {
            throw new CliException(Sysexits.USAGE, option + " '" + name + "': " + e.getMessage());
        }
    }
}

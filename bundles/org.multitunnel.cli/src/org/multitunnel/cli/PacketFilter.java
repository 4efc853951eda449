package org.multitunnel.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.multitunnel.analysis.filter.DisplayFilter;
import org.multitunnel.analysis.filter.FilterContext;
import org.multitunnel.analysis.filter.FilterSyntaxException;
import org.multitunnel.wire.Field;

/**
 * {@code -Y FILTER} of {@code decode} and {@code analyze}: the analysis bundle's display-filter engine (the one the
 * GUI's filter bar uses), parsed once. A filter the engine rejects is one line with the engine's message and exit
 * 64. The GUI's pseudo-fields ({@code finding}, {@code tunnel.coa}, {@code tunnel.ha}) need a finished analysis
 * that a one-pass command does not have, so they are refused instead of silently matching nothing.
 */
final class PacketFilter {
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

    private final DisplayFilter filter;

    private PacketFilter(DisplayFilter filter) {
        this.filter = filter;
    }

    /** Parses {@code text} given to {@code option} (e.g. "-Y"). */
    static PacketFilter parse(String text, String option) throws CliException {
        try {
            DisplayFilter f = DisplayFilter.parse(text);
            String outsideStrings = STRING.matcher(text).replaceAll("\"\"");
            for (String pseudo : DisplayFilter.PSEUDO_FIELDS) {
                Matcher m = Pattern.compile("(?<![\\w.])" + Pattern.quote(pseudo) + "(?![\\w.])",
                        Pattern.CASE_INSENSITIVE).matcher(outsideStrings);
                if (m.find()) {
                    throw new CliException(Sysexits.USAGE, option + " '" + text + "': '" + pseudo
                            + "' is known only to the GUI's filter bar once a capture is analysed, not on the "
                            + "command line");
                }
            }
            return new PacketFilter(f);
        } catch (FilterSyntaxException e) {
            throw new CliException(Sysexits.USAGE, option + " '" + text + "': " + e.getMessage());
        }
    }

    String text() {
        return filter.text();
    }

    /**
     * True when the packet matches; {@code frame.layers()} is its dissection, and the frame record answers
     * {@code frame.*} (tshark's frame.number, frame.len, frame.time_relative …).
     */
    boolean matches(FrameFields.Frame frame) {
        return matches(FrameFields.withFrameLayer(frame));
    }

    private boolean matches(List<Field> layers) {
        return filter.matches(layers, FilterContext.NONE);
    }
}

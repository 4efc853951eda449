package org.multitunnel.cli;

import java.util.HashMap;
import java.util.Map;

import org.multitunnel.analysis.filter.DisplayFilter;
import org.multitunnel.analysis.filter.FilterFrame;
import org.multitunnel.analysis.filter.FilterSyntaxException;
import org.multitunnel.analysis.filter.FrameMatcher;
import org.multitunnel.capture.DecodeAsResolver;
import org.multitunnel.capture.PacketView;
import org.multitunnel.wire.dissect.Dissection;
import org.multitunnel.wire.dissect.MipConfig;

/**
 * {@code -Y FILTER} of {@code decode} and {@code analyze}: the analysis bundle's display-filter engine (the one the
 * GUI's filter bar uses), parsed once and run over whole frames by its {@link FrameMatcher}, so {@code frame.*}
 * fields and the engine's fast path (no dissection where the headers decide) work as in the GUI. Each packet is
 * dissected with the Decode As setting plus the ports its file records (one matcher per configuration). A filter the
 * engine rejects is one line with the engine's message and exit 64. The GUI's pseudo-fields ({@code finding},
 * {@code tunnel.coa}, {@code tunnel.ha}) need a finished analysis that a one-pass command does not have, so they
 * are refused instead of silently matching nothing. One instance per pass (matchers are not thread-safe).
 */
final class PacketFilter {
    private final DisplayFilter filter;
    private final DecodeAsResolver decodeAs;
    private final Map<MipConfig, FrameMatcher> matchers = new HashMap<>(4);
    private final FilterFrame frame = new FilterFrame();
    private FrameMatcher last;

    private PacketFilter(DisplayFilter filter, MipConfig mip) {
        this.filter = filter;
        this.decodeAs = new DecodeAsResolver(mip);
    }

    /** Parses {@code text} given to {@code option} (e.g. "-Y"); packets are dissected as {@code mip} says. */
    static PacketFilter parse(String text, String option, MipConfig mip) throws CliException {
        DisplayFilter f;
        try {
            f = DisplayFilter.parse(text);
        } catch (FilterSyntaxException e) {
            throw new CliException(Sysexits.USAGE, option + " '" + text + "': " + e.getMessage());
        }
        for (String pseudo : DisplayFilter.PSEUDO_FIELDS) {
            if (f.fields().contains(pseudo)) {
                throw new CliException(Sysexits.USAGE, option + " '" + text + "': '" + pseudo
                        + "' is known only to the GUI's filter bar once a capture is analysed, not on the "
                        + "command line");
            }
        }
        return new PacketFilter(f, mip);
    }

    String text() {
        return filter.text();
    }

    /** True when packet {@code p} (read in capture order) matches. */
    boolean matches(PacketView p) {
        last = matchers.computeIfAbsent(decodeAs.config(p), filter::matcher);
        frame.next(p.index() + 1, p.linkType(), p.buffer(), p.dataOffset(), p.capturedLength(), p.originalLength(),
                p.timestampNanos());
        return last.matches(frame);
    }

    /** The dissection of the packet last tested (made now if the filter did not need it). */
    Dissection dissection() {
        return last.dissection();
    }
}

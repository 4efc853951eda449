package org.multitunnel.analysis.filter;

import java.util.List;
import java.util.Set;

import org.multitunnel.analysis.filter.internal.Evaluator;
import org.multitunnel.analysis.filter.internal.Program;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.MipConfig;

/**
 * A parsed display filter — the one engine behind the Packets filter bar, {@code decode -Y} and the chart. The
 * language is Wireshark's (docs/filters.md): fields of the {@link FieldRegistry} alone or compared with
 * {@code == != === !== ~= < <= > >= contains matches in &}, slices, {@code #} layers, the functions len, count,
 * upper, lower and string, {@code any}/{@code all}, combined with {@code and or not} and parentheses. Unknown
 * fields and literals of the wrong type are errors with a position. A field that occurs several times matches
 * {@code ==} when any occurrence is equal and {@code !=} when every occurrence differs, as in Wireshark.
 *
 * <p>Immutable and thread-safe once parsed; evaluate whole frames with a per-thread {@link #matcher(MipConfig)}.
 */
public final class DisplayFilter {
    /** Names answered by the {@link FilterContext} (the analysis), not the dissection. */
    public static final Set<String> PSEUDO_FIELDS = Set.of("finding", "tunnel.coa", "tunnel.ha");

    private final String text;
    private final Program program;

    private DisplayFilter(String text, Program program) {
        this.text = text;
        this.program = program;
    }

    /** Parses {@code text}; a blank, malformed or ill-typed filter throws with the position of the problem. */
    public static DisplayFilter parse(String text) throws FilterSyntaxException {
        return new DisplayFilter(text.strip(), Program.compile(text, FieldRegistry.standard()));
    }

    public String text() {
        return text;
    }

    /** The filter names this filter reads (for callers that decide what to prepare). */
    public Set<String> fields() {
        return program.fields();
    }

    /**
     * True when an already dissected packet matches (no finding, no tunnel). There is no frame record: {@code frame.*}
     * fields are read from a "frame" layer in {@code layers} if the caller added one (leaves such as
     * {@code frame.number} with Long values, times in nanoseconds), else they are absent. Prefer
     * {@link #matcher(MipConfig)} for frames: it answers them from the capture record and is much faster.
     */
    public boolean matches(List<Field> layers) {
        return matches(layers, FilterContext.NONE);
    }

    /** As {@link #matches(List)}, with pseudo-fields answered by {@code context}. */
    public boolean matches(List<Field> layers, FilterContext context) {
        return new Evaluator(program, MipConfig.defaults()).matches(layers, context);
    }

    /** A matcher over whole frames with the default Mobile IP configuration (UDP 434, default draft numbers). */
    public FrameMatcher matcher() {
        return matcher(MipConfig.defaults());
    }

    /**
     * A matcher over whole frames (one per thread) that dissects, where it must, with {@code config}'s Mobile IP
     * ports and draft extension numbers.
     */
    public FrameMatcher matcher(MipConfig config) {
        return new FrameMatcher(this, new Evaluator(program, config));
    }

    @Override
    public String toString() {
        return text;
    }
}

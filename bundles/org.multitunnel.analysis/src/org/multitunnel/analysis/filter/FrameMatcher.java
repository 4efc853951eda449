package org.multitunnel.analysis.filter;

import org.multitunnel.analysis.filter.internal.Evaluator;
import org.multitunnel.wire.dissect.Dissection;
import org.multitunnel.wire.dissect.MipConfig;

/**
 * Tests frames against one {@link DisplayFilter} — the per-thread evaluator every reader uses (Packets filter bar,
 * {@code decode -Y}, the chart). It answers frame fields from the capture record and the cheap header fields (link,
 * IP, UDP, TCP, GRE, tunnel headers) by walking the headers in place; it builds the dissection tree only for frames
 * where the filter needs a field that walk does not give, and keeps that tree for {@link #dissection()}. Not
 * thread-safe: one per thread.
 */
public final class FrameMatcher {
    private final DisplayFilter filter;
    private final Evaluator evaluator;

    FrameMatcher(DisplayFilter filter, Evaluator evaluator) {
        this.filter = filter;
        this.evaluator = evaluator;
    }

    public DisplayFilter filter() {
        return filter;
    }

    /** True when {@code frame} matches, with no finding and no tunnel context. */
    public boolean matches(FilterFrame frame) {
        return matches(frame, FilterContext.NONE);
    }

    /** True when {@code frame} matches; pseudo-fields ({@code finding}, {@code tunnel.*}) come from {@code context}. */
    public boolean matches(FilterFrame frame, FilterContext context) {
        return evaluator.matches(frame, context);
    }

    /**
     * The dissection of the frame last given to {@link #matches}: the one the filter made, or made now (with this
     * matcher's Mobile IP configuration) if the filter did not need it. Lets a caller print what it filtered without
     * dissecting twice.
     */
    public Dissection dissection() {
        return evaluator.dissection();
    }

    /** True when the last frame tested was decided without building its dissection tree. */
    public boolean lastWithoutDissection() {
        return !evaluator.dissected();
    }

    /** The Mobile IP configuration (ports, draft type numbers) the dissection uses. */
    public MipConfig config() {
        return evaluator.config();
    }
}

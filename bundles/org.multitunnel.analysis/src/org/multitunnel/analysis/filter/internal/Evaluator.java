package org.multitunnel.analysis.filter.internal;

import java.util.List;
import java.util.function.BiPredicate;

import org.multitunnel.analysis.filter.FilterContext;
import org.multitunnel.analysis.filter.FilterFrame;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Dissection;
import org.multitunnel.wire.dissect.MipConfig;
import org.multitunnel.wire.dissect.PacketDissector;

/** Per-thread evaluation state behind FrameMatcher (first cut: dissects every frame). */
public final class Evaluator {
    private final BiPredicate<List<Field>, FilterContext> tree;
    private final MipConfig config;
    private final PacketDissector dissector;
    private FilterFrame frame;
    private Dissection dissection;

    public Evaluator(BiPredicate<List<Field>, FilterContext> tree, MipConfig config) {
        this.tree = tree;
        this.config = config;
        this.dissector = config.dissector();
    }

    public boolean matches(FilterFrame f, FilterContext ctx) {
        frame = f;
        dissection = dissector.dissectFull(f.linkType(), f.slice());
        return tree.test(dissection.layers(), ctx);
    }

    public Dissection dissection() {
        if (dissection == null && frame != null) {
            dissection = dissector.dissectFull(frame.linkType(), frame.slice());
        }
        return dissection;
    }

    public boolean dissected() {
        return dissection != null;
    }

    public MipConfig config() {
        return config;
    }
}

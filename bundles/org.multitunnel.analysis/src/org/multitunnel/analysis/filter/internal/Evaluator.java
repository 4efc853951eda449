package org.multitunnel.analysis.filter.internal;

import java.nio.ByteBuffer;
import java.util.List;

import org.multitunnel.analysis.filter.FieldType;
import org.multitunnel.analysis.filter.FilterContext;
import org.multitunnel.analysis.filter.FilterFrame;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Dissection;
import org.multitunnel.wire.dissect.MipConfig;
import org.multitunnel.wire.dissect.PacketDissector;

/**
 * One thread's evaluation of a {@link Program}: per frame it answers each field from the cheapest source that is
 * exact — the frame record, the analysis context, the in-place {@link HeaderWalk} — and dissects the frame (once)
 * only when a field needs the tree and the walk cannot rule it out. Value buffers are reused across frames.
 */
public final class Evaluator {
    private final Program program;
    private final MipConfig config;
    private final Values[] slots;
    private PacketDissector dissector;
    private HeaderWalk walk;
    private FilterFrame frame;
    private FilterContext ctx = FilterContext.NONE;
    private boolean walked;
    private Dissection dissection;
    private ByteBuffer frameBytes;
    private List<Field> treeOnly;

    public Evaluator(Program program, MipConfig config) {
        this.program = program;
        this.config = config;
        this.slots = new Values[program.slotTypes.length];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Values(program.slotTypes[i]);
        }
    }

    /** Tests a whole frame. */
    public boolean matches(FilterFrame f, FilterContext c) {
        frame = f;
        ctx = c == null ? FilterContext.NONE : c;
        walked = false;
        dissection = null;
        frameBytes = null;
        treeOnly = null;
        return program.root.test(this);
    }

    /**
     * Tests an already dissected packet. Without a frame record, frame.* fields come from a "frame" layer the caller
     * may have put in {@code layers} (leaves named frame.number, frame.len, ... with Long values; times in ns), else
     * they are absent.
     */
    public boolean matches(List<Field> layers, FilterContext c) {
        frame = null;
        ctx = c == null ? FilterContext.NONE : c;
        walked = false;
        dissection = null;
        frameBytes = null;
        treeOnly = layers;
        return program.root.test(this);
    }

    /** The last frame's dissection, made now if the filter did not need it; null before any frame. */
    public Dissection dissection() {
        if (dissection == null && frame != null) {
            dissect();
        }
        return dissection;
    }

    /** True when the last frame was dissected. */
    public boolean dissected() {
        return dissection != null;
    }

    public MipConfig config() {
        return config;
    }

    Values slot(int i, FieldType t) {
        Values v = slots[i];
        v.type = t;
        return v;
    }

    private PacketDissector dissector() {
        if (dissector == null) {
            dissector = config.dissector();
        }
        return dissector;
    }

    private void dissect() {
        frameBytes = frame.slice();
        dissection = dissector().dissectFull(frame.linkType(), frameBytes);
    }

    private HeaderWalk walked() {
        if (!walked) {
            if (walk == null) {
                walk = new HeaderWalk(dissector().registry());
            }
            walk.walk(frame.linkType(), frame.buffer(), frame.offset(), frame.capturedLength());
            walked = true;
        }
        return walk;
    }

    /** Fills {@code out} with the values of {@code s} in the current frame. */
    void load(FieldSource s, Values out) {
        if (s.frameField()) {
            if (frame != null) {
                frameField(s.frame, out);
            } else if (treeOnly != null) {
                TreeFields.load(s, treeOnly, null, 0, out); // a caller's own "frame" layer with frame.* leaves
            }
            return;
        }
        if (s.contextField()) {
            contextField(s.context, out);
            return;
        }
        if (treeOnly != null) {
            TreeFields.load(s, treeOnly, null, 0, out);
            return;
        }
        if (frame == null) {
            return;
        }
        HeaderWalk w = walked();
        if (w.complete) {
            if (s.fast >= 0 && FastFields.load(s.fast, w, out)) {
                return;
            }
            if (s.treeMode == FieldSource.TREE_VALUES || s.treeMode == FieldSource.TREE_GROUP) {
                boolean held = false;
                for (int i = 0; i < w.n && !held; i++) {
                    held = s.heldBy[w.kind[i]];
                }
                if (!held) {
                    return; // no walked layer can carry it: absent, without dissecting
                }
            }
        }
        if (dissection == null) {
            dissect();
        }
        TreeFields.load(s, dissection.layers(), frameBytes, frame.linkType(), out);
    }

    private void frameField(int id, Values out) {
        FilterFrame f = frame;
        switch (id) {
            case FieldSource.FRAME_NUMBER -> out.addNumber(f.number(), 1);
            case FieldSource.FRAME_TIME, FieldSource.FRAME_EPOCH -> out.addNumber(f.timeNanos(), 1);
            case FieldSource.FRAME_RELATIVE -> out.addNumber(f.timeNanos() - f.firstTimeNanos(), 1);
            case FieldSource.FRAME_DELTA -> out.addNumber(f.timeNanos() - f.previousTimeNanos(), 1);
            case FieldSource.FRAME_LEN -> out.addNumber(f.originalLength(), 1);
            case FieldSource.FRAME_CAP_LEN -> out.addNumber(f.capturedLength(), 1);
            default -> {
                int end = (int) Math.min((long) f.offset() + f.capturedLength(), f.buffer().limit());
                out.addBytes(f.buffer(), f.offset(), end - f.offset(), 1);
            }
        }
    }

    private void contextField(int id, Values out) {
        switch (id) {
            case FieldSource.CTX_FINDING -> {
                if (ctx.hasFinding()) {
                    out.addNumber(0, 1);
                }
            }
            default -> {
                String a = id == FieldSource.CTX_COA ? ctx.tunnelCareOf() : ctx.tunnelHomeAgent();
                long v = a == null ? -1 : Literals.ipv4(a);
                if (v >= 0) {
                    out.addNumber(v, 1);
                }
            }
        }
    }
}

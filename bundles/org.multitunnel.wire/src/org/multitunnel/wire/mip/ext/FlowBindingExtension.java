package org.multitunnel.wire.mip.ext;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.internal.Bytes;
import org.multitunnel.wire.mip.internal.Fields;

/**
 * RFC 7629 §4.2 Flow Binding Extension (type 154, subtype 2, long framing): Type | Sub-Type | Length(16) |
 * Action(8) | BID Count(8, 1-8) | BIDs (one octet each) | TS Format(8: 0 reserved, 1 IPv4, 2 IPv6) |
 * Traffic Selector. The BID Count is kept as found (it may disagree with the BIDs a tester put on purpose); the
 * Action values live in {@link FlowBindingActions}, because the seed lost its figure.
 */
public final class FlowBindingExtension extends AbstractExtension {
    private final int action;
    private final int bidCount;
    private final int[] bids;
    private final int tsFormat;
    private final TrafficSelector selector;

    private FlowBindingExtension(Builder b) {
        super(ExtensionTypes.MULTIPATH, b.declaredLength, new byte[0]);
        this.action = b.action;
        this.bids = b.bids.stream().mapToInt(Integer::intValue).toArray();
        this.bidCount = b.bidCount >= 0 ? b.bidCount : bids.length;
        this.tsFormat = b.tsFormat;
        this.selector = b.selector != null ? b.selector : TrafficSelector.opaque(b.tsFormat, new byte[0]);
    }

    static void register(ExtensionRegistry r) {
        r.registerSubtype(ExtensionTypes.MULTIPATH, ExtensionTypes.SUBTYPE_FLOW_BINDING, "Flow Binding Extension",
                FlowBindingExtension::decode);
    }

    static FlowBindingExtension decode(ExtensionHeader h, byte[] d) {
        if (d.length < 2) {
            throw DecodeException.malformed(h.offset() + 2, "Flow Binding Extension Length " + d.length
                    + " cannot hold Action and BID Count");
        }
        int count = d[1] & 0xff;
        if (d.length < 3 + count) {
            throw DecodeException.malformed(h.offset() + 5, "BID Count " + count + " needs " + (3 + count)
                    + " bytes but Length is " + d.length);
        }
        Builder b = builder().action(d[0]).bidCount(count).tsFormat(d[2 + count]);
        for (int i = 0; i < count; i++) {
            b.bid(d[2 + i] & 0xff);
        }
        int tsOff = 3 + count;
        return b.selector(TrafficSelector.decode(d[2 + count] & 0xff, Bytes.slice(d, tsOff, d.length - tsOff)))
                .declaredLength(h.declaredLength()).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int subtype() {
        return ExtensionTypes.SUBTYPE_FLOW_BINDING;
    }

    public int action() {
        return action;
    }

    /** The BID Count octet as on the wire. */
    public int bidCount() {
        return bidCount;
    }

    public int[] bids() {
        return bids.clone();
    }

    public int tsFormat() {
        return tsFormat;
    }

    public TrafficSelector selector() {
        return selector;
    }

    @Override
    public ExtensionFormat format() {
        return ExtensionFormat.LONG;
    }

    @Override
    protected int structLength() {
        return 3 + bids.length + selector.encodedLength();
    }

    @Override
    protected void writeStruct(ByteBuffer out) {
        Bytes.putU8(out, action);
        Bytes.putU8(out, bidCount);
        for (int bid : bids) {
            Bytes.putU8(out, bid);
        }
        Bytes.putU8(out, tsFormat);
        selector.encodeTo(out);
    }

    @Override
    protected List<Field> structFields(int off) {
        List<Field> f = new ArrayList<>();
        f.add(Fields.named(MipFields.FB_ACTION, "Action", action, FlowBindingActions.defaults().name(action), off, 1));
        f.add(Fields.num(MipFields.FB_BIDCOUNT, "BID Count", bidCount, off + 1, 1));
        for (int i = 0; i < bids.length; i++) {
            f.add(Fields.num(MipFields.FB_BIDS, "Binding Identifier", bids[i], off + 2 + i, 1));
        }
        int o = off + 2 + bids.length;
        f.add(Fields.named(MipFields.FB_TSFORMAT, "TS Format", tsFormat, tsFormat == 1 ? "IPv4 Binary Traffic Selector"
                : tsFormat == 2 ? "IPv6 Binary Traffic Selector" : tsFormat == 0 ? "Reserved" : null, o, 1));
        f.add(selector.toField(o + 1));
        return f;
    }

    @Override
    public String title() {
        return "Flow Binding Extension";
    }

    public static final class Builder extends AbstractExtension.Builder<Builder> {
        private int action;
        private int bidCount = -1;
        private final List<Integer> bids = new ArrayList<>();
        private int tsFormat = TrafficSelector.FORMAT_IPV4;
        private TrafficSelector selector;

        public Builder action(int v) {
            action = v & 0xff;
            return this;
        }

        public Builder bid(int bid) {
            bids.add(bid & 0xff);
            return this;
        }

        public Builder bids(int... values) {
            for (int v : values) {
                bid(v);
            }
            return this;
        }

        /** Overrides the BID Count octet (computed from the BIDs by default). */
        public Builder bidCount(int count) {
            bidCount = count & 0xff;
            return this;
        }

        public Builder tsFormat(int v) {
            tsFormat = v & 0xff;
            return this;
        }

        /** The selector; its format also becomes the TS Format unless {@link #tsFormat} is set afterwards. */
        public Builder selector(TrafficSelector ts) {
            selector = ts;
            tsFormat = ts.format();
            return this;
        }

        public FlowBindingExtension build() {
            return new FlowBindingExtension(this);
        }
    }
}

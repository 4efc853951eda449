package org.multitunnel.wire.mip.ext;

import java.util.List;
import java.util.Map;

import org.multitunnel.wire.mip.MipFields;

/**
 * The RFC 6088 binary traffic selector layouts as data: for each TS format, the optional fields in wire order, each
 * with its presence flag (bit of the 16-bit flags word, A = 0x8000), size and field name. A field is present only
 * when its flag is set, and fields follow each other without padding.
 *
 * <p>RFC 6088 §3.1 (IPv4, format 1), after "TS Format | Reserved | A..N | 2 reserved bits": A/B start/end source
 * address (32 bits), C/D start/end destination address, E/F start/end IPsec SPI (32 bits), G/H start/end source
 * port (16 bits), I/J start/end destination port, K/L start/end DS (8 bits: the 6 DS bits, then 2 bits ignored in
 * comparisons), M/N start/end protocol (8 bits). §3.2 (IPv6, format 2), "TS Format | Reserved | A..P": A/B
 * source, C/D destination (128 bits), E/F SPI, G/H start/end flow label, I/J source port, K/L destination port,
 * M/N traffic class (8 bits), O/P next header (8 bits).
 *
 * <p>The width of the Start/End Flow Label fields is the one figure the sources disagree on, and the published
 * text could not be fetched whole here to settle it: an IPv6 flow label of the older kind is 24 bits (RFC 1883;
 * 20 bits since RFC 2460), which fits 3 octets, and that is what this product has always written and what the
 * independent checks agreed with; a 32-bit field (8 zero bits, then the label) is the other reading. The encoder
 * writes 3-octet fields; {@link #forFormat(int, boolean)} also gives the layout with 32-bit flow label fields,
 * which the decoder tries when the 3-octet reading does not account for the bytes (the flags tell whether any
 * flow label field is present, and the two widths then give different lengths, so at most one of them fits).
 */
public final class TsLayout {
    private TsLayout() {
    }

    /** One optional selector field. {@code address} fields render as IPv4/IPv6 text, others as numbers. */
    public record Item(int mask, String field, String label, int size, boolean address) {
    }

    private static final List<Item> IPV4 = List.of(
            new Item(0x8000, MipFields.TS_SRC_START, "Start Source Address", 4, true),
            new Item(0x4000, MipFields.TS_SRC_END, "End Source Address", 4, true),
            new Item(0x2000, MipFields.TS_DST_START, "Start Destination Address", 4, true),
            new Item(0x1000, MipFields.TS_DST_END, "End Destination Address", 4, true),
            new Item(0x0800, MipFields.TS_SPI_START, "Start IPsec SPI", 4, false),
            new Item(0x0400, MipFields.TS_SPI_END, "End IPsec SPI", 4, false),
            new Item(0x0200, MipFields.TS_SPORT_START, "Start Source Port", 2, false),
            new Item(0x0100, MipFields.TS_SPORT_END, "End Source Port", 2, false),
            new Item(0x0080, MipFields.TS_DPORT_START, "Start Destination Port", 2, false),
            new Item(0x0040, MipFields.TS_DPORT_END, "End Destination Port", 2, false),
            new Item(0x0020, MipFields.TS_DS_START, "Start DS", 1, false),
            new Item(0x0010, MipFields.TS_DS_END, "End DS", 1, false),
            new Item(0x0008, MipFields.TS_PROTO_START, "Start Protocol", 1, false),
            new Item(0x0004, MipFields.TS_PROTO_END, "End Protocol", 1, false));

    private static final List<Item> IPV6 = List.of(
            new Item(0x8000, MipFields.TS_SRC_START, "Start Source Address", 16, true),
            new Item(0x4000, MipFields.TS_SRC_END, "End Source Address", 16, true),
            new Item(0x2000, MipFields.TS_DST_START, "Start Destination Address", 16, true),
            new Item(0x1000, MipFields.TS_DST_END, "End Destination Address", 16, true),
            new Item(0x0800, MipFields.TS_SPI_START, "Start IPsec SPI", 4, false),
            new Item(0x0400, MipFields.TS_SPI_END, "End IPsec SPI", 4, false),
            new Item(0x0200, MipFields.TS_FLOWLABEL_START, "Start Flow Label", 3, false),
            new Item(0x0100, MipFields.TS_FLOWLABEL_END, "End Flow Label", 3, false),
            new Item(0x0080, MipFields.TS_SPORT_START, "Start Source Port", 2, false),
            new Item(0x0040, MipFields.TS_SPORT_END, "End Source Port", 2, false),
            new Item(0x0020, MipFields.TS_DPORT_START, "Start Destination Port", 2, false),
            new Item(0x0010, MipFields.TS_DPORT_END, "End Destination Port", 2, false),
            new Item(0x0008, MipFields.TS_TC_START, "Start Traffic Class", 1, false),
            new Item(0x0004, MipFields.TS_TC_END, "End Traffic Class", 1, false),
            new Item(0x0002, MipFields.TS_NH_START, "Start Next Header", 1, false),
            new Item(0x0001, MipFields.TS_NH_END, "End Next Header", 1, false));

    /** The IPv6 layout with 32-bit flow label fields. */
    private static final List<Item> IPV6_WIDE_LABEL = IPV6.stream()
            .map(i -> isFlowLabel(i.field()) ? new Item(i.mask(), i.field(), i.label(), 4, false) : i).toList();

    private static final Map<Integer, List<Item>> BY_FORMAT = Map.of(TrafficSelector.FORMAT_IPV4, IPV4,
            TrafficSelector.FORMAT_IPV6, IPV6);

    /** Flag bits of the IPv6 flow label fields (G, H). */
    public static final int FLOW_LABEL_FLAGS = 0x0300;

    /** The layout of {@code format}, or null for formats RFC 6088 does not define (0 reserved, 3+ unassigned). */
    public static List<Item> forFormat(int format) {
        return BY_FORMAT.get(format);
    }

    /** As {@link #forFormat(int)}; with {@code wideFlowLabel} the IPv6 flow label fields are 32 bits wide. */
    public static List<Item> forFormat(int format, boolean wideFlowLabel) {
        return wideFlowLabel && format == TrafficSelector.FORMAT_IPV6 ? IPV6_WIDE_LABEL : forFormat(format);
    }

    /** True for the IPv6 Start/End Flow Label fields. */
    public static boolean isFlowLabel(String field) {
        return field.equals(MipFields.TS_FLOWLABEL_START) || field.equals(MipFields.TS_FLOWLABEL_END);
    }

    /** The item of {@code field} in {@code format}'s layout, or null. */
    public static Item item(int format, String field) {
        return item(format, field, false);
    }

    /** The item of {@code field} in the layout of {@code format} with the given flow label width, or null. */
    public static Item item(int format, String field, boolean wideFlowLabel) {
        List<Item> l = forFormat(format, wideFlowLabel);
        if (l != null) {
            for (Item i : l) {
                if (i.field().equals(field)) {
                    return i;
                }
            }
        }
        return null;
    }

    /**
     * For an end-of-range item, its start item (the flag just before it: B after A, D after C, ...), else null.
     * RFC 6088 §3.1/§3.2 pair every field as (start, end) on consecutive flags.
     */
    public static Item startOf(int format, Item end) {
        List<Item> l = forFormat(format);
        int i = l == null ? -1 : l.indexOf(end);
        return i > 0 && i % 2 == 1 ? l.get(i - 1) : null;
    }

    /** Flag bits no field uses (must be zero): 0x0003 for IPv4, none for IPv6. */
    public static int reservedMask(int format) {
        List<Item> l = forFormat(format);
        if (l == null) {
            return 0;
        }
        int used = 0;
        for (Item i : l) {
            used |= i.mask();
        }
        return ~used & 0xffff;
    }
}

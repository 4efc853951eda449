package org.multitunnel.wire.mip.ext;

import java.util.List;
import java.util.Map;

import org.multitunnel.wire.mip.MipFields;

/**
 * The RFC 6088 binary traffic selector layouts as data: for each TS format, the optional fields in wire order, each
 * with its presence flag (bit of the 16-bit flags word, A = 0x8000), size and field name. A field is present only
 * when its flag is set.
 *
 * <p>RFC 6088 §3.1 (IPv4, format 1): A/B start/end source address, C/D start/end destination address, E/F
 * start/end IPsec SPI, G/H start/end source port, I/J start/end destination port, K/L start/end DS, M/N start/end
 * protocol; the low 2 bits are reserved. §3.2 (IPv6, format 2): A/B source, C/D destination (128-bit), E/F SPI,
 * G/H flow label (24-bit fields), I/J source port, K/L destination port, M/N traffic class, O/P next header.
 * This order was written from memory of RFC 6088 and could not be checked against the published text in this
 * environment (protocol-facts.md lists DS/protocol before the ports); because it is a table, correcting it is a
 * one-line change.
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

    private static final Map<Integer, List<Item>> BY_FORMAT = Map.of(TrafficSelector.FORMAT_IPV4, IPV4,
            TrafficSelector.FORMAT_IPV6, IPV6);

    /** The layout of {@code format}, or null for formats RFC 6088 does not define (0 reserved, 3+ unassigned). */
    public static List<Item> forFormat(int format) {
        return BY_FORMAT.get(format);
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

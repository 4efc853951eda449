package org.multitunnel.capture;

import java.nio.charset.StandardCharsets;

/**
 * Test helper: writes well-formed pcapng blocks field by field into a {@link Crafted} builder, in its current
 * byte order. Tests that need damaged blocks write those bytes themselves.
 */
final class PcapngBlocks {
    private PcapngBlocks() {
    }

    /** Section header block without options: 28 bytes. */
    static Crafted shb(Crafted c) {
        return c.u32(0x0A0D0D0A)     // block type SHB
                .u32(28)              // block total length
                .u32(0x1A2B3C4D)      // byte-order magic (in the section's order)
                .u16(1).u16(0)        // version 1.0
                .u64(-1)              // section length: unspecified
                .u32(28);             // block total length again
    }

    /** Section header block with one opt_comment (code 1) per comment, then opt_endofopt. */
    static Crafted shb(Crafted c, String... comments) {
        int options = 0;
        for (String s : comments) {
            options += 4 + pad(s.getBytes(StandardCharsets.UTF_8).length);
        }
        if (options > 0) {
            options += 4; // opt_endofopt
        }
        int length = 24 + options + 4;
        c.u32(0x0A0D0D0A)             // block type SHB
                .u32(length)          // block total length
                .u32(0x1A2B3C4D)      // byte-order magic (in the section's order)
                .u16(1).u16(0)        // version 1.0
                .u64(-1);             // section length: unspecified
        for (String s : comments) {
            comment(c, s);            // opt_comment
        }
        if (options > 0) {
            c.u16(0).u16(0);          // opt_endofopt
        }
        return c.u32(length);         // block total length again
    }

    /** Interface description block with only opt_comment options (and opt_endofopt). */
    static Crafted idbWithComments(Crafted c, int linkType, String... comments) {
        int options = 0;
        for (String s : comments) {
            options += 4 + pad(s.getBytes(StandardCharsets.UTF_8).length);
        }
        options += 4; // opt_endofopt
        int length = 16 + options + 4;
        c.u32(1)                      // block type IDB
                .u32(length)          // block total length
                .u16(linkType)        // link type
                .u16(0)               // reserved
                .u32(0);              // snaplen: unlimited
        for (String s : comments) {
            comment(c, s);            // opt_comment
        }
        c.u16(0).u16(0);              // opt_endofopt
        return c.u32(length);         // block total length again
    }

    /** One opt_comment option: code 1, length, UTF-8 text, padding to 32 bits. */
    static Crafted comment(Crafted c, String text) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        c.u16(1).u16(t.length);       // option code opt_comment, value length
        for (byte b : t) {
            c.u8(b);                  // comment text
        }
        return c.zeros(pad(t.length) - t.length); // option padding
    }

    /**
     * Interface description block.
     *
     * @param tsResolution if_tsresol byte, or null for the default (µs)
     * @param tsOffset     if_tsoffset seconds, or null
     * @param name         if_name, or null
     */
    static Crafted idb(Crafted c, int linkType, int snapLength, Integer tsResolution, Long tsOffset, String name) {
        byte[] n = name == null ? null : name.getBytes(StandardCharsets.UTF_8);
        int options = (tsResolution != null ? 8 : 0) + (tsOffset != null ? 12 : 0)
                + (n != null ? 4 + pad(n.length) : 0);
        if (options > 0) {
            options += 4; // opt_endofopt
        }
        int length = 16 + options + 4;
        c.u32(1)                      // block type IDB
                .u32(length)          // block total length
                .u16(linkType)        // link type
                .u16(0)               // reserved
                .u32(snapLength);     // snaplen
        if (n != null) {
            c.u16(2).u16(n.length);   // option if_name, length
            for (byte b : n) {
                c.u8(b);              // name bytes
            }
            c.zeros(pad(n.length) - n.length); // option padding
        }
        if (tsResolution != null) {
            c.u16(9).u16(1)           // option if_tsresol, length 1
                    .u8(tsResolution) // resolution byte
                    .zeros(3);        // option padding
        }
        if (tsOffset != null) {
            c.u16(14).u16(8)          // option if_tsoffset, length 8
                    .u64(tsOffset);   // seconds
        }
        if (options > 0) {
            c.u16(0).u16(0);          // opt_endofopt
        }
        return c.u32(length);         // block total length again
    }

    /** Enhanced packet block without options. */
    static Crafted epb(Crafted c, int interfaceId, long units, byte[] data, int originalLength) {
        int length = 28 + pad(data.length) + 4;
        c.u32(6)                      // block type EPB
                .u32(length)          // block total length
                .u32(interfaceId)     // interface id
                .u32(units >>> 32)    // timestamp high
                .u32(units)           // timestamp low
                .u32(data.length)     // captured length
                .u32(originalLength); // original length
        for (byte b : data) {
            c.u8(b);                  // packet data
        }
        c.zeros(pad(data.length) - data.length); // padding to 32 bits
        return c.u32(length);         // block total length again
    }

    /** A block carrying no packets (NRB, ISB, custom, unknown): type, length, {@code body} zero bytes, length. */
    static Crafted opaque(Crafted c, int type, int body) {
        int length = 12 + pad(body);
        return c.u32(type).u32(length).zeros(pad(body)).u32(length);
    }

    static int pad(int n) {
        return (n + 3) & ~3;
    }
}

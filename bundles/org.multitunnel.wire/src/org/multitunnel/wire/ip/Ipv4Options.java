package org.multitunnel.wire.ip;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Layer;

/**
 * IPv4 options (RFC 791 §3.1) as typed raw nodes: End of Option List (0) and No-Operation (1) are one byte, every
 * other option is type, length (≥ 2, covering type and length), data. A length that runs past the header is
 * MALFORMED.
 */
final class Ipv4Options {
    private Ipv4Options() {
    }

    static Field dissect(ByteBuffer buf, int offset, int length) {
        Layer l = new Layer(buf, offset, length);
        int p = offset;
        int end = offset + length;
        while (p < end) {
            Layer o = new Layer(buf, p, end - p);
            int type = o.u8(p, "IPv4 option type");
            o.uint("ip.opt.type", "Type", p, 1);
            if (type == 0 || type == 1) {
                l.add(o.build("ip.opt", type == 0 ? "End of Options List (EOL)" : "No Operation (NOP)", 1));
                p++;
                if (type == 0) {
                    break;
                }
                continue;
            }
            int len = o.u8(p + 1, "IPv4 option length");
            o.uint("ip.opt.len", "Length", p + 1, 1);
            if (len < 2 || p + len > end) {
                throw DecodeException.malformed(p + 1, "IPv4 option length " + len + " does not fit the header");
            }
            if (len > 2) {
                o.raw("ip.opt.data", "Data", p + 2, len - 2);
            }
            l.add(o.build("ip.opt", "IPv4 Option (" + type + ")", len));
            p += len;
        }
        if (p < end) {
            l.raw("ip.opt.padding", "Padding", p, end - p);
        }
        return l.build("ip.options", "Options: (" + length + " bytes)", length);
    }
}

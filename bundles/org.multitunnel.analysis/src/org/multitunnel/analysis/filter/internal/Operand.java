package org.multitunnel.analysis.filter.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.multitunnel.analysis.filter.FieldType;
import org.multitunnel.wire.dissect.Addresses;

/**
 * Something a comparison reads values from: a field (optionally of one protocol layer, {@code ip.src#2}), a slice of
 * one ({@code mip.auth.auth[0:2]}), a function of one ({@code len(x)}, {@code count(x)}, {@code upper(x)},
 * {@code lower(x)}, {@code string(x)}) or a bit mask ({@code tcp.flags & 0x02}). Each has a slot of reusable
 * {@link Values} in the evaluator, so loading allocates nothing on the fast path.
 */
abstract class Operand {
    final FieldType type;
    final int slot;
    /** The text of the operand in the filter (for messages). */
    final String text;

    Operand(FieldType type, int slot, String text) {
        this.type = type;
        this.slot = slot;
        this.text = text;
    }

    /** This frame's values (loaded into the operand's slot). */
    final Values values(Evaluator e) {
        Values v = e.slot(slot, type);
        v.clear();
        load(e, v);
        return v;
    }

    abstract void load(Evaluator e, Values out);

    /** A field, optionally restricted to its protocol's n-th layer. */
    static final class FieldRef extends Operand {
        final FieldSource source;
        final int layer;

        FieldRef(FieldSource source, int layer, int slot, String text) {
            super(source.type, slot, text);
            this.source = source;
            this.layer = layer;
        }

        @Override
        void load(Evaluator e, Values out) {
            e.load(source, out);
            if (layer > 0) {
                out.keepLayer(layer);
            }
        }
    }

    /** {@code x[ranges]}: the bytes of each occurrence of x at the given ranges (concatenated), as a byte string. */
    static final class Slice extends Operand {
        final Operand inner;
        /** Pairs of (start, end) as written; see {@link #range}. Kind per range: 0 i:j, 1 i-j, 2 i, 3 i: (to end). */
        final int[] starts;
        final int[] lengths;
        final int[] kinds;

        Slice(Operand inner, int[] starts, int[] lengths, int[] kinds, int slot, String text) {
            super(FieldType.BYTES, slot, text);
            this.inner = inner;
            this.starts = starts;
            this.lengths = lengths;
            this.kinds = kinds;
        }

        @Override
        void load(Evaluator e, Values out) {
            Values v = inner.values(e);
            for (int i = 0; i < v.n; i++) {
                Object src;
                int base;
                int size;
                if (v.type == FieldType.BYTES || v.type == FieldType.PROTOCOL) {
                    src = v.ref[i];
                    base = v.off[i];
                    size = v.len[i];
                } else {
                    byte[] b = asBytes(v, i);
                    src = b;
                    base = 0;
                    size = b.length;
                }
                if (starts.length == 1) {
                    long r = range(0, size);
                    if (r >= 0) {
                        out.addBytes(src, base + (int) (r >>> 32), (int) r, v.layer[i]);
                    }
                    continue;
                }
                java.io.ByteArrayOutputStream cat = new java.io.ByteArrayOutputStream();
                boolean ok = true;
                Values one = new Values(FieldType.BYTES);
                one.addBytes(src, base, size, 0);
                for (int k = 0; k < starts.length && ok; k++) {
                    long r = range(k, size);
                    ok = r >= 0;
                    for (int q = 0; ok && q < (int) r; q++) {
                        cat.write(one.byteAt(0, (int) (r >>> 32) + q));
                    }
                }
                if (ok) {
                    byte[] b = cat.toByteArray();
                    out.addBytes(b, 0, b.length, v.layer[i]);
                }
            }
        }

        /** The slice's length when it is fixed ([i:j], [i], [i-j] with both ends positive), else -1. */
        int width() {
            if (starts.length != 1) {
                return -1;
            }
            return switch (kinds[0]) {
                case 0 -> lengths[0];
                case 2 -> 1;
                case 1 -> starts[0] >= 0 && lengths[0] >= 0 ? lengths[0] - starts[0] + 1 : -1;
                default -> -1;
            };
        }

        /** Range k over a value of {@code size} bytes as (start << 32 | length), or -1 when it does not fit. */
        long range(int k, int size) {
            int s = starts[k] < 0 ? size + starts[k] : starts[k];
            int len = switch (kinds[k]) {
                case 0 -> lengths[k];
                case 1 -> (lengths[k] < 0 ? size + lengths[k] : lengths[k]) - s + 1;
                case 2 -> 1;
                default -> size - s;
            };
            if (s < 0 || len < 0 || (long) s + len > size || (kinds[k] == 3 && s >= size)) {
                return -1;
            }
            return ((long) s << 32) | len;
        }
    }

    /** The bytes of an address, MAC, text or byte-string occurrence (slices, len()). */
    static byte[] asBytes(Values v, int i) {
        return switch (v.type) {
            case STRING -> v.text(i).getBytes(StandardCharsets.UTF_8);
            case ETHER -> {
                byte[] b = new byte[6];
                for (int k = 0; k < 6; k++) {
                    b[k] = (byte) (v.num[i] >>> (8 * (5 - k)));
                }
                yield b;
            }
            case IPV4, IPV6, ADDRESS -> {
                boolean six = v.type == FieldType.IPV6 || v.v6[i];
                byte[] b = new byte[six ? 16 : 4];
                if (six) {
                    for (int k = 0; k < 8; k++) {
                        b[k] = (byte) (v.num[i] >>> (8 * (7 - k)));
                        b[k + 8] = (byte) (v.low[i] >>> (8 * (7 - k)));
                    }
                } else {
                    for (int k = 0; k < 4; k++) {
                        b[k] = (byte) (v.num[i] >>> (8 * (3 - k)));
                    }
                }
                yield b;
            }
            default -> v.bytes(i);
        };
    }

    /** len(), count(), upper(), lower(), string(). */
    static final class Function extends Operand {
        final String name;
        final Operand arg;

        Function(String name, Operand arg, FieldType type, int slot, String text) {
            super(type, slot, text);
            this.name = name;
            this.arg = arg;
        }

        @Override
        void load(Evaluator e, Values out) {
            Values v = arg.values(e);
            switch (name) {
                case "count" -> {
                    if (v.n > 0) {
                        out.addNumber(v.n, 1);
                    }
                }
                case "len" -> {
                    for (int i = 0; i < v.n; i++) {
                        out.addNumber(v.type == FieldType.BYTES || v.type == FieldType.PROTOCOL ? v.len[i]
                                : asBytes(v, i).length, v.layer[i]);
                    }
                }
                case "upper", "lower" -> {
                    for (int i = 0; i < v.n; i++) {
                        String s = v.text(i);
                        out.addText(name.equals("upper") ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT),
                                v.layer[i]);
                    }
                }
                default -> { // string()
                    for (int i = 0; i < v.n; i++) {
                        out.addText(text(v, i), v.layer[i]);
                    }
                }
            }
        }

        /** How string() writes a value: decimal, address text, seconds. */
        static String text(Values v, int i) {
            return switch (v.type) {
                case UNSIGNED -> Long.toUnsignedString(v.num[i]);
                case IPV4, IPV6, ADDRESS -> {
                    byte[] b = asBytes(v, i);
                    yield b.length == 4 ? Addresses.ipv4(java.nio.ByteBuffer.wrap(b).getInt())
                            : Addresses.ipv6(java.nio.ByteBuffer.wrap(b), 0);
                }
                case ETHER -> Addresses.mac(java.nio.ByteBuffer.wrap(asBytes(v, i)), 0);
                case RELATIVE_TIME, ABSOLUTE_TIME -> {
                    long ns = v.num[i];
                    String sign = ns < 0 ? "-" : "";
                    long a = Math.abs(ns);
                    yield sign + a / 1_000_000_000L + "." + String.format("%09d", a % 1_000_000_000L);
                }
                default -> v.text(i);
            };
        }
    }

    /** {@code slice & bytes}: each occurrence ANDed byte by byte with a mask of the same length (Wireshark's rule). */
    static final class BytesMask extends Operand {
        final Operand inner;
        final byte[] mask;

        BytesMask(Operand inner, byte[] mask, int slot, String text) {
            super(FieldType.BYTES, slot, text);
            this.inner = inner;
            this.mask = mask;
        }

        @Override
        void load(Evaluator e, Values out) {
            Values v = inner.values(e);
            for (int i = 0; i < v.n; i++) {
                if (v.len[i] != mask.length) {
                    continue; // a slice that did not fit has no value
                }
                byte[] r = new byte[mask.length];
                for (int k = 0; k < r.length; k++) {
                    r[k] = (byte) (v.byteAt(i, k) & mask[k]);
                }
                out.addBytes(r, 0, r.length, v.layer[i]);
            }
        }

        /** True when some byte is non-zero (the mask alone as a test). */
        static boolean anySet(Values v, int i) {
            for (int k = 0; k < v.len[i]; k++) {
                if (v.byteAt(i, k) != 0) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code x & mask}: each occurrence ANDed with an integer. */
    static final class Mask extends Operand {
        final Operand inner;
        final long mask;

        Mask(Operand inner, long mask, int slot, String text) {
            super(FieldType.UNSIGNED, slot, text);
            this.inner = inner;
            this.mask = mask;
        }

        @Override
        void load(Evaluator e, Values out) {
            Values v = inner.values(e);
            for (int i = 0; i < v.n; i++) {
                out.addNumber(v.num[i] & mask, v.layer[i]);
            }
        }
    }
}

package org.multitunnel.ui.details;

/**
 * The Bytes view's text layout, Wireshark style: "0000  45 00 ... 16 bytes  E......" per line, and the mapping
 * between packet byte offsets and text positions in both directions (highlighting a field, clicking a byte).
 */
public final class HexDump {
    static final int PER_LINE = 16;
    private static final int HEX_START = 6;
    private static final int ASCII_START = HEX_START + PER_LINE * 3 + 1;
    /** Characters per line including the newline. */
    static final int LINE = ASCII_START + PER_LINE + 1;

    private final byte[] bytes;
    private final String text;

    public HexDump(byte[] bytes) {
        this.bytes = bytes;
        this.text = render(bytes);
    }

    public String text() {
        return text;
    }

    public int length() {
        return bytes.length;
    }

    private static String render(byte[] b) {
        StringBuilder s = new StringBuilder((b.length / PER_LINE + 1) * LINE);
        for (int line = 0; line * PER_LINE < b.length; line++) {
            int base = line * PER_LINE;
            s.append(String.format("%04x  ", base));
            for (int c = 0; c < PER_LINE; c++) {
                s.append(base + c < b.length ? String.format("%02x ", b[base + c] & 0xff) : "   ");
            }
            s.append(' ');
            for (int c = 0; c < PER_LINE && base + c < b.length; c++) {
                int v = b[base + c] & 0xff;
                s.append(v >= 0x20 && v < 0x7f ? (char) v : '.');
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** Text position of the first hex digit of byte {@code i}. */
    public int hexPosition(int i) {
        return (i / PER_LINE) * LINE + HEX_START + (i % PER_LINE) * 3;
    }

    /** Text position of byte {@code i}'s ASCII character. */
    public int asciiPosition(int i) {
        return (i / PER_LINE) * LINE + ASCII_START + i % PER_LINE;
    }

    /** The byte shown at text position {@code pos} (hex or ASCII column), or -1 (offset column, gaps). */
    public int byteAt(int pos) {
        int line = pos / LINE;
        int c = pos % LINE;
        int col;
        if (c >= HEX_START && c < HEX_START + PER_LINE * 3) {
            col = (c - HEX_START) / 3;
        } else if (c >= ASCII_START && c < ASCII_START + PER_LINE) {
            col = c - ASCII_START;
        } else {
            return -1;
        }
        int i = line * PER_LINE + col;
        return i < bytes.length ? i : -1;
    }

    /**
     * Text ranges {start, length, start, length, ...} covering bytes [offset, offset+length) in the hex and the
     * ASCII columns, in ascending order (as StyledText wants style ranges).
     */
    public int[] ranges(int offset, int length) {
        int end = Math.min(bytes.length, offset + length);
        if (offset < 0 || offset >= end) {
            return new int[0];
        }
        int lines = (end - 1) / PER_LINE - offset / PER_LINE + 1;
        int[] r = new int[lines * 4];
        int k = 0;
        for (int first = offset; first < end; first = (first / PER_LINE + 1) * PER_LINE) {
            int last = Math.min(end, (first / PER_LINE + 1) * PER_LINE) - 1;
            r[k++] = hexPosition(first);
            r[k++] = hexPosition(last) + 2 - hexPosition(first);
            r[k++] = asciiPosition(first);
            r[k++] = last - first + 1;
        }
        return r;
    }
}

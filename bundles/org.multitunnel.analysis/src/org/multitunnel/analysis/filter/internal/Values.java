package org.multitunnel.analysis.filter.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.multitunnel.analysis.filter.FieldType;

/**
 * The occurrences of one field (or operand) in the current frame, in packet order, held in primitive arrays that
 * are reused for every frame so evaluating the cheap fields allocates nothing. Integers, flags, IPv4 and MAC
 * addresses and times live in {@code num}; IPv6 addresses in {@code num} (high 64 bits) and {@code low}; byte
 * strings as views ({@code ref} is a ByteBuffer or byte[], with {@code off}/{@code len}); text in {@code ref}.
 * {@code v6} marks the IPv6 entries of an {@link FieldType#ADDRESS} field; {@code layer} is the 1-based number of
 * the protocol layer an occurrence came from (for {@code field#n}).
 */
final class Values {
    FieldType type;
    int n;
    long[] num = new long[8];
    long[] low = new long[8];
    boolean[] v6 = new boolean[8];
    Object[] ref = new Object[8];
    int[] off = new int[8];
    int[] len = new int[8];
    int[] layer = new int[8];

    Values(FieldType type) {
        this.type = type;
    }

    void clear() {
        for (int i = 0; i < n; i++) {
            ref[i] = null;
        }
        n = 0;
    }

    private int slot(int layerNumber) {
        if (n == num.length) {
            int c = n * 2;
            num = Arrays.copyOf(num, c);
            low = Arrays.copyOf(low, c);
            v6 = Arrays.copyOf(v6, c);
            ref = Arrays.copyOf(ref, c);
            off = Arrays.copyOf(off, c);
            len = Arrays.copyOf(len, c);
            layer = Arrays.copyOf(layer, c);
        }
        layer[n] = layerNumber;
        v6[n] = false;
        return n++;
    }

    void addNumber(long v, int layerNumber) {
        num[slot(layerNumber)] = v;
    }

    void addIpv6(long hi, long lo, int layerNumber) {
        int i = slot(layerNumber);
        num[i] = hi;
        low[i] = lo;
        v6[i] = true;
    }

    void addBytes(Object source, int offset, int length, int layerNumber) {
        int i = slot(layerNumber);
        ref[i] = source;
        off[i] = offset;
        len[i] = Math.max(0, length);
    }

    void addText(String s, int layerNumber) {
        ref[slot(layerNumber)] = s;
    }

    /** Byte {@code k} of byte-string entry {@code i}. */
    int byteAt(int i, int k) {
        Object r = ref[i];
        if (r instanceof ByteBuffer b) {
            return b.get(off[i] + k) & 0xff;
        }
        return ((byte[]) r)[off[i] + k] & 0xff;
    }

    /** Entry {@code i} of a byte-string value as a new array (slow paths only). */
    byte[] bytes(int i) {
        byte[] out = new byte[len[i]];
        for (int k = 0; k < out.length; k++) {
            out[k] = (byte) byteAt(i, k);
        }
        return out;
    }

    String text(int i) {
        return (String) ref[i];
    }

    /** Keeps only the entries from protocol layer {@code wanted} (field#n). */
    void keepLayer(int wanted) {
        int w = 0;
        for (int i = 0; i < n; i++) {
            if (layer[i] == wanted) {
                num[w] = num[i];
                low[w] = low[i];
                v6[w] = v6[i];
                ref[w] = ref[i];
                off[w] = off[i];
                len[w] = len[i];
                layer[w] = layer[i];
                w++;
            }
        }
        for (int i = w; i < n; i++) {
            ref[i] = null;
        }
        n = w;
    }
}

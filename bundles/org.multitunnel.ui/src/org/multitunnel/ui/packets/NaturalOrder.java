package org.multitunnel.ui.packets;

import java.util.Comparator;

/**
 * Orders column text the way a reader expects: runs of digits compare as numbers, so 10.1.0.9 sorts before
 * 10.1.0.10 and "code 64" before "code 128"; everything else compares by character.
 */
public final class NaturalOrder implements Comparator<String> {
    public static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (si < a.length() && a.charAt(si) == '0') {
                    si++;
                }
                while (sj < b.length() && b.charAt(sj) == '0') {
                    sj++;
                }
                int ei = si;
                int ej = sj;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
                    ei++;
                }
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
                    ej++;
                }
                int len = (ei - si) - (ej - sj);
                if (len != 0) {
                    return len;
                }
                for (int k = 0; k < ei - si; k++) {
                    int d = a.charAt(si + k) - b.charAt(sj + k);
                    if (d != 0) {
                        return d;
                    }
                }
                i = ei;
                j = ej;
            } else {
                if (ca != cb) {
                    return ca - cb;
                }
                i++;
                j++;
            }
        }
        return (a.length() - i) - (b.length() - j);
    }
}

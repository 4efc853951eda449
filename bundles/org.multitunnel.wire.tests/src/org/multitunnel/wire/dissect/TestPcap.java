package org.multitunnel.wire.dissect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test-only reader of classic pcap files (both byte orders, micro- and nanosecond magic), just enough to feed the
 * public captures to the dissectors before the real reader (bundle org.multitunnel.capture) exists. Tolerant: a
 * record header that runs past the file ends the list. pcapng files are read just as far as their enhanced and
 * simple packet blocks (link type of the first interface; per-interface link types in {@link Record#linkType}).
 */
public final class TestPcap {
    /** Where the public captures live, relative to the test bundle directory (the tests' working directory). */
    public static final Path PUBLIC = Path.of("../../test-captures/public");

    public record Record(int frame, long seconds, int nanos, int originalLength, ByteBuffer data, int linkType) {
    }

    public record Capture(Path file, int linkType, List<Record> records) {
    }

    private TestPcap() {
    }

    public static Capture read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        List<Record> out = new ArrayList<>();
        if (all.length < 24) {
            return new Capture(file, -1, out);
        }
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic == 0x0a0d0d0a) {
            return readPcapng(file, all);
        }
        boolean nano;
        if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) {
            nano = magic == 0xa1b23c4d;
        } else {
            b.order(ByteOrder.BIG_ENDIAN);
            magic = b.getInt(0);
            if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
                return new Capture(file, -1, out);
            }
            nano = magic == 0xa1b23c4d;
        }
        int linkType = b.getInt(20) & 0x0fffffff;
        int p = 24;
        int frame = 1;
        while (p + 16 <= all.length) {
            long sec = b.getInt(p) & 0xffffffffL;
            long frac = b.getInt(p + 4) & 0xffffffffL;
            int incl = b.getInt(p + 8);
            int orig = b.getInt(p + 12);
            if (incl < 0 || p + 16L + incl > all.length) {
                break;
            }
            byte[] data = new byte[incl];
            System.arraycopy(all, p + 16, data, 0, incl);
            int nanos = (int) Math.min(999_999_999L, nano ? frac : frac * 1000);
            out.add(new Record(frame++, sec, nanos, orig, ByteBuffer.wrap(data), linkType));
            p += 16 + incl;
        }
        return new Capture(file, linkType, out);
    }

    /** pcapng: SHB (byte order), IDB (link types), EPB and SPB packets; other blocks skipped; tolerant. */
    private static Capture readPcapng(Path file, byte[] all) {
        List<Record> out = new ArrayList<>();
        List<Integer> linkTypes = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int p = 0;
        int frame = 1;
        while (p + 12 <= all.length) {
            int type = b.getInt(p);
            if (type == 0x0a0d0d0a) {
                b.order(b.order(ByteOrder.LITTLE_ENDIAN).getInt(p + 8) == 0x1a2b3c4d ? ByteOrder.LITTLE_ENDIAN
                        : ByteOrder.BIG_ENDIAN);
                linkTypes.clear();
            }
            int len = b.getInt(p + 4);
            if (len < 12 || p + (long) len > all.length) {
                break;
            }
            if (type == 1 && len >= 16) {
                linkTypes.add(b.getShort(p + 8) & 0xffff);
            } else if ((type == 6 && len >= 32) || (type == 3 && len >= 16)) {
                int iface = type == 6 ? b.getInt(p + 8) : 0;
                int cap = type == 6 ? b.getInt(p + 20) : Math.min(b.getInt(p + 8), len - 16);
                int orig = type == 6 ? b.getInt(p + 24) : b.getInt(p + 8);
                int dataOff = p + (type == 6 ? 28 : 12);
                if (cap >= 0 && dataOff + (long) cap <= p + len) {
                    byte[] data = new byte[cap];
                    System.arraycopy(all, dataOff, data, 0, cap);
                    long ts = type == 6 ? ((b.getInt(p + 12) & 0xffffffffL) << 32) | (b.getInt(p + 16) & 0xffffffffL) : 0;
                    int lt = iface >= 0 && iface < linkTypes.size() ? linkTypes.get(iface) : -1;
                    out.add(new Record(frame++, ts / 1_000_000, (int) (ts % 1_000_000) * 1000, orig, ByteBuffer.wrap(data),
                            lt));
                }
            }
            p += len;
        }
        return new Capture(file, linkTypes.isEmpty() ? -1 : linkTypes.get(0), out);
    }

    /** Every pcap and pcapng file under the public captures (sorted), failing loudly when the folder is missing. */
    public static List<Path> publicPcaps() throws IOException {
        if (!Files.isDirectory(PUBLIC)) {
            throw new IllegalStateException("public captures not found at " + PUBLIC.toAbsolutePath());
        }
        try (Stream<Path> s = Files.walk(PUBLIC)) {
            return s.filter(f -> f.toString().endsWith(".pcap") || f.toString().endsWith(".pcapng")).sorted()
                    .toList();
        }
    }

    public static Capture publicCapture(String relative) throws IOException {
        Path f = PUBLIC.resolve(relative);
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException("public capture missing: " + f.toAbsolutePath());
        }
        return read(f);
    }
}

package org.multitunnel.agent.net;

import java.nio.file.Path;

/**
 * How much an agent's {@code --record} may write: files of at most {@code maxFileBytes}, at most {@code maxFiles}
 * of them. When the current file is full it is renamed {@code NAME.1.EXT} (the older ones move up to
 * {@code NAME.2.EXT} …, the oldest beyond the count is deleted) and a new {@code NAME.EXT} is started, so a flood
 * can never fill the disk: the recording stays under {@code maxFileBytes × maxFiles}.
 */
public record RecordLimits(long maxFileBytes, int maxFiles) {
    /** Smallest file size accepted: a section header, an interface and one full-size datagram fit. */
    public static final long MIN_FILE_BYTES = 128 * 1024;
    /** 64 MiB per file, 4 files: at most 256 MiB. */
    public static final RecordLimits DEFAULT = new RecordLimits(64L << 20, 4);

    public RecordLimits {
        if (maxFileBytes < MIN_FILE_BYTES) {
            throw new IllegalArgumentException("record file size must be at least " + MIN_FILE_BYTES + " bytes: "
                    + maxFileBytes);
        }
        if (maxFiles < 1) {
            throw new IllegalArgumentException("record file count must be at least 1: " + maxFiles);
        }
    }

    /** The name of the {@code n}-th older file ({@code n} ≥ 1): {@code ha.pcapng} → {@code ha.2.pcapng}. */
    public static Path rotated(Path file, int n) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String rotated = dot > 0 ? name.substring(0, dot) + "." + n + name.substring(dot) : name + "." + n;
        return file.resolveSibling(rotated);
    }

    /** Parses a size such as {@code 65536}, {@code 512k}, {@code 64M} or {@code 1G} (binary multiples). */
    public static long parseSize(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty size");
        }
        char unit = Character.toLowerCase(t.charAt(t.length() - 1));
        int shift = switch (unit) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
        long v = Long.parseLong(digits);
        if (v < 0 || v > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("size out of range: " + s);
        }
        return v << shift;
    }
}

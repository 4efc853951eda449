package org.multitunnel.capture.internal;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.zip.ZipException;

import org.multitunnel.capture.DecompressionLimitException;
import org.multitunnel.capture.DecompressionLimitException.Limit;
import org.multitunnel.capture.NotACaptureFileException;
import org.multitunnel.capture.SpillLimits;

/**
 * Copies a decompressed gzip capture (or any stream) into an anonymous spill file so it can be memory-mapped like
 * any other capture (random access by packet number needs the plain bytes). Hostile input is stopped early: the
 * magic number is checked on the first decompressed bytes, before the spill file exists, and the copy stops at the
 * {@link SpillLimits} (compression ratio, spill size, free space). The spill is unlinked right after it is created,
 * so it never shows in the directory and a crash, an interrupt or a limit leaves nothing behind (where unlinking an
 * open file is impossible it is deleted on close or exit). A corrupt or truncated gzip stream keeps what was
 * decompressed before the damage and reports the problem; so does a cancelled copy.
 */
final class Spill {
    /** The spilled bytes, their first {@code head} bytes, and gzip damage (or null). */
    record Result(FileChannel channel, byte[] head, String problem) {
    }

    /** Rejects a stream from its first bytes (at least 4); throws to stop before anything is spilled. */
    interface HeadCheck {
        void check(byte[] head) throws NotACaptureFileException;
    }

    private static final int CHUNK = 1 << 16;
    /** How often the free space is asked for again while spilling. */
    private static final long FREE_SPACE_RECHECK_BYTES = 64L << 20;

    private Spill() {
    }

    /**
     * Copies {@code in} into a spill file.
     *
     * @param compressedRead bytes of compressed input consumed so far (for the ratio), or null for a plain stream
     * @param what           names the input in messages (a path, "standard input")
     */
    static Result copy(InputStream in, CountingInputStream compressedRead, String what, SpillLimits limits,
            int headLength, HeadCheck check, BooleanSupplier cancelled) throws IOException {
        byte[] chunk = new byte[CHUNK];
        String[] problem = new String[1];
        int head = readSome(in, chunk, headLength, problem, 0);
        if (head >= 4) {
            check.check(Arrays.copyOf(chunk, head)); // wrong magic: nothing has been spilled yet
        }
        Path dir = limits.directory() != null ? limits.directory() : Path.of(System.getProperty("java.io.tmpdir"));
        Budget budget = Budget.of(dir, limits, what, compressedRead != null ? "decompression" : "copying");
        Path tmp = Files.createTempFile(dir, "multitunnel-capture-", ".spill"); // mode 0600 on POSIX
        FileChannel out;
        try {
            out = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        try {
            Files.delete(tmp); // POSIX: the open channel keeps the data until it is closed
        } catch (IOException e) {
            tmp.toFile().deleteOnExit();
        }
        byte[] first = Arrays.copyOf(chunk, head);
        try {
            long written = 0;
            int n = head;
            boolean more = head == headLength; // a short head means the stream has ended
            while (n > 0) {
                if (cancelled.getAsBoolean()) {
                    problem[0] = "decompression cancelled after " + written + " bytes";
                    break;
                }
                budget.allow(written, n);
                if (compressedRead != null) {
                    checkRatio(written + n, compressedRead.count(), limits.maxRatio(), what);
                }
                written = write(out, chunk, n, written);
                n = more && problem[0] == null ? readSome(in, chunk, CHUNK, problem, written) : 0;
            }
            return new Result(out, first, problem[0]);
        } catch (IOException | RuntimeException | Error e) {
            out.close(); // frees the unlinked spill at once
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Reads up to {@code max} bytes (fewer only at the end of the stream or at damage, noted in problem[0]). */
    private static int readSome(InputStream in, byte[] into, int max, String[] problem, long before)
            throws IOException {
        int n = 0;
        try {
            while (n < max) {
                int r = in.read(into, n, max - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (EOFException e) {
            problem[0] = "gzip stream is truncated after " + (before + n) + " decompressed bytes";
        } catch (ZipException e) {
            problem[0] = "gzip stream is corrupt after " + (before + n) + " decompressed bytes: " + e.getMessage();
        }
        return n;
    }

    private static long write(FileChannel out, byte[] chunk, int n, long at) throws IOException {
        ByteBuffer wrap = ByteBuffer.wrap(chunk, 0, n);
        long pos = at;
        while (wrap.hasRemaining()) {
            pos += out.write(wrap, pos);
        }
        return pos;
    }

    private static void checkRatio(long out, long in, int maxRatio, String what) throws DecompressionLimitException {
        if (maxRatio > 0 && out > SpillLimits.RATIO_GRACE_BYTES && out > (double) maxRatio * Math.max(1, in)) {
            throw new DecompressionLimitException(Limit.RATIO, String.format("%s: decompression stopped: %s came out"
                    + " of %s of gzip, more than the %d:1 compression-ratio limit (real captures compress a few"
                    + " times; this looks like a gzip bomb)", what, human(out), human(in), maxRatio));
        }
    }

    /**
     * The spill-size bound: a fixed cap, or the free space of the directory minus a margin, asked for again every
     * {@value #FREE_SPACE_RECHECK_BYTES} bytes because other programs (and other spills) write there too.
     */
    static final class Budget {
        private final String what;
        private final String verb;
        private final Path dir;
        /** Free space of the spill directory, or null for a fixed cap. */
        private final LongSupplier usable;
        private final long margin;
        /** Largest total spill allowed, as known at the last free-space check. */
        private long limit;
        private long recheckAt;

        Budget(String what, String verb, Path dir, long fixed, LongSupplier usable, long margin) {
            this.what = what;
            this.verb = verb;
            this.dir = dir;
            this.usable = usable;
            this.margin = margin;
            this.limit = fixed;
        }

        static Budget of(Path dir, SpillLimits limits, String what, String verb) throws IOException {
            if (limits.maxBytes() != SpillLimits.FREE_SPACE) {
                return new Budget(what, verb, dir, limits.maxBytes(), null, 0);
            }
            FileStore store = Files.getFileStore(dir);
            return new Budget(what, verb, dir, 0, () -> {
                try {
                    return store.getUsableSpace();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, SpillLimits.freeSpaceMargin(store.getTotalSpace()));
        }

        /** Throws when writing {@code n} more bytes after {@code written} would go over the bound. */
        void allow(long written, long n) throws DecompressionLimitException {
            if (usable != null && written >= recheckAt) {
                // the bytes already written are no longer free: what may still come is what is free beyond the margin
                limit = written + usable.getAsLong() - margin;
                recheckAt = written + FREE_SPACE_RECHECK_BYTES;
            }
            if (written + n <= limit) {
                return;
            }
            if (usable == null) {
                throw new DecompressionLimitException(Limit.SPILL_SIZE, String.format("%s: %s stopped at %s, the"
                        + " size limit for the spilled capture", what, verb, human(limit)));
            }
            throw new DecompressionLimitException(Limit.FREE_SPACE, String.format("%s: %s stopped at %s: %s must"
                    + " stay free in %s and only %s is", what, verb, human(written), human(margin), dir,
                    human(Math.max(0, limit - written + margin))));
        }
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = { "KiB", "MiB", "GiB", "TiB" };
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }

    /** Counts the bytes read through it (the compressed side of a gzip stream, for the ratio). */
    static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}

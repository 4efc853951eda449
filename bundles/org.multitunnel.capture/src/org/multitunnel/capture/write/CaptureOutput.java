package org.multitunnel.capture.write;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Opens the byte sink the capture writers stream into: a plain file channel, or a gzip stream whose flush pushes
 * everything written so far (sync flush), so live write-through loses nothing on a crash. Files are private to their
 * owner (mode 0600): recordings and exports hold Mobile IP authenticators over known plaintext, which allows offline
 * guessing of MN-HA keys, so they are not left readable by other users (chmod them to share).
 */
public final class CaptureOutput {
    private CaptureOutput() {
    }

    /** Owner read and write only. */
    public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

    /**
     * Creates (or truncates) {@code file} with mode 0600 — an existing file is made 0600 before anything is written
     * to it; gzip-compressed when {@code gzip} is true.
     */
    public static WritableByteChannel create(Path file, boolean gzip) throws IOException {
        FileChannel ch = openPrivate(file);
        if (!gzip) {
            return ch;
        }
        try {
            return of(new GZIPOutputStream(Channels.newOutputStream(ch), 1 << 16, true));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Opens {@code file} for writing, truncated, readable and writable by its owner only (on file systems without
     * POSIX permissions it is opened as is).
     */
    public static FileChannel openPrivate(Path file) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(PRIVATE));
        } catch (UnsupportedOperationException e) { // not a POSIX file system
            return FileChannel.open(file, options);
        }
        try {
            // the attribute applies only when the file is created: an existing one keeps its mode unless set here
            if (!Files.getPosixFilePermissions(file).equals(PRIVATE)) {
                Files.setPosixFilePermissions(file, PRIVATE);
            }
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw new IOException(file + ": cannot make it private to its owner (mode 0600): " + e.getMessage(), e);
        }
        return ch;
    }

    /** Adapts an output stream; the writers' {@code flush()} then flushes the stream too. */
    public static WritableByteChannel of(OutputStream out) {
        return new StreamChannel(out);
    }

    private static final class StreamChannel implements WritableByteChannel, Flushable {
        private final OutputStream out;
        private final byte[] scratch = new byte[1 << 16];
        private boolean open = true;

        StreamChannel(OutputStream out) {
            this.out = out;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (!open) {
                throw new ClosedChannelException();
            }
            int n = src.remaining();
            if (src.hasArray()) {
                out.write(src.array(), src.arrayOffset() + src.position(), n);
                src.position(src.limit());
            } else {
                while (src.hasRemaining()) {
                    int c = Math.min(scratch.length, src.remaining());
                    src.get(scratch, 0, c);
                    out.write(scratch, 0, c);
                }
            }
            return n;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() throws IOException {
            if (open) {
                open = false;
                out.close();
            }
        }
    }
}

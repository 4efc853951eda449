package org.multitunnel.capture.write;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

/**
 * Opens the byte sink the capture writers stream into: a plain file channel, or a gzip stream whose flush pushes
 * everything written so far (sync flush), so live write-through loses nothing on a crash.
 */
public final class CaptureOutput {
    private CaptureOutput() {
    }

    /** Creates (or truncates) {@code file}; gzip-compressed when {@code gzip} is true. */
    public static WritableByteChannel create(Path file, boolean gzip) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
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

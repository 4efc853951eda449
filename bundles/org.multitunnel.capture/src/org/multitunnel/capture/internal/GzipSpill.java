package org.multitunnel.capture.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Decompresses a gzip capture into an anonymous spill file so it can be memory-mapped like any other capture
 * (random access by packet number needs the plain bytes). The spill is unlinked right after opening on systems that
 * allow it, so a crash leaves nothing behind; otherwise it is deleted on exit. A corrupt or truncated gzip stream
 * keeps what was decompressed before the damage and reports the problem; so does a cancelled decompression.
 */
final class GzipSpill {
    record Result(FileChannel channel, String problem) {
    }

    private GzipSpill() {
    }

    static Result decompress(Path gz, java.util.function.BooleanSupplier cancelled) throws IOException {
        Path tmp = Files.createTempFile("multitunnel-capture-", ".spill");
        FileChannel out = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            Files.delete(tmp); // POSIX: the open channel keeps the data until it is closed
        } catch (IOException e) {
            tmp.toFile().deleteOnExit();
        }
        String problem = null;
        long written = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
            byte[] chunk = new byte[1 << 16];
            ByteBuffer wrap = ByteBuffer.wrap(chunk);
            int n;
            while ((n = in.read(chunk)) > 0) {
                if (cancelled.getAsBoolean()) {
                    problem = "decompression cancelled after " + written + " bytes";
                    break;
                }
                wrap.clear().limit(n);
                while (wrap.hasRemaining()) {
                    written += out.write(wrap, written);
                }
            }
        } catch (EOFException e) {
            problem = "gzip stream is truncated after " + written + " decompressed bytes";
        } catch (ZipException e) {
            problem = "gzip stream is corrupt after " + written + " decompressed bytes: " + e.getMessage();
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        return new Result(out, problem);
    }
}

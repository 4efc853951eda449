package org.multitunnel.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test helper for writing capture files byte by byte, so each test spells out every header field with a comment.
 * All multi-byte values use the builder's current byte order, which a test may switch (several pcapng sections).
 */
final class Crafted {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order;

    private Crafted(ByteOrder order) {
        this.order = order;
    }

    static Crafted bigEndian() {
        return new Crafted(ByteOrder.BIG_ENDIAN);
    }

    static Crafted littleEndian() {
        return new Crafted(ByteOrder.LITTLE_ENDIAN);
    }

    Crafted order(ByteOrder o) {
        order = o;
        return this;
    }

    Crafted u8(int v) {
        out.write(v);
        return this;
    }

    Crafted u16(int v) {
        ByteBuffer b = ByteBuffer.allocate(2).order(order).putShort((short) v);
        out.writeBytes(b.array());
        return this;
    }

    Crafted u32(long v) {
        ByteBuffer b = ByteBuffer.allocate(4).order(order).putInt((int) v);
        out.writeBytes(b.array());
        return this;
    }

    Crafted u64(long v) {
        ByteBuffer b = ByteBuffer.allocate(8).order(order).putLong(v);
        out.writeBytes(b.array());
        return this;
    }

    /** Raw bytes, written as given (byte order does not apply). */
    Crafted bytes(int... values) {
        for (int v : values) {
            out.write(v);
        }
        return this;
    }

    Crafted zeros(int n) {
        out.writeBytes(new byte[n]);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] toArray() {
        return out.toByteArray();
    }

    Path writeTo(Path file) throws IOException {
        Files.write(file, out.toByteArray());
        return file;
    }

    /** Packet payload 0, 1, 2, ... (n bytes), easy to check after reading. */
    static int[] counting(int n, int start) {
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            b[i] = (start + i) & 0xFF;
        }
        return b;
    }

    static byte[] bytesOf(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    static byte[] countingBytes(int n, int start) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (start + i);
        }
        return b;
    }
}

package org.multitunnel.capture.write;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.multitunnel.wire.dissect.DecodeAs;

/**
 * Streams packets into a pcapng file: one section header (optional comments, shb_userappl), interface description
 * blocks with if_tsresol = 9 so timestamps keep full nanosecond precision, and enhanced packet blocks (optional
 * per-packet comment). Used by live capture write-through (several interfaces, link types), agents and the traffic
 * synthesizer. Buffered; no allocation per packet unless a comment is given. The product's writers record the UDP
 * ports they used for Mobile IP as section comments ({@link DecodeAs#comments}), so the file opens decoded with
 * default settings whatever port the agent ran on.
 */
public final class PcapngWriter implements Closeable, Flushable {
    public static final String USER_APPLICATION = "MultiTunnel Workbench";
    private static final int MAX_OPTION_BYTES = 0xFFFF;

    private final BlockBuffer out;
    private int interfaces;
    private int[] snapLengths = new int[4];
    private long packets;

    /** Writes the section header block at once; {@code sectionComment} may be null. */
    public PcapngWriter(WritableByteChannel channel, String sectionComment, ByteOrder order) throws IOException {
        this(order, channel, sectionComment == null ? List.of() : List.of(sectionComment));
    }

    /** Writes the section header block at once with one opt_comment per entry of {@code sectionComments}. */
    public static PcapngWriter withComments(WritableByteChannel channel, List<String> sectionComments,
            ByteOrder order) throws IOException {
        return new PcapngWriter(order, channel, sectionComments);
    }

    private PcapngWriter(ByteOrder order, WritableByteChannel channel, List<String> sectionComments)
            throws IOException {
        this.out = new BlockBuffer(channel, order);
        List<byte[]> comments = new ArrayList<>();
        int commentBytes = 0;
        for (String c : sectionComments) {
            byte[] u = utf8(c);
            if (u != null) {
                comments.add(u);
                commentBytes += optionBytes(u);
            }
        }
        byte[] appl = utf8(USER_APPLICATION);
        int length = 24 + commentBytes + optionBytes(appl) + 4 + 4; // header, options, end, trailer
        ByteBuffer b = out.room(24);
        b.putInt(0x0A0D0D0A); // block type: SHB
        b.putInt(length); // block total length
        b.putInt(0x1A2B3C4D); // byte-order magic, in the writer's order
        b.putShort((short) 1); // major version
        b.putShort((short) 0); // minor version
        b.putLong(-1L); // section length: not specified
        for (byte[] c : comments) {
            option(1, c); // opt_comment
        }
        option(4, appl); // shb_userappl
        endOfOptions();
        out.room(4).putInt(length);
    }

    /** Creates {@code file} (gzip-compressed if asked), little-endian, with an optional section comment. */
    public static PcapngWriter create(Path file, String sectionComment, boolean gzip) throws IOException {
        return createWithComments(file, sectionComment == null ? List.of() : List.of(sectionComment), gzip);
    }

    /**
     * Creates {@code file} with a section comment (may be null) and one {@code multitunnel:decode-as
     * udp.port==N,mip} comment per port of {@code mipPorts}: the UDP ports the writer's packets use for Mobile IP.
     */
    public static PcapngWriter create(Path file, String sectionComment, Collection<Integer> mipPorts, boolean gzip)
            throws IOException {
        List<String> comments = new ArrayList<>();
        if (sectionComment != null) {
            comments.add(sectionComment);
        }
        comments.addAll(DecodeAs.comments(mipPorts));
        return createWithComments(file, comments, gzip);
    }

    /** Creates {@code file} (gzip-compressed if asked), little-endian, with these section comments. */
    public static PcapngWriter createWithComments(Path file, List<String> sectionComments, boolean gzip)
            throws IOException {
        WritableByteChannel ch = CaptureOutput.create(file, gzip);
        try {
            return new PcapngWriter(ByteOrder.LITTLE_ENDIAN, ch, sectionComments);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Writes an interface description block (if_tsresol 9 = nanoseconds).
     *
     * @param name if_name, or null
     * @return the interface id to pass to {@link #write}
     */
    public int addInterface(int linkType, int snapLength, String name) throws IOException {
        if (linkType < 0 || linkType > 0xFFFF) {
            throw new IllegalArgumentException("pcapng link type is 16 bits: " + linkType);
        }
        byte[] n = utf8(name);
        int length = 16 + optionBytes(n) + 8 /* if_tsresol */ + 4 + 4; // header, options, end, trailer
        ByteBuffer b = out.room(16);
        b.putInt(1); // block type: IDB
        b.putInt(length); // block total length
        b.putShort((short) linkType); // link type
        b.putShort((short) 0); // reserved
        b.putInt(snapLength); // snaplen (0 = unlimited)
        option(2, n); // if_name
        b = out.room(8);
        b.putShort((short) 9); // if_tsresol
        b.putShort((short) 1); // option length 1
        b.put((byte) 9); // 10^-9 s
        b.put((byte) 0).put((byte) 0).put((byte) 0); // padding
        endOfOptions();
        out.room(4).putInt(length);
        if (interfaces == snapLengths.length) {
            snapLengths = java.util.Arrays.copyOf(snapLengths, interfaces * 2);
        }
        snapLengths[interfaces] = snapLength;
        return interfaces++;
    }

    /** Appends one enhanced packet block with the bytes from {@code data}'s position to its limit. */
    public void write(int interfaceId, long timestampNanos, ByteBuffer data, int originalLength) throws IOException {
        write(interfaceId, timestampNanos, data, originalLength, null);
    }

    /**
     * Appends one enhanced packet block; packets longer than the interface snaplen are truncated to it.
     *
     * @param timestampNanos ns since the epoch (≥ 0)
     * @param comment        opt_comment for this packet, or null
     */
    public void write(int interfaceId, long timestampNanos, ByteBuffer data, int originalLength, String comment)
            throws IOException {
        if (interfaceId < 0 || interfaceId >= interfaces) {
            throw new IllegalArgumentException("no interface " + interfaceId + " (have " + interfaces + ")");
        }
        if (timestampNanos < 0) {
            throw new IllegalArgumentException("negative timestamp: " + timestampNanos);
        }
        int snap = snapLengths[interfaceId];
        int caplen = snap > 0 ? Math.min(data.remaining(), snap) : data.remaining();
        int padded = (caplen + 3) & ~3;
        byte[] c = comment == null ? null : utf8(comment);
        int opts = c == null ? 0 : optionBytes(c) + 4;
        int length = 28 + padded + opts + 4;
        ByteBuffer b = out.room(28);
        b.putInt(6); // block type: EPB
        b.putInt(length); // block total length
        b.putInt(interfaceId); // interface id
        b.putInt((int) (timestampNanos >>> 32)); // timestamp high
        b.putInt((int) timestampNanos); // timestamp low
        b.putInt(caplen); // captured length
        b.putInt(Math.max(originalLength, data.remaining())); // original length
        out.put(data, caplen);
        out.zeros(padded - caplen);
        if (c != null) {
            option(1, c);
            endOfOptions();
        }
        out.room(4).putInt(length);
        packets++;
    }

    /**
     * Writes an interface statistics block (ISB), e.g. the kernel counters at the end of a live capture, so the file
     * itself records how many packets the interface received and dropped.
     *
     * @param received isb_ifrecv, or -1 to omit
     * @param dropped  isb_ifdrop, or -1 to omit
     */
    public void writeInterfaceStatistics(int interfaceId, long timestampNanos, long received, long dropped)
            throws IOException {
        if (interfaceId < 0 || interfaceId >= interfaces) {
            throw new IllegalArgumentException("no interface " + interfaceId + " (have " + interfaces + ")");
        }
        int opts = (received >= 0 ? 12 : 0) + (dropped >= 0 ? 12 : 0);
        int length = 20 + (opts > 0 ? opts + 4 : 0) + 4;
        ByteBuffer b = out.room(20);
        b.putInt(5); // block type: ISB
        b.putInt(length); // block total length
        b.putInt(interfaceId); // interface id
        b.putInt((int) (timestampNanos >>> 32)); // timestamp high
        b.putInt((int) timestampNanos); // timestamp low
        if (received >= 0) {
            b = out.room(12);
            b.putShort((short) 4).putShort((short) 8).putLong(received); // isb_ifrecv
        }
        if (dropped >= 0) {
            b = out.room(12);
            b.putShort((short) 5).putShort((short) 8).putLong(dropped); // isb_ifdrop
        }
        if (opts > 0) {
            endOfOptions();
        }
        out.room(4).putInt(length);
    }

    public long packetsWritten() {
        return packets;
    }

    private void option(int code, byte[] value) throws IOException {
        if (value == null) {
            return;
        }
        ByteBuffer b = out.room(4);
        b.putShort((short) code);
        b.putShort((short) value.length);
        out.put(value, 0, value.length);
        out.zeros(((value.length + 3) & ~3) - value.length);
    }

    private void endOfOptions() throws IOException {
        out.room(4).putInt(0); // opt_endofopt, length 0
    }

    private static int optionBytes(byte[] value) {
        return value == null ? 0 : 4 + ((value.length + 3) & ~3);
    }

    private static byte[] utf8(String s) {
        if (s == null) {
            return null;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_OPTION_BYTES) {
            throw new IllegalArgumentException("option text longer than " + MAX_OPTION_BYTES + " bytes");
        }
        return b;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

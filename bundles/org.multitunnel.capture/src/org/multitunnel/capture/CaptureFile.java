package org.multitunnel.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.multitunnel.capture.index.PacketIndex;
import org.multitunnel.capture.internal.CaptureSource;
import org.multitunnel.capture.internal.InterfaceTable;
import org.multitunnel.capture.internal.MappedCapture;
import org.multitunnel.capture.internal.MappingFaults;
import org.multitunnel.capture.internal.ScanContext;
import org.multitunnel.capture.internal.Scanners;
import org.multitunnel.capture.internal.Warnings;
import org.multitunnel.capture.internal.pcapng.PcapngScanner;

/**
 * An opened, indexed capture: any packet can be fetched by number as a zero-copy view of the memory-mapped file,
 * which is what the packet list, the dissector pane and analyses that revisit packets need. Built in one pass over
 * pcap, pcapng or gzip-compressed captures of any size (see {@link PacketIndex} for the
 * {@value PacketIndex#BYTES_PER_PACKET} bytes kept per packet); damage becomes {@link #warnings()}, never an
 * exception.
 *
 * <pre>{@code
 * try (CaptureFile f = CaptureFile.open(path)) {
 *     for (int i = 0; i < f.packetCount(); i++) {
 *         ByteBuffer frame = f.packet(i);          // read-only, big-endian, no copy
 *         long t = f.timestampNanos(i);
 *     }
 * }
 * }</pre>
 *
 * With {@link #openInBackground} indexing continues on a daemon thread and {@link #packetCount()} grows; every
 * accessor is safe to call from other threads for {@code i < packetCount()}. A gzip-compressed file is first
 * decompressed into an unlinked spill file (on the indexing thread for {@code openInBackground}); offsets and
 * warnings then refer to the decompressed bytes.
 */
public final class CaptureFile implements AutoCloseable {
    private final Path path;
    private final CaptureSource.Kind kind;
    /** Set before the first packet is indexed; null while a background open is still decompressing. */
    private volatile CaptureSource source;
    private final PacketIndex index = new PacketIndex();
    private final InterfaceTable interfaces = new InterfaceTable();
    private final Warnings warnings;
    private final CountDownLatch indexed = new CountDownLatch(1);
    private volatile boolean closing;
    private volatile boolean closed;
    /** Following a growing file: the writer has closed it, so the next pass is the last. */
    private volatile boolean writerDone;
    /** See {@link #readableEnd()}; lowered (under {@link #growth}) when the file is found to have shrunk. */
    private volatile long readableEnd = Long.MAX_VALUE;
    private final Object growth = new Object();
    private Thread indexer;

    private CaptureFile(Path path, CaptureSource.Kind kind, OpenOptions options) {
        this.path = path;
        this.kind = kind;
        this.warnings = new Warnings(options.maxWarnings());
    }

    /** Opens and fully indexes a capture. */
    public static CaptureFile open(Path file) throws IOException {
        return open(file, OpenOptions.defaults());
    }

    /**
     * Opens and fully indexes a capture, running {@code options.classifier()} on every packet.
     *
     * @throws NotACaptureFileException the file is not pcap, pcapng or gzip (message says what was found)
     * @throws IOException              the file cannot be read
     */
    public static CaptureFile open(Path file, OpenOptions options) throws IOException {
        return indexed(file, CaptureSource.open(file, options), options);
    }

    /**
     * Reads a capture from a stream (a pipe, standard input; plain or gzip) into an unlinked spill file within
     * {@code options.spill()} and indexes it. {@code name} stands for the stream in messages and {@link #path()}.
     *
     * @throws DecompressionLimitException the stream reached a bound of {@code options.spill()}
     */
    public static CaptureFile open(java.io.InputStream stream, String name, OpenOptions options) throws IOException {
        return indexed(Path.of(name), CaptureSource.open(stream, name, options, () -> false), options);
    }

    private static CaptureFile indexed(Path file, CaptureSource s, OpenOptions options) throws IOException {
        CaptureFile f = new CaptureFile(file, new CaptureSource.Kind(s.format, s.pcapOrder, s.compressed), options);
        f.source = s;
        try {
            f.index(options.classifier(), null);
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        } finally {
            f.indexed.countDown();
        }
        return f;
    }

    /**
     * Recognises the capture from its first bytes and returns at once, while a daemon thread decompresses it (gzip)
     * and builds the index; {@link #packetCount()} grows as it goes. The listener gets progress, may cancel, and is
     * told when indexing ends. "Not a capture file" is still thrown here, synchronously.
     */
    public static CaptureFile openInBackground(Path file, OpenOptions options, IndexListener listener)
            throws IOException {
        Objects.requireNonNull(listener, "listener");
        CaptureFile f = new CaptureFile(file, CaptureSource.probe(file), options);
        Thread t = new Thread(() -> {
            try {
                f.source = CaptureSource.open(file, options, () -> f.closing || listener.cancelled());
                f.index(options.classifier(), listener);
            } catch (IOException | RuntimeException e) {
                boolean cancelled = f.closing || listener.cancelled();
                f.warnings.add(f.sizeBytes(), ReadWarning.Kind.INCOMPLETE,
                        cancelled ? "indexing cancelled while decompressing" : "indexing failed: " + e);
                listener.finished(f.packetCount(), f.warnings(), cancelled ? null : e);
            } finally {
                f.indexed.countDown();
            }
        }, "capture-index " + file.getFileName());
        t.setDaemon(true);
        f.indexer = t;
        t.start();
        return f;
    }

    /**
     * Indexes a pcapng file that another thread or process is still writing (a live capture's write-through file):
     * a daemon thread indexes what is there, then polls every {@code pollMillis} for more, treating a block cut off
     * at the end as not yet written rather than damage, until {@link #endFollowing()} says the writer has closed
     * the file; then it indexes the rest as a normal file (a truncated last block is reported) and finishes. The
     * listener's {@link IndexListener#caughtUp} runs after each poll. {@link #packetCount()} grows as for
     * {@link #openInBackground}; readers see new packets through a fresh mapping of the grown file.
     *
     * @throws NotACaptureFileException the file does not start as pcapng
     */
    public static CaptureFile follow(Path file, OpenOptions options, IndexListener listener, long pollMillis)
            throws IOException {
        Objects.requireNonNull(listener, "listener");
        CaptureSource.Kind kind = CaptureSource.probe(file);
        if (kind.format() != Format.PCAPNG || kind.compressed()) {
            throw new NotACaptureFileException(file + ": only an uncompressed pcapng file can be followed");
        }
        CaptureFile f = new CaptureFile(file, kind, options);
        f.source = CaptureSource.open(file, options);
        Thread t = new Thread(() -> {
            try {
                f.followLoop(options.classifier(), listener, Math.max(1, pollMillis));
            } catch (IOException | RuntimeException e) {
                f.warnings.add(f.sizeBytes(), ReadWarning.Kind.INCOMPLETE, "indexing failed: " + e);
                listener.finished(f.packetCount(), f.warnings(), e);
            } finally {
                f.indexed.countDown();
            }
        }, "capture-follow " + file.getFileName());
        t.setDaemon(true);
        f.indexer = t;
        t.start();
        return f;
    }

    /** Tells a {@link #follow}ed capture that its writer has closed the file: index the rest and finish. */
    public void endFollowing() {
        writerDone = true;
        synchronized (growth) {
            growth.notifyAll();
        }
    }

    private void followLoop(IndexClassifier classifier, IndexListener listener, long pollMillis)
            throws IOException {
        IndexListener control = new IndexListener() {
            @Override
            public void progress(int packets, long bytesScanned, long totalBytes) {
                listener.progress(packets, bytesScanned, totalBytes);
            }

            @Override
            public boolean cancelled() {
                return closing || listener.cancelled();
            }
        };
        PacketIndex idx = index;
        ScanContext ctx = new ScanContext(source.data, warnings, interfaces, view -> {
            idx.add(view.fileOffset(), view.timestampNanos(), view.capturedLength(), view.originalLength(),
                    view.interfaceId(), classifier.classify(view));
            return true;
        }, control);
        PcapngScanner scanner = PcapngScanner.following(ctx);
        long pos = 0;
        while (true) {
            boolean last = writerDone; // read before the size, so the last pass sees everything written
            long size = Files.size(path);
            CaptureSource s = source;
            if (size > s.data.size()) {
                s = s.grown(size);
                source = s; // published before any packet in the new bytes is indexed
                ctx.remap(s.data);
            }
            if (size < s.data.size()) { // truncated by someone else: stop at the new end, as a normal read does
                noteShrink(size, "while it was followed", true);
                break;
            }
            try {
                pos = scanner.resume(pos, !last);
            } catch (InternalError e) {
                if (!MappingFaults.isMappingFault(e) || s.data.currentSize() >= s.data.size()) {
                    throw Scanners.storageFailure(path, e);
                }
                noteShrink(s.data.currentSize(), "while it was followed", true);
                break;
            }
            if (pos < 0 || last || control.cancelled()) {
                break;
            }
            listener.progress(index.size(), pos, size);
            listener.caughtUp(index.size());
            synchronized (growth) {
                if (!writerDone && !closing) {
                    try {
                        growth.wait(pollMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        listener.progress(index.size(), source.data.size(), source.data.size());
        listener.caughtUp(index.size());
        listener.finished(index.size(), warnings.snapshot(), null);
    }

    /** The single indexing pass; the caller counts {@link #indexed} down afterwards, whatever happens. */
    private void index(IndexClassifier classifier, IndexListener listener) throws IOException {
        CaptureSource src = source;
        IndexListener control = new IndexListener() {
            @Override
            public void progress(int packets, long bytesScanned, long totalBytes) {
                if (listener != null) {
                    listener.progress(packets, bytesScanned, totalBytes);
                }
            }

            @Override
            public boolean cancelled() {
                return closing || (listener != null && listener.cancelled());
            }
        };
        PacketIndex idx = index;
        ScanContext ctx = new ScanContext(src.data, warnings, interfaces, view -> {
            idx.add(view.fileOffset(), view.timestampNanos(), view.capturedLength(), view.originalLength(),
                    view.interfaceId(), classifier.classify(view));
            return true;
        }, control);
        Scanners.scan(src, ctx);
        long now = src.data.currentSize();
        if (now < src.data.size()) { // the scan has warned if it met the new end; else it shrank just after
            noteShrink(now, "while it was indexed",
                    warnings.snapshot().stream().noneMatch(w -> w.kind() == ReadWarning.Kind.SHRANK));
        }
        if (listener != null) {
            listener.progress(index.size(), src.data.size(), src.data.size());
            listener.finished(index.size(), warnings.snapshot(), null);
        }
    }

    /** Packets indexed so far; final once {@link #indexingComplete()}. */
    public int packetCount() {
        return index.size();
    }

    /** Capture time of packet {@code i} in ns since the epoch (0 for pcapng simple packet blocks). */
    public long timestampNanos(int i) {
        return index.timestampNanos(i);
    }

    public int capturedLength(int i) {
        return index.capturedLength(i);
    }

    public int originalLength(int i) {
        return index.originalLength(i);
    }

    /** Interface of packet {@code i}: an index into {@link #interfaces()}. */
    public int interfaceId(int i) {
        return index.interfaceId(i);
    }

    /** LINKTYPE_* of packet {@code i}'s interface. */
    public int linkType(int i) {
        return interfaces.get(index.interfaceId(i)).linkType();
    }

    /** Bits the classifier returned for packet {@code i} (0 without a classifier). */
    public int classification(int i) {
        return index.bits(i);
    }

    /** Offset of packet {@code i}'s first data byte in the (decompressed) capture. */
    public long fileOffset(int i) {
        return index.fileOffset(i);
    }

    /** Packet {@code i}'s captured bytes: a read-only, big-endian slice of the mapped file, no copy. */
    public ByteBuffer packet(int i) {
        if (closed) {
            throw new IllegalStateException("capture is closed: " + path);
        }
        long offset = index.fileOffset(i);
        int length = index.capturedLength(i);
        if (offset + length > readableEnd) {
            throw gone(i);
        }
        return source.data.slice(offset, length);
    }

    /**
     * Points {@code into} at packet {@code i} without allocating (for passes that revisit many packets by number,
     * e.g. re-classification); the view stays valid until it is refilled or the capture is closed.
     */
    public PacketView view(int i, PacketView into) {
        if (closed) {
            throw new IllegalStateException("capture is closed: " + path);
        }
        long offset = index.fileOffset(i);
        if (offset + index.capturedLength(i) > readableEnd) {
            throw gone(i);
        }
        MappedCapture data = source.data;
        int k = data.windowIndex(offset);
        int itf = index.interfaceId(i);
        into.set(data.window(k, java.nio.ByteOrder.BIG_ENDIAN), (int) (offset - data.windowBase(k)), i,
                offset, index.timestampNanos(i), index.capturedLength(i), index.originalLength(i), itf,
                interfaces.get(itf).linkType());
        return into;
    }

    /**
     * Translates a throwable caught while reading packet bytes: if it is the JVM's fault for a mapped page (see
     * {@link CaptureShrankException}) and the file is now shorter than when it was mapped, this capture notes the
     * new end — {@link #packet} and {@link #view} then throw {@link CaptureShrankException} for the packets past
     * it without touching memory, and a {@link ReadWarning.Kind#SHRANK} warning is added once — and the exception
     * to report is returned. Returns null for anything else (rethrow it).
     *
     * <pre>{@code
     * try {
     *     show(f.packet(i));
     * } catch (InternalError e) {
     *     CaptureShrankException gone = f.shrinkFault(e);
     *     if (gone == null) throw e;
     *     showWarning(gone.getMessage());
     * }
     * }</pre>
     */
    public CaptureShrankException shrinkFault(Throwable t) {
        if (!MappingFaults.isMappingFault(t)) {
            return null;
        }
        CaptureSource s = source;
        long now;
        try {
            now = s == null ? -1 : s.data.currentSize();
        } catch (IOException e) {
            return null;
        }
        if (now < 0 || now >= s.data.size()) {
            return null;
        }
        noteShrink(now, "after it was opened", true);
        return new CaptureShrankException(path, s.data.size(), now, shrinkMessage(s.data.size(), now,
                "after it was opened"));
    }

    /**
     * Runs {@code work} on packet {@code i}'s bytes ({@link #packet}); the JVM's fault for a page the file no longer
     * has becomes {@link CaptureShrankException} (see {@link #shrinkFault}). For code outside the per-packet hot
     * path (a row, the details of one packet, a filter pass) that must not die because another program truncated
     * the file.
     */
    public <T> T withPacket(int i, java.util.function.Function<ByteBuffer, T> work) {
        ByteBuffer b = packet(i);
        try {
            return work.apply(b);
        } catch (InternalError e) {
            CaptureShrankException gone = shrinkFault(e);
            if (gone == null) {
                throw e;
            }
            throw gone;
        }
    }

    /** Packets whose bytes end past this offset are gone (the file shrank); Long.MAX_VALUE while it has not. */
    public long readableEnd() {
        return readableEnd;
    }

    private void noteShrink(long now, String when, boolean warn) {
        synchronized (growth) {
            if (now >= readableEnd) {
                return;
            }
            readableEnd = now;
        }
        if (warn) {
            warnings.add(now, ReadWarning.Kind.SHRANK, shrinkMessage(sizeBytes(), now, when), index.size());
        }
    }

    private String shrinkMessage(long mapped, long now, String when) {
        return String.format("%s shrank from %,d to %,d bytes %s (another program truncated it); packets past"
                + " byte %,d can no longer be read, the others are kept", path, mapped, now, when, now);
    }

    private CaptureShrankException gone(int i) {
        long mapped = sizeBytes();
        return new CaptureShrankException(path, mapped, readableEnd, String.format("%s: packet %d is gone: the file"
                + " shrank from %,d to %,d bytes after it was opened (another program truncated it)", path, i + 1,
                mapped, readableEnd));
    }

    /** Interface {@code id} (an indexed packet's, see {@link #interfaceId}); no copy, unlike {@link #interfaces()}. */
    public CaptureInterface captureInterface(int id) {
        return interfaces.get(id);
    }

    /** A reusable view for {@link #view} that also names its packet's {@link PacketView#captureInterface()}. */
    public PacketView newView() {
        return new PacketView(interfaces::get);
    }

    /** Interfaces in file order, numbered across pcapng sections (pcap: exactly one). */
    public List<CaptureInterface> interfaces() {
        return interfaces.list();
    }

    /** Problems met so far, in file order (bounded; see {@link OpenOptions#maxWarnings()}). */
    public List<ReadWarning> warnings() {
        return warnings.snapshot();
    }

    public Format format() {
        return kind.format();
    }

    /** The file was gzip-compressed (offsets then refer to the decompressed bytes). */
    public boolean compressed() {
        return kind.compressed();
    }

    public Path path() {
        return path;
    }

    /** Heap held by the packet index so far ({@link PacketIndex#allocatedBytes()}). */
    public long indexBytes() {
        return index.allocatedBytes();
    }

    /** Size of the (decompressed) capture in bytes; 0 while a background open is still decompressing. */
    public long sizeBytes() {
        CaptureSource s = source;
        return s == null ? 0 : s.data.size();
    }

    public boolean indexingComplete() {
        return indexed.getCount() == 0;
    }

    /** Waits until indexing has ended (completed, cancelled or failed) and the listener was told. */
    public void awaitIndexing() throws InterruptedException {
        indexed.await();
    }

    /** @return {@code true} if indexing ended within the timeout */
    public boolean awaitIndexing(long timeout, TimeUnit unit) throws InterruptedException {
        return indexed.await(timeout, unit);
    }

    /** Stops background indexing, waits for it, and releases the file (and a gzip spill). */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closing = true;
        synchronized (growth) {
            growth.notifyAll();
        }
        Thread t = indexer;
        if (t != null && t != Thread.currentThread()) {
            boolean interrupted = false;
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        closed = true;
        CaptureSource s = source;
        if (s != null) {
            s.close();
        }
    }
}

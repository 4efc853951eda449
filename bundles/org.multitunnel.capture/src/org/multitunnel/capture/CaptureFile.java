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
        CaptureSource s = CaptureSource.open(file, options.windowBytes());
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
                f.source = CaptureSource.open(file, options.windowBytes(), () -> f.closing || listener.cancelled());
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
        f.source = CaptureSource.open(file, options.windowBytes());
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
            pos = scanner.resume(pos, !last);
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
        return source.data.slice(offset, index.capturedLength(i));
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
        MappedCapture data = source.data;
        int k = data.windowIndex(offset);
        int itf = index.interfaceId(i);
        into.set(data.window(k, java.nio.ByteOrder.BIG_ENDIAN), (int) (offset - data.windowBase(k)), i,
                offset, index.timestampNanos(i), index.capturedLength(i), index.originalLength(i), itf,
                interfaces.get(itf).linkType());
        return into;
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

package org.multitunnel.ui.session;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.function.Supplier;

import org.multitunnel.capture.CaptureFile;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.Finding;
import org.multitunnel.wire.dissect.MipConfig;

/**
 * One capture the user has open: the growing packet index the tables read by number, and the EMF session the
 * analysis fills. Parts receive it in events and keep no other copy of the data; state flags are volatile because
 * the opening job writes them while the UI thread reads them.
 */
public final class OpenCapture {
    private final Path path;
    private final CaptureFile file;
    private final CaptureSession session;
    private final MipConfig mipConfig;
    private volatile boolean indexingDone;
    private volatile boolean analysisDone;
    private volatile boolean cancelled;
    private volatile String analysisProblem;
    /** The status line of the live capture writing this file, or null for a capture opened from a file. */
    private volatile Supplier<String> liveStatus;
    /** Frames (1-based) that have a finding; filled on the UI thread when the analysis ends. */
    private volatile BitSet findingFrames = new BitSet();

    OpenCapture(Path path, CaptureFile file, CaptureSession session) {
        this(path, file, session, MipConfig.defaults());
    }

    OpenCapture(Path path, CaptureFile file, CaptureSession session, MipConfig mipConfig) {
        this.path = path;
        this.file = file;
        this.session = session;
        this.mipConfig = mipConfig;
    }

    /**
     * Where Mobile IP is recognised in this capture (UDP ports, draft extension numbers): the preferences at the time
     * it was opened, used alike by the analysis and by the views' dissection, so they agree on every packet.
     */
    public MipConfig mipConfig() {
        return mipConfig;
    }

    public Path path() {
        return path;
    }

    public CaptureFile file() {
        return file;
    }

    public CaptureSession session() {
        return session;
    }

    /** Packets indexed so far (grows while indexing continues). */
    public int packetCount() {
        return file.packetCount();
    }

    public boolean indexingDone() {
        return indexingDone;
    }

    public boolean analysisDone() {
        return analysisDone;
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Why the analysis stopped early, or null. */
    public String analysisProblem() {
        return analysisProblem;
    }

    /** True when packet {@code index} (0-based) is the frame of a finding. */
    public boolean hasFinding(int index) {
        return findingFrames.get(index + 1);
    }

    /** True while a live capture is still writing (and the views are following) this capture. */
    public boolean isLive() {
        return liveStatus != null && !indexingDone;
    }

    /** True if this capture was recorded live in this session (it may have stopped since). */
    public boolean wasCapturedLive() {
        return liveStatus != null;
    }

    void live(Supplier<String> status) {
        liveStatus = status;
    }

    void markIndexingDone() {
        indexingDone = true;
    }

    void markAnalysisDone(String problem) {
        analysisProblem = problem;
        analysisDone = true;
    }

    void markCancelled() {
        cancelled = true;
    }

    /** Called on the UI thread (the model's owner) once the analysis has written its findings. */
    void indexFindings() {
        BitSet frames = new BitSet();
        for (Finding f : session.getFindings()) {
            if (f.getFrame() > 0 && f.getFrame() <= Integer.MAX_VALUE) {
                frames.set((int) f.getFrame());
            }
        }
        findingFrames = frames;
    }

    /** Short state text for the status strip, e.g. "2,968 packets · analysing…". */
    public String statusText() {
        Supplier<String> live = liveStatus;
        if (live != null) {
            return live.get();
        }
        String state = cancelled ? "cancelled" : !indexingDone ? "indexing…" : !analysisDone ? "analysing…"
                : analysisProblem != null ? "analysis stopped: " + analysisProblem : "done";
        long end = file.readableEnd();
        String shrank = end == Long.MAX_VALUE ? "" : String.format(" · the file shrank: packets past byte %,d are gone",
                end);
        return String.format("%s — %,d packets · %s%s", path.getFileName(), packetCount(), state, shrank);
    }
}

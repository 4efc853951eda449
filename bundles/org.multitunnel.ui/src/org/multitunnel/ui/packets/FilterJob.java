package org.multitunnel.ui.packets;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.multitunnel.analysis.filter.CaptureFilter;
import org.multitunnel.analysis.filter.DisplayFilter;
import org.multitunnel.analysis.filter.FilterContext;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.capture.DecodeAsResolver;
import org.multitunnel.ui.session.OpenCapture;
import org.multitunnel.wire.dissect.Addresses;
import org.multitunnel.wire.fast.PacketClassifier;
import org.multitunnel.wire.fast.PacketKind;
import org.multitunnel.wire.fast.PacketSummary;

/**
 * Applies a display filter to every packet of a capture off the UI thread with the analysis bundle's engine
 * ({@link CaptureFilter}: header fields read in place, dissection only where the filter needs it), answers the
 * pseudo-fields (finding, tunnel endpoints) on demand and collects the matching packet indices in a primitive array,
 * which the virtual Packets table then shows. Cancelable; reports progress to a {@link Sink}.
 */
public final class FilterJob extends Job {
    /** Receives progress and the result (called on the job's thread; the receiver moves to the UI thread). */
    public interface Sink {
        void progress(FilterJob job, int done, int total);

        void done(FilterJob job, int[] matching);
    }

    private static final long PROGRESS_EVERY_NANOS = 100_000_000L;

    private final OpenCapture capture;
    private final DisplayFilter filter;
    private final Set<String> careOfs;
    private final Set<String> homeAgents;
    private final Sink sink;
    private final int from;
    private final int[] prefix;
    private volatile int covered;

    /**
     * @param careOfs    care-of addresses known from the analysis (decide which outer end of a tunnel is the CoA)
     * @param homeAgents home agent addresses known from the analysis
     */
    public FilterJob(OpenCapture capture, DisplayFilter filter, Set<String> careOfs, Set<String> homeAgents,
            Sink sink) {
        this(capture, filter, careOfs, homeAgents, sink, 0, new int[0]);
    }

    /**
     * Continues a finished filter over the packets a live capture added since: {@code prefix} are the matches
     * among the first {@code from} packets; the result is the prefix followed by the new matches.
     */
    public FilterJob(OpenCapture capture, DisplayFilter filter, Set<String> careOfs, Set<String> homeAgents,
            Sink sink, int from, int[] prefix) {
        super("Filtering packets: " + filter.text());
        this.capture = capture;
        this.filter = filter;
        this.careOfs = careOfs;
        this.homeAgents = homeAgents;
        this.sink = sink;
        this.from = from;
        this.prefix = prefix;
        setSystem(true); // progress is shown in the Packets status line
    }

    /** How many packets (from the first) the result covers; known once the job has started. */
    public int covered() {
        return covered;
    }

    public DisplayFilter filter() {
        return filter;
    }

    public OpenCapture capture() {
        return capture;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        CaptureFile file = capture.file();
        int n = capture.packetCount();
        covered = n;
        monitor.beginTask(getName(), n - from);
        DecodeAsResolver decodeAs = new DecodeAsResolver(capture.mipConfig()); // + the file's own ports
        PacketContext ctx = new PacketContext(file, decodeAs);
        long[] last = { System.nanoTime() };
        int[] reported = { 0 };
        int[] matching;
        try {
            matching = CaptureFilter.select(file, filter, decodeAs, from, n, ctx::at,
                    new CaptureFilter.Progress() {
                        @Override
                        public boolean cancelled() {
                            return monitor.isCanceled();
                        }

                        @Override
                        public void done(int packets) {
                            monitor.worked(packets - reported[0]);
                            reported[0] = packets;
                            long now = System.nanoTime();
                            if (now - last[0] > PROGRESS_EVERY_NANOS) {
                                last[0] = now;
                                sink.progress(FilterJob.this, from + packets, n);
                            }
                        }
                    });
        } catch (IllegalStateException e) {
            return Status.CANCEL_STATUS; // the capture was closed (another file opened) while filtering
        } finally {
            monitor.done();
        }
        if (matching == null) {
            return Status.CANCEL_STATUS;
        }
        int[] out = Arrays.copyOf(prefix, prefix.length + matching.length);
        System.arraycopy(matching, 0, out, prefix.length, matching.length);
        sink.done(this, out);
        return Status.OK_STATUS;
    }

    /**
     * The pseudo-fields of the packet being filtered, reused for every packet and computed only when the filter asks:
     * the finding flag from the analysis, the tunnel endpoints by classifying the packet (which outer end is the
     * care-of address is decided by the analysis' care-of and home agent addresses).
     */
    private final class PacketContext implements FilterContext {
        private final CaptureFile file;
        private final DecodeAsResolver decodeAs;
        private final PacketSummary summary = new PacketSummary();
        private int index;
        private boolean tunnelKnown;
        private String careOf;
        private String homeAgent;

        PacketContext(CaptureFile file, DecodeAsResolver decodeAs) {
            this.file = file;
            this.decodeAs = decodeAs;
        }

        FilterContext at(int i) {
            index = i;
            tunnelKnown = false;
            return this;
        }

        private void tunnel() {
            if (tunnelKnown) {
                return;
            }
            tunnelKnown = true;
            careOf = null;
            homeAgent = null;
            ByteBuffer buf = file.packet(index); // a packet the file lost throws; the filter loop treats it as no match
            if (PacketClassifier.classify(file.linkType(index), buf, buf.position(), buf.remaining(), summary,
                    decodeAs.ports(file, index)) == PacketKind.TUNNEL_DATA && summary.ipVersion() == 4) {
                String src = Addresses.ipv4(summary.outerSrc());
                String dst = Addresses.ipv4(summary.outerDst());
                boolean srcIsHa = homeAgents.contains(src) || careOfs.contains(dst);
                careOf = srcIsHa ? dst : src;
                homeAgent = srcIsHa ? src : dst;
            }
        }

        @Override
        public boolean hasFinding() {
            return capture.hasFinding(index);
        }

        @Override
        public String tunnelCareOf() {
            tunnel();
            return careOf;
        }

        @Override
        public String tunnelHomeAgent() {
            tunnel();
            return homeAgent;
        }
    }
}

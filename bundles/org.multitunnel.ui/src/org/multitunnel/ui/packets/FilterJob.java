package org.multitunnel.ui.packets;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.multitunnel.analysis.filter.DisplayFilter;
import org.multitunnel.analysis.filter.FilterContext;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.capture.CaptureShrankException;
import org.multitunnel.capture.DecodeAsResolver;
import org.multitunnel.ui.session.OpenCapture;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.dissect.Addresses;
import org.multitunnel.wire.fast.PacketClassifier;
import org.multitunnel.wire.fast.PacketKind;
import org.multitunnel.wire.fast.PacketSummary;

/**
 * Applies a display filter to every packet of a capture off the UI thread: dissects each packet, answers the
 * pseudo-fields (finding, tunnel endpoints) and collects the matching packet indices in a primitive array, which
 * the virtual Packets table then shows. Cancelable; reports progress to a {@link Sink}.
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
        PacketSummary s = new PacketSummary();
        PacketContext ctx = new PacketContext();
        int[] out = Arrays.copyOf(prefix, Math.max(prefix.length + 16, Math.min(n, 4096)));
        int count = prefix.length;
        long last = System.nanoTime();
        try {
            for (int i = from; i < n; i++) {
                if (monitor.isCanceled()) {
                    return Status.CANCEL_STATUS;
                }
                int linkType = file.linkType(i);
                boolean finding = capture.hasFinding(i);
                int packet = i;
                boolean matches;
                try { // a packet whose bytes are gone (the file shrank after it was opened) matches nothing
                    matches = file.withPacket(i, buf -> {
                        List<Field> layers = decodeAs.dissector(file, packet).dissect(linkType, buf.duplicate());
                        ctx.reset(finding);
                        if (PacketClassifier.classify(linkType, buf, buf.position(), buf.remaining(), s,
                                decodeAs.ports(file, packet)) == PacketKind.TUNNEL_DATA && s.ipVersion() == 4) {
                            ctx.tunnel(Addresses.ipv4(s.outerSrc()), Addresses.ipv4(s.outerDst()));
                        }
                        return filter.matches(layers, ctx);
                    });
                } catch (CaptureShrankException e) {
                    matches = false;
                }
                if (matches) {
                    if (count == out.length) {
                        out = Arrays.copyOf(out, out.length * 2);
                    }
                    out[count++] = i;
                }
                if ((i & 255) == 255) {
                    monitor.worked(256);
                    long now = System.nanoTime();
                    if (now - last > PROGRESS_EVERY_NANOS) {
                        last = now;
                        sink.progress(this, i + 1, n);
                    }
                }
            }
        } catch (IllegalStateException e) {
            return Status.CANCEL_STATUS; // the capture was closed (another file opened) while filtering
        } finally {
            monitor.done();
        }
        sink.done(this, Arrays.copyOf(out, count));
        return Status.OK_STATUS;
    }

    /** The pseudo-fields of the packet being filtered; reused for every packet. */
    private final class PacketContext implements FilterContext {
        private boolean finding;
        private String careOf;
        private String homeAgent;

        void reset(boolean hasFinding) {
            finding = hasFinding;
            careOf = null;
            homeAgent = null;
        }

        void tunnel(String src, String dst) {
            boolean srcIsHa = homeAgents.contains(src) || careOfs.contains(dst);
            careOf = srcIsHa ? dst : src;
            homeAgent = srcIsHa ? src : dst;
        }

        @Override
        public boolean hasFinding() {
            return finding;
        }

        @Override
        public String tunnelCareOf() {
            return careOf;
        }

        @Override
        public String tunnelHomeAgent() {
            return homeAgent;
        }
    }
}

package org.multitunnel.ui.testbed.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.multitunnel.agent.load.LoadGenerator;
import org.multitunnel.agent.load.LoadListener;
import org.multitunnel.agent.load.LoadReport;
import org.multitunnel.agent.load.LoadReportJson;
import org.multitunnel.agent.load.LoadSecond;
import org.multitunnel.agent.load.LoadSettings;

/**
 * What the Load part shows, without any widget: the per-second series of a running load (the same engine as
 * {@code multitunnel load}) or of an opened JSON report, the finished report, the phase and a summary. Changes are
 * announced to listeners on whatever thread made them (the generator's thread while a load runs); the part moves
 * them to the display thread. Tested without a display.
 */
public final class LoadModel {
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<LoadSecond> series = new ArrayList<>();
    private volatile LoadReport report;
    private volatile LoadGenerator running;
    private volatile String phase = "";
    private volatile String problem;

    public void addListener(Runnable l) {
        listeners.add(l);
    }

    /** The seconds so far (a copy). */
    public List<LoadSecond> series() {
        synchronized (series) {
            return List.copyOf(series);
        }
    }

    /** The finished or opened report, or null. */
    public LoadReport report() {
        return report;
    }

    public boolean running() {
        return running != null;
    }

    public String phase() {
        return phase;
    }

    /** Why the last run could not start or failed, or null. */
    public String problem() {
        return problem;
    }

    /** Opens a report written by {@code multitunnel load --report} (or saved here). */
    public void open(Path file) throws IOException {
        if (running()) {
            throw new IllegalStateException("a load is running");
        }
        LoadReport r = LoadReportJson.read(Files.readString(file, StandardCharsets.UTF_8));
        synchronized (series) {
            series.clear();
            series.addAll(r.series());
        }
        report = r;
        phase = "";
        problem = null;
        fire();
    }

    public void save(Path file) throws IOException {
        LoadReport r = report;
        if (r == null) {
            throw new IllegalStateException("no finished load to save");
        }
        Files.writeString(file, LoadReportJson.write(r) + "\n", StandardCharsets.UTF_8);
    }

    /** Starts a load on its own thread; the series grows second by second and the report arrives at the end. */
    public Thread start(LoadSettings settings) {
        if (running()) {
            throw new IllegalStateException("a load is running");
        }
        LoadGenerator g = new LoadGenerator(settings, new LoadListener() {
            @Override
            public void second(LoadSecond s) {
                synchronized (series) {
                    series.add(s);
                }
                fire();
            }

            @Override
            public void phase(String name) {
                phase = name;
                fire();
            }
        });
        synchronized (series) {
            series.clear();
        }
        report = null;
        problem = null;
        phase = "starting";
        running = g;
        fire();
        return Thread.ofPlatform().daemon().name("load").start(() -> {
            try {
                report = g.run();
            } catch (IOException | RuntimeException e) {
                problem = e.getMessage() == null ? e.toString() : e.getMessage();
            } finally {
                running = null;
                phase = "";
                fire();
            }
        });
    }

    /** First: stop registering and de-register; second: abandon the run. */
    public void stop() {
        LoadGenerator g = running;
        if (g != null) {
            g.stop();
        }
    }

    /** A few lines about the report (or the running load), as the command line's summary says it. */
    public String summary() {
        LoadReport r = report;
        if (r == null) {
            if (problem != null) {
                return "Load failed: " + problem;
            }
            List<LoadSecond> s = series();
            if (s.isEmpty()) {
                return running() ? "Starting…" : "No load yet: set the target and Run, or open a report.";
            }
            LoadSecond last = s.get(s.size() - 1);
            return String.format(Locale.ROOT, "%s: second %d, offered %d/s, answered %d/s, p50 %s ms, p99 %s ms, "
                    + "%d bindings", phase, last.second(), last.offered(), last.answered(), ms(last.p50()),
                    ms(last.p99()), last.bindings());
        }
        LoadReport.Settings st = r.settings();
        LoadReport.Totals t = r.totals();
        StringBuilder codes = new StringBuilder();
        for (Map.Entry<Integer, Long> e : r.codes().entrySet()) {
            codes.append(codes.isEmpty() ? "" : ", ").append(e.getKey()).append(" ×").append(e.getValue());
        }
        return String.format(Locale.ROOT, "%s: %d nodes × %d BIDs at %d/s — %s (exit %d). Requests %d, answered %d, "
                + "rejected %d, unanswered %d, retransmissions %d, lost %d. Latency p50 %s, p99 %s, max %s ms. "
                + "Codes: %s.", st.target(), st.nodes(), st.bids(), st.rate(), r.verdict(), r.exitCode(),
                t.requests(), t.answered(), t.rejected(), t.unanswered(), t.retransmissions(), t.lostReplies(),
                ms(r.latency().p50()), ms(r.latency().p99()), ms(r.latency().max()), codes);
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private void fire() {
        for (Runnable l : listeners) {
            l.run();
        }
    }
}

package org.multitunnel.analysis.filter.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.analysis.filter.CaptureFilter;
import org.multitunnel.analysis.filter.DisplayFilter;
import org.multitunnel.analysis.filter.FilterSyntaxException;
import org.multitunnel.capture.CaptureFile;
import org.multitunnel.wire.dissect.MipConfig;
import org.multitunnel.wire.dissect.PacketDissector;

/**
 * Measures the display-filter engine on a capture (timing lives here and in releng/filter-bench.sh, never in unit
 * tests): opens and indexes the file once (what the GUI has done before anyone filters), then for each filter runs
 * {@link CaptureFilter#select} over every packet — first pass and best of three — and, with {@code --full}, the way
 * the Packets view filtered before (dissect every frame, then test the tree) for comparison. Prints one line per
 * filter with the match count, so releng/filter-bench.sh can set it beside {@code tshark -Y} on the same file.
 *
 * <p>Usage: {@code FilterBench FILE [--full] [--repeat N] FILTER...}
 */
public final class FilterBench {
    private FilterBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = null;
        boolean full = false;
        int repeat = 3;
        List<String> filters = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--full" -> full = true;
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                default -> {
                    if (file == null) {
                        file = Path.of(args[i]);
                    } else {
                        filters.add(args[i]);
                    }
                }
            }
        }
        if (file == null || filters.isEmpty()) {
            System.err.println("usage: FilterBench FILE [--full] [--repeat N] FILTER...");
            System.exit(64);
        }
        long t0 = System.nanoTime();
        try (CaptureFile f = CaptureFile.open(file)) {
            double open = (System.nanoTime() - t0) / 1e9;
            System.out.printf("open+index %,d packets: %.2f s%n", f.packetCount(), open);
            for (String text : filters) {
                DisplayFilter filter;
                try {
                    filter = DisplayFilter.parse(text);
                } catch (FilterSyntaxException e) {
                    System.err.println("filter-bench: " + text + ": " + e.getMessage());
                    System.exit(65);
                    return;
                }
                double first = 0;
                double best = Double.MAX_VALUE;
                int matched = 0;
                for (int r = 0; r <= repeat; r++) {
                    long s = System.nanoTime();
                    int[] rows = CaptureFilter.select(f, filter, MipConfig.defaults(), 0, f.packetCount(),
                            CaptureFilter.Contexts.NONE, CaptureFilter.Progress.NONE);
                    double secs = (System.nanoTime() - s) / 1e9;
                    matched = rows.length;
                    if (r == 0) {
                        first = secs;
                    } else {
                        best = Math.min(best, secs);
                    }
                }
                System.out.printf("engine  %-70s %,9d matched  first %7.2f s  best %7.2f s  %,12.0f packets/s%n",
                        text, matched, first, repeat > 0 ? best : first,
                        f.packetCount() / (repeat > 0 ? best : first));
                if (full) {
                    long s = System.nanoTime();
                    PacketDissector dissector = MipConfig.defaults().dissector();
                    int n = 0;
                    for (int i = 0; i < f.packetCount(); i++) {
                        n += filter.matches(dissector.dissect(f.linkType(i), f.packet(i))) ? 1 : 0;
                    }
                    double secs = (System.nanoTime() - s) / 1e9;
                    System.out.printf("dissect %-70s %,9d matched  every frame dissected: %7.2f s  %,12.0f packets/s%n",
                            text, n, secs, f.packetCount() / secs);
                }
            }
        }
    }
}

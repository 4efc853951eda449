package org.multitunnel.agent.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a run as one self-contained HTML page for people: a summary line and a table with, per scenario, the
 * verdict, rule id, source section, the statement tested, the reason and the exchange transcript.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String toHtml(ConformanceReport report) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        b.append("<title>MultiTunnel conformance report</title><style>")
                .append("body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;width:100%}")
                .append("td,th{border:1px solid #bbb;padding:4px 6px;vertical-align:top;text-align:left}")
                .append(".PASSED{background:#dff0d8}.FAILED{background:#f2dede}.ERROR{background:#f8d7a0}")
                .append(".SKIPPED{background:#eee}pre{margin:0;white-space:pre-wrap;font-size:85%}")
                .append("</style></head><body>\n");
        b.append("<h1>Conformance report</h1>\n<p>Target ")
                .append(Markup.escape(report.config().target().getAddress().getHostAddress() + ":"
                        + report.config().target().getPort()))
                .append(", started ").append(Markup.escape(report.started().toString())).append(", ")
                .append(Markup.seconds(report.duration())).append(" s: <b>")
                .append(report.count(ScenarioResult.Status.PASSED)).append(" passed, ")
                .append(report.count(ScenarioResult.Status.FAILED)).append(" failed, ")
                .append(report.count(ScenarioResult.Status.ERROR)).append(" errors, ")
                .append(report.count(ScenarioResult.Status.SKIPPED)).append(" skipped</b>")
                .append(report.cancelled() ? " (cancelled)" : "").append("</p>\n");
        b.append("<table><tr><th>Verdict</th><th>Rule</th><th>Source</th><th>Statement</th><th>Result</th>")
                .append("<th>Exchanges</th></tr>\n");
        for (ScenarioResult r : report.results()) {
            Scenario s = r.scenario();
            b.append("<tr class=\"").append(r.status()).append("\"><td>").append(r.status()).append("</td><td><code>")
                    .append(Markup.escape(s.ruleId())).append("</code><br>").append(Markup.escape(s.title()))
                    .append("</td><td>").append(Markup.escape(s.source())).append("</td><td>")
                    .append(Markup.escape(s.statement())).append("</td><td>").append(Markup.escape(r.message()))
                    .append("</td><td><pre>").append(Markup.escape(JUnitReport.transcript(r)))
                    .append("</pre></td></tr>\n");
        }
        return b.append("</table>\n</body></html>\n").toString();
    }

    public static void write(ConformanceReport report, Path file) throws IOException {
        Files.writeString(file, toHtml(report), StandardCharsets.UTF_8);
    }
}

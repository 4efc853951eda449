package org.multitunnel.agent.conformance;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes a run as one JUnit XML {@code <testsuite>} (the Ant/Surefire schema CI servers read): one
 * {@code <testcase>} per scenario, classname by document ({@code conformance.RFC7629}), name = rule id and title,
 * {@code <failure>}, {@code <error>} or {@code <skipped>} with the reason, and the statement plus the exchange
 * transcript in {@code <system-out>}.
 */
public final class JUnitReport {
    private JUnitReport() {
    }

    public static String toXml(ConformanceReport report) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<testsuite name=\"multitunnel-conformance\"")
                .append(" tests=\"").append(report.results().size()).append('"')
                .append(" failures=\"").append(report.count(ScenarioResult.Status.FAILED)).append('"')
                .append(" errors=\"").append(report.count(ScenarioResult.Status.ERROR)).append('"')
                .append(" skipped=\"").append(report.count(ScenarioResult.Status.SKIPPED)).append('"')
                .append(" time=\"").append(Markup.seconds(report.duration())).append('"')
                .append(" timestamp=\"").append(DateTimeFormatter.ISO_LOCAL_DATE_TIME
                        .format(report.started().atOffset(ZoneOffset.UTC).withNano(0))).append('"')
                .append(" hostname=\"").append(Markup.escape(hostname())).append("\">\n");
        b.append("  <properties>\n");
        property(b, "target", report.config().target().getAddress().getHostAddress() + ":"
                + report.config().target().getPort());
        property(b, "homeAgent", report.config().homeAgent());
        property(b, "homeAddressBase", report.config().homeAddressBase());
        property(b, "cancelled", String.valueOf(report.cancelled()));
        b.append("  </properties>\n");
        for (ScenarioResult r : report.results()) {
            Scenario s = r.scenario();
            b.append("  <testcase classname=\"conformance.").append(Markup.escape(document(s.ruleId())))
                    .append("\" name=\"").append(Markup.escape(s.ruleId() + " " + s.title()))
                    .append("\" time=\"").append(Markup.seconds(r.duration())).append("\">\n");
            switch (r.status()) {
                case FAILED -> b.append("    <failure type=\"nonconformance\" message=\"")
                        .append(Markup.escape(r.message())).append("\">").append(Markup.escape(transcript(r)))
                        .append("</failure>\n");
                case ERROR -> b.append("    <error type=\"error\" message=\"").append(Markup.escape(r.message()))
                        .append("\">").append(Markup.escape(transcript(r))).append("</error>\n");
                case SKIPPED -> b.append("    <skipped message=\"").append(Markup.escape(r.message()))
                        .append("\"/>\n");
                default -> {
                }
            }
            b.append("    <system-out>").append(Markup.escape(s.source() + ": " + s.statement() + "\n"
                    + transcript(r))).append("</system-out>\n");
            b.append("  </testcase>\n");
        }
        return b.append("</testsuite>\n").toString();
    }

    public static void write(ConformanceReport report, Path file) throws IOException {
        Files.writeString(file, toXml(report), StandardCharsets.UTF_8);
    }

    /** RFC7629-5.2-REJECT-153 → RFC7629. */
    static String document(String ruleId) {
        int dash = ruleId.indexOf('-');
        return dash < 0 ? ruleId : ruleId.substring(0, dash);
    }

    static String transcript(ScenarioResult r) {
        return String.join("\n", r.steps());
    }

    private static void property(StringBuilder b, String name, String value) {
        b.append("    <property name=\"").append(Markup.escape(name)).append("\" value=\"")
                .append(Markup.escape(value)).append("\"/>\n");
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}

package org.multitunnel.agent.replay;

import java.util.Locale;

import org.multitunnel.wire.Json;

/** The {@code replay} command's outputs: an aligned text table, or one JSON object for scripts. */
public final class ReplayText {
    private ReplayText() {
    }

    public static String table(ReplayReport report) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%6s  %-15s  %4s  %8s  %8s  %-9s  %s%n",
                "frame", "home address", "bid", "lifetime", "captured", "replayed", "result"));
        for (ReplayEntry e : report.entries()) {
            String actual = e.result().reply() == null ? e.result().verdict().label()
                    : String.valueOf(e.actualCode());
            String verdict = !e.compared() ? "unanswered in capture" : e.matches() ? "match" : "MISMATCH";
            b.append(String.format(Locale.ROOT, "%6d  %-15s  %4s  %8d  %8s  %-9s  %s%n", e.captured().frame(),
                    e.result().request().homeAddress(), e.bid() < 0 ? "-" : String.valueOf(e.bid()),
                    e.result().request().lifetime(), e.compared() ? String.valueOf(e.expectedCode()) : "-", actual,
                    verdict));
            for (String n : e.notes()) {
                b.append("        note: ").append(n).append('\n');
            }
        }
        b.append(report.entries().size()).append(" requests replayed, ").append(report.compared())
                .append(" compared, ").append(report.mismatches()).append(" mismatches\n");
        return b.toString();
    }

    public static String json(ReplayReport report) {
        StringBuilder b = new StringBuilder("{\"requests\": [");
        boolean first = true;
        for (ReplayEntry e : report.entries()) {
            b.append(first ? "" : ", ");
            first = false;
            b.append("{\"frame\": ").append(e.captured().frame())
                    .append(", \"homeAddress\": ").append(Json.quote(e.result().request().homeAddress()))
                    .append(", \"bid\": ").append(e.bid() < 0 ? "null" : String.valueOf(e.bid()))
                    .append(", \"lifetime\": ").append(e.result().request().lifetime())
                    .append(", \"captured\": ").append(e.compared() ? String.valueOf(e.expectedCode()) : "null")
                    .append(", \"replayed\": ").append(e.result().reply() == null ? "null"
                            : String.valueOf(e.actualCode()))
                    .append(", \"verdict\": ").append(Json.quote(e.result().verdict().label()))
                    .append(", \"match\": ").append(e.compared() ? String.valueOf(e.matches()) : "null")
                    .append(", \"notes\": [");
            for (int i = 0; i < e.notes().size(); i++) {
                b.append(i == 0 ? "" : ", ").append(Json.quote(e.notes().get(i)));
            }
            b.append("]}");
        }
        return b.append("], \"compared\": ").append(report.compared()).append(", \"mismatches\": ")
                .append(report.mismatches()).append('}').toString();
    }
}

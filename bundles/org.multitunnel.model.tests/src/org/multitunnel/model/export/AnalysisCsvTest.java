package org.multitunnel.model.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.multitunnel.model.SampleSession;

/** The four CSV tables have their documented header and one row per binding, tunnel, bucket and finding. */
class AnalysisCsvTest {

    @Test
    void bindingsTableHasOneRowPerBinding() throws IOException {
        StringBuilder out = new StringBuilder();
        AnalysisCsv.writeBindings(SampleSession.build(), out);
        assertEquals(List.of(
                "homeAddress,bid,careOfAddress,accessTechnology,interfaceLabel,linkWeight,interfaceBandwidth,"
                        + "encapsulation,state,registeredAt,lifetime,endedAt,extension",
                "10.1.0.5,1,198.51.100.7,4,1,,,ipip,active,1700000001.0032,300,,rfc7629",
                "10.1.0.5,2,203.0.113.9,1,2,,,gre,deregistered,1700000002.005,200,1700000004.25,rfc7629"),
                lines(out));
    }

    @Test
    void tunnelsTableListsAddressesBidsAndCounters() throws IOException {
        StringBuilder out = new StringBuilder();
        AnalysisCsv.writeTunnels(SampleSession.build(), out);
        assertEquals(List.of(String.join(",", AnalysisCsv.TUNNEL_COLUMNS),
                "192.0.2.1,198.51.100.7,ipip,,,,10.1.0.5,1,3,360,2,200"), lines(out));
    }

    @Test
    void seriesTableHasOneRowPerBucket() throws IOException {
        StringBuilder out = new StringBuilder();
        AnalysisCsv.writeSeries(SampleSession.build(), out);
        assertEquals(List.of("homeAgent,careOfAddress,encapsulation,t,bytes,packets",
                "192.0.2.1,198.51.100.7,ipip,1700000001,420,4",
                "192.0.2.1,198.51.100.7,ipip,1700000003,140,1"), lines(out));
    }

    @Test
    void findingsTableQuotesCommasAndQuotes() throws IOException {
        StringBuilder out = new StringBuilder();
        AnalysisCsv.writeFindings(SampleSession.build(), out);
        assertEquals("frame,severity,rule,message,homeAddress,bids,tunnels\r\n"
                + "6,warning,RFC5944-3.6.1.3-UNANSWERED,\"request, \"\"unanswered\"\"\",10.1.0.5,2,\r\n",
                out.toString());
    }

    @Test
    void writeAllCreatesTheFourFiles(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("csv");
        AnalysisCsv.writeAll(SampleSession.build(), target);
        assertEquals(3, Files.readAllLines(target.resolve(AnalysisCsv.BINDINGS), StandardCharsets.UTF_8).size());
        assertEquals(2, Files.readAllLines(target.resolve(AnalysisCsv.TUNNELS), StandardCharsets.UTF_8).size());
        assertEquals(3, Files.readAllLines(target.resolve(AnalysisCsv.SERIES), StandardCharsets.UTF_8).size());
        assertEquals("frame,severity,rule,message,homeAddress,bids,tunnels",
                Files.readAllLines(target.resolve(AnalysisCsv.FINDINGS), StandardCharsets.UTF_8).get(0));
    }

    private static List<String> lines(StringBuilder out) {
        String text = out.toString();
        assertEquals(true, text.endsWith("\r\n"), "rows end with CRLF");
        return List.of(text.split("\r\n"));
    }
}

package org.multitunnel.agent.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The report's JSON is read back to the same values (the GUI opens what the command line writes). */
class LoadReportJsonTest {
    static LoadReport sample() {
        Map<Integer, Long> codes = new LinkedHashMap<>();
        codes.put(0, 1990L);
        codes.put(130, 10L);
        return new LoadReport(new LoadReport.Settings("127.0.0.1:4434", 250, 4, 1000, 2.0, 30, 0.8, true, false,
                "timestamps", List.of("127.0.1.1", "127.0.1.2"), 256, 1000, 3), 1_700_000_000.25, 3.5,
                new LoadReport.Totals(2000, 2003, 3, 2000, 1990, 10, 0, 3, 1, 0, 0, 0, 0, 990, 572.286, 571.429),
                codes, new LoadReport.Latency(0.25, 0.5, 2.125, 3.0, 4.5),
                List.of(new LoadReport.Phase("register", 0, 1.0), new LoadReport.Phase("sustain", 1.0, 2.0),
                        new LoadReport.Phase("deregister", 2.0, 3.5)),
                List.of(new LoadSecond(0, 1000, 990, 985, 5, 0, 0, 0, 0, 985, 0.25, 0.5, 2.125, 3.0),
                        new LoadSecond(1, 1003, 1010, 1005, 5, 3, 3, 0, 1, 990, Double.NaN, Double.NaN, Double.NaN,
                                Double.NaN)),
                List.of("a warning with \"quotes\""));
    }

    @Test
    void aReportSurvivesTheRoundTrip() {
        LoadReport r = sample();
        String json = LoadReportJson.write(r);
        assertTrue(json.startsWith("{\"tool\":\"multitunnel load\""), json);
        assertTrue(json.contains("\"codes\":{\"0\":1990,\"130\":10}"), json);
        assertTrue(json.contains("\"p50\":null"), "no latency in a second without replies: null");
        assertTrue(json.contains("\"exitCode\":1,\"verdict\":\"10 requests rejected\""), json);
        LoadReport back = LoadReportJson.read(json);
        assertEquals(r.settings(), back.settings());
        assertEquals(r.totals(), back.totals());
        assertEquals(r.codes(), back.codes());
        assertEquals(r.latency(), back.latency());
        assertEquals(r.phases(), back.phases());
        assertEquals(r.series(), back.series());
        assertEquals(r.warnings(), back.warnings());
        assertEquals(r.started(), back.started(), 1e-6);
        assertFalse(json.contains("key"), "the key is never in a report, only its SPI");
    }

    @Test
    void somethingElseIsRefusedWithAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LoadReportJson.read("{\"agent\":\"ha\"}"));
        assertTrue(e.getMessage().contains("not a load report"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LoadReportJson.read("{\"tool\":\"multitunnel load\"}"));
        assertThrows(IllegalArgumentException.class, () -> LoadReportJson.read("[1,"));
    }
}

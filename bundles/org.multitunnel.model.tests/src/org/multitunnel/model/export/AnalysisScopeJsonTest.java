package org.multitunnel.model.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.multitunnel.model.SampleSession;
import org.multitunnel.wire.JsonReader;

/**
 * {@code analyze -Y}: the document says which packets were analysed in a new {@code "filter"} key placed after
 * {@code "end"}; every contract key keeps its place and value, and without a filter the document is unchanged.
 */
class AnalysisScopeJsonTest {
    @Test
    void filteredAnalysisAddsTheFilterKeyAndKeepsTheCaptureTotals() throws Exception {
        StringBuilder b = new StringBuilder();
        AnalysisJson.write(SampleSession.build(), b, new AnalysisScope("mip.type == 1", 7, 791));
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) JsonReader.parse(b.toString());
        assertEquals(List.of("file", "packets", "bytes", "start", "end", "filter", "mobileNodes", "tunnels",
                "transactions", "findings"), List.copyOf(json.keySet()));
        assertEquals(Map.of("expression", "mip.type == 1", "packets", new BigDecimal("7"), "bytes",
                new BigDecimal("791")), json.get("filter"));
        assertEquals(new BigDecimal("42"), json.get("packets")); // the sample capture's total, not the 7 analysed
    }

    @Test
    void unfilteredAnalysisHasNoFilterKey() {
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) JsonReader.parse(AnalysisJson.toJson(SampleSession.build()));
        assertFalse(json.containsKey("filter"));
    }
}

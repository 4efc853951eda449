package org.multitunnel.model.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.multitunnel.model.CaptureSession;
import org.multitunnel.model.MultitunnelFactory;
import org.multitunnel.model.SampleSession;

/**
 * {@code analyze --json} has exactly the keys of the headless contract (shared/notes/headless-contract.md), in its
 * order, with the sample session's values. The output is parsed back with an independent reader.
 */
class AnalysisJsonTest {
    private static final List<String> TOP = List.of("file", "packets", "bytes", "start", "end", "mobileNodes",
            "tunnels", "transactions", "findings");
    private static final List<String> MOBILE_NODE = List.of("homeAddress", "homeAgent", "nai", "bindings",
            "flowBindings");
    private static final List<String> BINDING = List.of("bid", "careOfAddress", "accessTechnology",
            "interfaceLabel", "encapsulation", "state", "registeredAt", "lifetime", "endedAt", "extension");
    private static final List<String> FLOW_BINDING = List.of("action", "bids", "selector");
    private static final List<String> TUNNEL = List.of("homeAgent", "careOfAddress", "encapsulation",
            "homeAddresses", "bids", "toCareOf", "toHomeAgent", "series");
    private static final List<String> TRANSACTIONS = List.of("requests", "replies", "unanswered",
            "retransmissions", "medianResponseMs");

    private final Map<String, Object> json = object(org.multitunnel.wire.JsonReader.parse(AnalysisJson.toJson(SampleSession.build())));

    @Test
    void topLevelHasTheContractKeysAndCaptureValues() {
        assertEquals(TOP, List.copyOf(json.keySet()));
        assertEquals("scenario.pcapng", json.get("file"));
        assertEquals(new BigDecimal("42"), json.get("packets"));
        assertEquals(new BigDecimal("5000"), json.get("bytes"));
        assertEquals(new BigDecimal("1700000000.0"), json.get("start"));
        assertEquals(new BigDecimal("1700000010.5"), json.get("end"));
    }

    @Test
    void mobileNodeBindingsCarryStatesTimesAndLiterals() {
        Map<String, Object> mn = object(list(json.get("mobileNodes")).get(0));
        assertEquals(MOBILE_NODE, List.copyOf(mn.keySet()));
        assertEquals("10.1.0.5", mn.get("homeAddress"));
        assertEquals("192.0.2.1", mn.get("homeAgent"));
        assertEquals("mn5@example.net", mn.get("nai"));

        List<Object> bindings = list(mn.get("bindings"));
        assertEquals(2, bindings.size());
        Map<String, Object> wlan = object(bindings.get(0));
        assertEquals(BINDING, List.copyOf(wlan.keySet()));
        assertEquals(new BigDecimal("1"), wlan.get("bid"));
        assertEquals("198.51.100.7", wlan.get("careOfAddress"));
        assertEquals(new BigDecimal("4"), wlan.get("accessTechnology"));
        assertEquals(new BigDecimal("1"), wlan.get("interfaceLabel"));
        assertEquals("ipip", wlan.get("encapsulation"));
        assertEquals("active", wlan.get("state"));
        assertEquals(new BigDecimal("1700000001.0032"), wlan.get("registeredAt"));
        assertEquals(new BigDecimal("300"), wlan.get("lifetime"));
        assertNull(wlan.get("endedAt"));
        assertEquals("rfc7629", wlan.get("extension"));

        Map<String, Object> lte = object(bindings.get(1));
        assertEquals("gre", lte.get("encapsulation"));
        assertEquals("deregistered", lte.get("state"));
        assertEquals(new BigDecimal("1700000002.005"), lte.get("registeredAt"));
        assertEquals(new BigDecimal("1700000004.25"), lte.get("endedAt"));
        assertEquals(new BigDecimal("200"), lte.get("lifetime"));
    }

    @Test
    void flowBindingHasActionBidsAndSelector() {
        Map<String, Object> mn = object(list(json.get("mobileNodes")).get(0));
        Map<String, Object> fb = object(list(mn.get("flowBindings")).get(0));
        assertEquals(FLOW_BINDING, List.copyOf(fb.keySet()));
        assertEquals("forward", fb.get("action"));
        assertEquals(List.of(new BigDecimal("1")), fb.get("bids"));
        assertEquals(Map.of("format", "ipv4", "text", "dst 10.9.0.0/16 proto 17"), fb.get("selector"));
        assertEquals(List.of("format", "text"), List.copyOf(object(fb.get("selector")).keySet()));
    }

    @Test
    void tunnelHasCountersPerDirectionAndSeries() {
        Map<String, Object> t = object(list(json.get("tunnels")).get(0));
        assertEquals(TUNNEL, List.copyOf(t.keySet()));
        assertEquals("192.0.2.1", t.get("homeAgent"));
        assertEquals("198.51.100.7", t.get("careOfAddress"));
        assertEquals("ipip", t.get("encapsulation"));
        assertEquals(List.of("10.1.0.5"), t.get("homeAddresses"));
        assertEquals(List.of(new BigDecimal("1")), t.get("bids"));
        assertEquals(List.of("packets", "bytes"), List.copyOf(object(t.get("toCareOf")).keySet()));
        assertEquals(Map.of("packets", new BigDecimal("3"), "bytes", new BigDecimal("360")), t.get("toCareOf"));
        assertEquals(Map.of("packets", new BigDecimal("2"), "bytes", new BigDecimal("200")), t.get("toHomeAgent"));
        List<Object> series = list(t.get("series"));
        assertEquals(2, series.size());
        Map<String, Object> first = object(series.get(0));
        assertEquals(List.of("t", "bytes", "packets"), List.copyOf(first.keySet()));
        assertEquals(new BigDecimal("1700000001"), first.get("t"));
        assertEquals(new BigDecimal("420"), first.get("bytes"));
        assertEquals(new BigDecimal("4"), first.get("packets"));
        assertEquals(new BigDecimal("1700000003"), object(series.get(1)).get("t"));
    }

    @Test
    void transactionsSummariseRequestsRepliesAndMedianResponse() {
        Map<String, Object> tx = object(json.get("transactions"));
        assertEquals(TRANSACTIONS, List.copyOf(tx.keySet()));
        assertEquals(new BigDecimal("3"), tx.get("requests"));
        assertEquals(new BigDecimal("2"), tx.get("replies"));
        assertEquals(new BigDecimal("1"), tx.get("unanswered"));
        assertEquals(new BigDecimal("1"), tx.get("retransmissions"));
        assertEquals(new BigDecimal("4.1"), tx.get("medianResponseMs")); // median of 3.2 ms and 5 ms
    }

    @Test
    void findingsHaveFrameSeverityRuleAndEscapedMessage() {
        Map<String, Object> f = object(list(json.get("findings")).get(0));
        // the contract's keys first, unchanged; then the objects the finding names
        assertEquals(List.of("frame", "severity", "rule", "message", "homeAddress", "bids", "tunnels"),
                List.copyOf(f.keySet()));
        assertEquals(new BigDecimal("6"), f.get("frame"));
        assertEquals("warning", f.get("severity"));
        assertEquals("RFC5944-3.6.1.3-UNANSWERED", f.get("rule"));
        assertEquals("request, \"unanswered\"", f.get("message"));
        // the finding is linked to the unanswered registration: its node and BID
        assertEquals("10.1.0.5", f.get("homeAddress"));
        assertEquals(List.of(new BigDecimal("2")), f.get("bids"));
        assertEquals(List.of(), f.get("tunnels"));
    }

    @Test
    void findingNamesTheTunnelsBindingsAndNodeItIsLinkedTo() {
        CaptureSession s = SampleSession.build();
        org.multitunnel.model.ModelUpdater u = new org.multitunnel.model.ModelUpdater(s);
        org.multitunnel.model.MobileNode mn = s.getMobileNodes().get(0);
        u.addFinding(9, org.multitunnel.model.Severity.INFO, "RFC7629-7-FLOW-SPLIT", "split",
                s.getTunnels().get(0), mn, mn.getBindings().get(0));
        Object parsed = org.multitunnel.wire.JsonReader.parse(AnalysisJson.toJson(s));
        Map<String, Object> f = object(list(object(parsed).get("findings")).get(1));
        assertEquals(new BigDecimal("9"), f.get("frame"));
        assertEquals("10.1.0.5", f.get("homeAddress"));
        assertEquals(List.of(new BigDecimal("1")), f.get("bids"));
        assertEquals(List.of(Map.of("homeAgent", "192.0.2.1", "careOfAddress", "198.51.100.7",
                "encapsulation", "ipip")), f.get("tunnels"));
    }

    @Test
    void emptyCaptureIsWrittenExactly() {
        CaptureSession empty = MultitunnelFactory.eINSTANCE.createCaptureSession();
        empty.setFile("empty.pcap");
        String expected = """
                {
                  "file": "empty.pcap",
                  "packets": 0,
                  "bytes": 0,
                  "start": null,
                  "end": null,
                  "mobileNodes": [],
                  "tunnels": [],
                  "transactions": {
                    "requests": 0,
                    "replies": 0,
                    "unanswered": 0,
                    "retransmissions": 0,
                    "medianResponseMs": null
                  },
                  "findings": []
                }
                """;
        assertEquals(expected, AnalysisJson.toJson(empty));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }
}

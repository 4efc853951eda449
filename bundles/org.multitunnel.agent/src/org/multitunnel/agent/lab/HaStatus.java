package org.multitunnel.agent.lab;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.multitunnel.wire.JsonReader;

/**
 * The home agent's latest {@code --status} line read back from its log: the accepted bindings of one home address
 * (BID and care-of address) and the flow bindings accepted with them. The lab builds its tunnels from this — what
 * the HA accepted — rather than from what the mobile node was told to ask for.
 */
record HaStatus(List<Binding> bindings, List<FlowClassifier.Rule> flows, List<String> flowSpecs) {
    /** An accepted binding. */
    record Binding(int bid, String careOf) {
    }

    /** The last status line of the HA in {@code log}, if any. */
    static Optional<String> lastLine(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("{\"agent\":\"ha\"")) {
                return Optional.of(lines.get(i));
            }
        }
        return Optional.empty();
    }

    /** The bindings and flow bindings of {@code homeAddress} in a status line. */
    @SuppressWarnings("unchecked")
    static HaStatus of(String statusLine, String homeAddress) {
        Map<String, Object> root = (Map<String, Object>) JsonReader.parse(statusLine);
        List<Binding> bindings = new ArrayList<>();
        List<FlowClassifier.Rule> flows = new ArrayList<>();
        List<String> specs = new ArrayList<>();
        for (Object o : (List<Object>) root.get("bindings")) {
            Map<String, Object> b = (Map<String, Object>) o;
            if (!homeAddress.equals(b.get("homeAddress"))) {
                continue;
            }
            bindings.add(new Binding(((BigDecimal) b.get("bid")).intValue(), (String) b.get("careOfAddress")));
            for (Object f : (List<Object>) b.getOrDefault("flowBindings", List.of())) {
                Map<String, Object> fb = (Map<String, Object>) f;
                List<Integer> bids = ((List<Object>) fb.get("bids")).stream()
                        .map(x -> ((BigDecimal) x).intValue()).toList();
                int format = ((BigDecimal) fb.get("tsFormat")).intValue();
                String hex = (String) fb.get("selector");
                flows.add(FlowClassifier.rule(bids, format, hex));
                specs.add(String.join("+", bids.stream().map(String::valueOf).toList()) + ":" + format + ":" + hex);
            }
        }
        return new HaStatus(bindings, flows, specs);
    }

    String careOf(int bid) {
        return bindings.stream().filter(b -> b.bid() == bid).map(Binding::careOf).findFirst().orElse(null);
    }
}

package org.multitunnel.model.export;

/**
 * Which packets an analysis saw when it was restricted by a display filter ({@code multitunnel analyze -Y}):
 * written as the document's {@code "filter"} key, so a reader of the JSON knows the bindings, tunnels and findings
 * describe a subset, while {@code "packets"} and {@code "bytes"} keep describing the whole capture.
 *
 * @param expression the display filter as given
 * @param packets    packets that matched and were analysed
 * @param bytes      their on-the-wire (original) lengths summed
 */
public record AnalysisScope(String expression, long packets, long bytes) {
    public AnalysisScope {
        if (expression == null) {
            throw new IllegalArgumentException("the filter expression is required");
        }
    }
}

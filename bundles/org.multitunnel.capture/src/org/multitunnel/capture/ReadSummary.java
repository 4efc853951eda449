package org.multitunnel.capture;

import java.util.List;

/**
 * What a streaming pass ({@link CaptureReader#read}) saw: totals, interfaces and the warnings about damage.
 *
 * @param packets       packets delivered to the visitor
 * @param capturedBytes sum of their captured lengths
 * @param fileBytes     size of the (decompressed) capture scanned
 * @param stoppedEarly  the visitor returned {@code false}
 */
public record ReadSummary(Format format, boolean compressed, long packets, long capturedBytes, long fileBytes,
        List<CaptureInterface> interfaces, List<ReadWarning> warnings, boolean stoppedEarly) {
}

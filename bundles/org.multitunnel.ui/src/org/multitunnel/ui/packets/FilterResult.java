package org.multitunnel.ui.packets;

import org.multitunnel.ui.session.OpenCapture;

/**
 * What the Packets filter bar shows now, posted with {@link org.multitunnel.ui.UiTopics#FILTER_APPLIED} so other
 * views (the Tunnels chart's display-filter line) follow the same filter without running it again.
 *
 * @param capture the capture filtered
 * @param text    the filter as applied ("" when cleared)
 * @param rows    matching packet indices, ascending; null when no filter is applied
 */
public record FilterResult(OpenCapture capture, String text, int[] rows) {
}

package org.multitunnel.agent.ha;

import java.util.List;

/**
 * A flow policy accepted from an RFC 7629 §4.2 Flow Binding Extension: the Action, the BIDs it binds the flow
 * to, and the traffic selector as sent (TS Format plus its bytes in hex). Kept per mobile node by the HA.
 */
public record HaFlowBinding(int action, List<Integer> bids, int tsFormat, String selectorHex) {
    public HaFlowBinding {
        bids = List.copyOf(bids);
    }
}

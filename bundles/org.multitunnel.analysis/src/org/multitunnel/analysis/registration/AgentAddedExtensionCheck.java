package org.multitunnel.analysis.registration;

import org.multitunnel.analysis.AnalysisRules;
import org.multitunnel.model.ModelUpdater;
import org.multitunnel.model.Severity;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ext.MipExtension;
import org.multitunnel.wire.mip.ext.MultiInterfaceRoutingExtension;
import org.multitunnel.wire.mip.ext.MultipleTunnelRequestExtension;

/**
 * Seed 000 §4.1 and seed 001 §4.1: the Multi-Interface Routing and Multiple Tunnel Request extensions may be
 * added to a request only by the mobile node, never by a foreign (or home) agent. A capture shows this only when
 * it holds both hops of a relayed request (RFC 5944 §3.7): the copy the relaying agent received and the copy it
 * sent on. If the copy sent on carries such an extension and the copy received did not, the agent added it.
 * With one hop only nothing can be decided, and nothing is reported.
 */
final class AgentAddedExtensionCheck {
    private final ModelUpdater updater;

    AgentAddedExtensionCheck(ModelUpdater updater) {
        this.updater = updater;
    }

    /** Called for each copy of a request, after the transaction tracker has placed it. */
    void copy(TransactionTracker.Pending p, long frame) {
        if (!p.relayed || p.agentAdditionChecked || p.copySrc != p.dst) {
            return; // not the relaying agent's copy of what it received (or already judged)
        }
        p.agentAdditionChecked = true;
        RegistrationRequest received = p.first();
        RegistrationRequest sent = p.copy;
        if (has(sent, MultiInterfaceRoutingExtension.class) && !has(received, MultiInterfaceRoutingExtension.class)) {
            updater.addFinding(frame, Severity.ERROR, AnalysisRules.MIR_ADDED_BY_AGENT, "agent relaying request frame "
                    + p.registration.getRequestFrame() + " added a Multi-Interface Routing extension the mobile "
                    + "node did not send", p.registration);
        }
        if (has(sent, MultipleTunnelRequestExtension.class) && !has(received, MultipleTunnelRequestExtension.class)) {
            updater.addFinding(frame, Severity.ERROR, AnalysisRules.MTS02_ADDED_BY_AGENT, "agent relaying request "
                    + "frame " + p.registration.getRequestFrame() + " added a Multiple Tunnel Request extension the "
                    + "mobile node did not send", p.registration);
        }
    }

    private static boolean has(RegistrationRequest rq, Class<? extends MipExtension> type) {
        for (MipExtension e : rq.extensions()) {
            if (type.isInstance(e)) {
                return true;
            }
        }
        return false;
    }
}

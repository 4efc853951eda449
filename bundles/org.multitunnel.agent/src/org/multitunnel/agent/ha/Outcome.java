package org.multitunnel.agent.ha;

import java.util.List;

import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.FlowBindingExtension;

/**
 * The home agent's decision on one request: the request answered (only its fixed part when it was refused before
 * its extensions were decoded), the reply Code and Lifetime, the Identification to answer with
 * (RFC 5944 §5.7.1), the association to authenticate the reply with (null when the SPI was unknown), the flow
 * bindings to echo (RFC 7629 §4.2 lets the HA add them to the reply) and a reason for the log.
 */
record Outcome(RegistrationRequest request, int code, int lifetime, long identification, SecurityAssociation sa,
        List<FlowBindingExtension> echo, String reason) {
    boolean accepted() {
        return code <= 1;
    }
}

package org.multitunnel.wire.mip.finding;

import java.util.List;

/** One group of message-level rules (usually one document's). Checks are registered in a {@link MipChecker}. */
@FunctionalInterface
public interface MessageCheck {
    void check(CheckContext c, List<MessageFinding> out);
}

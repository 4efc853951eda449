package org.multitunnel.wire.mip.finding;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.mip.MipCodec;
import org.multitunnel.wire.mip.MipMessage;
import org.multitunnel.wire.mip.ReplyCodes;
import org.multitunnel.wire.mip.TruncatedMessage;
import org.multitunnel.wire.mip.ext.ExtensionRegistry;

/**
 * Runs the message-level conformance checks on one Mobile IPv4 message and returns its findings, ordered by
 * check group then position. Checks are registered objects (one per document), so a new draft adds a check rather
 * than editing this class. Cross-message rules (bindings, replies to requests) belong to the analysis, not here.
 */
public final class MipChecker {
    private final ExtensionRegistry registry;
    private final ReplyCodes codes;
    private final MipCodec codec;
    private final List<MessageCheck> checks = new CopyOnWriteArrayList<>();

    public MipChecker() {
        this(ExtensionRegistry.defaults(), ReplyCodes.standard());
    }

    public MipChecker(ExtensionRegistry registry, ReplyCodes codes) {
        this.registry = registry;
        this.codes = codes;
        this.codec = new MipCodec(registry);
        checks.add(new Rfc5944Checks());
        checks.add(new Rfc7629Checks());
        checks.add(new MirChecks());
        checks.add(new Mts02Checks());
    }

    public MipChecker add(MessageCheck check) {
        checks.add(check);
        return this;
    }

    /** Findings for a decoded message whose first byte is at absolute offset {@code base}. */
    public List<MessageFinding> check(MipMessage m, int base) {
        List<MessageFinding> out = new ArrayList<>();
        if (m instanceof TruncatedMessage t) {
            out.add(MipRules.TRUNCATED.malformedAt(base + t.cutAt(), t.reason()));
            return out;
        }
        CheckContext c = new CheckContext(m, base, registry, codes);
        for (MessageCheck check : checks) {
            check.check(c, out);
        }
        return out;
    }

    /** Decodes {@code message} and checks it; a fixed part too short to decode is itself a finding. */
    public List<MessageFinding> check(byte[] message) {
        MipMessage m;
        try {
            m = codec.decodeTolerant(message);
        } catch (DecodeException e) {
            return List.of(MipRules.TRUNCATED.malformedAt(e.offset(), e.getMessage()));
        }
        return check(m, 0);
    }
}

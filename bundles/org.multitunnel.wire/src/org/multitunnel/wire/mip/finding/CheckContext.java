package org.multitunnel.wire.mip.finding;

import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.mip.MessageTypes;
import org.multitunnel.wire.mip.MipMessage;
import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.ReplyCodes;
import org.multitunnel.wire.mip.ext.ExtensionRegistry;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.MipExtension;

/**
 * What a {@link MessageCheck} needs about one message: the message, where its extensions sit (absolute offsets),
 * where the MN-HA authenticator is, and the registries that say what is "known".
 */
public final class CheckContext {
    private final MipMessage message;
    private final int base;
    private final ExtensionRegistry registry;
    private final ReplyCodes codes;
    private final int[] offsets;
    private final int mnHaIndex;

    public CheckContext(MipMessage message, int base, ExtensionRegistry registry, ReplyCodes codes) {
        this.message = message;
        this.base = base;
        this.registry = registry;
        this.codes = codes;
        this.offsets = message.extensionOffsets();
        int idx = -1;
        List<MipExtension> exts = message.extensions();
        for (int i = 0; i < exts.size() && idx < 0; i++) {
            if (exts.get(i).type() == ExtensionTypes.MN_HA_AUTH) {
                idx = i;
            }
        }
        this.mnHaIndex = idx;
    }

    public MipMessage message() {
        return message;
    }

    public int base() {
        return base;
    }

    public ExtensionRegistry registry() {
        return registry;
    }

    public ReplyCodes codes() {
        return codes;
    }

    public boolean isRequest() {
        return message.type() == MessageTypes.REGISTRATION_REQUEST;
    }

    public boolean isReply() {
        return message.type() == MessageTypes.REGISTRATION_REPLY;
    }

    /** True for a request with Lifetime 0 (RFC 5944 §3.3 de-registration). */
    public boolean isDeregistration() {
        return message instanceof RegistrationRequest rq && rq.deregistration();
    }

    public List<MipExtension> extensions() {
        return message.extensions();
    }

    /** Absolute offset of extension {@code i}. */
    public int offset(int i) {
        return base + offsets[i];
    }

    /** Index of the first MN-HA Authentication Extension, or -1. */
    public int mnHaIndex() {
        return mnHaIndex;
    }

    /** True when extension {@code i} comes after the MN-HA authenticator (so it is not covered by it). */
    public boolean afterMnHa(int i) {
        return mnHaIndex >= 0 && i > mnHaIndex;
    }

    /** Indices of the extensions of class {@code c}. */
    public List<Integer> indicesOf(Class<? extends MipExtension> c) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < extensions().size(); i++) {
            if (c.isInstance(extensions().get(i))) {
                out.add(i);
            }
        }
        return out;
    }

    /** Absolute offset just past the message. */
    public int end() {
        return base + message.encodedLength();
    }
}

package org.multitunnel.agent.client;

import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.mip.RegistrationRequest;
import org.multitunnel.wire.mip.auth.AuthOptions;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.MipExtension;

/**
 * Everything a Registration Request (RFC 5944 §3.3) says except its Identification, which the client fills in per
 * transmission: with timestamps every retransmission needs a new value and a new authenticator (§3.6.3), so the
 * request itself cannot be built once. Extensions are placed as RFC 5944 §3.6.1.3 orders them — the ones before the
 * MN-HA authenticator, then the authenticator, then (only for negative tests) any extensions after it.
 */
public final class RegistrationSpec {
    private final int flags;
    private final int lifetime;
    private final String homeAddress;
    private final String homeAgent;
    private final String careOfAddress;
    private final List<MipExtension> extensions;
    private final List<MipExtension> afterAuth;
    private final SecurityAssociation key;
    private final AuthOptions authOptions;

    private RegistrationSpec(Builder b) {
        this.flags = b.flags;
        this.lifetime = b.lifetime;
        this.homeAddress = b.homeAddress;
        this.homeAgent = b.homeAgent;
        this.careOfAddress = b.careOfAddress;
        this.extensions = List.copyOf(b.extensions);
        this.afterAuth = List.copyOf(b.afterAuth);
        this.key = b.key;
        this.authOptions = b.authOptions;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = builder().flags(flags).lifetime(lifetime).homeAddress(homeAddress).homeAgent(homeAgent)
                .careOfAddress(careOfAddress).key(key).authOptions(authOptions);
        extensions.forEach(b::extension);
        afterAuth.forEach(b::extensionAfterAuth);
        return b;
    }

    /** The request with {@code identification}, authenticated with the MN-HA key when one is set. */
    public RegistrationRequest toRequest(long identification) {
        RegistrationRequest.Builder b = RegistrationRequest.builder().flags(flags).lifetime(lifetime)
                .homeAddress(homeAddress).homeAgent(homeAgent).careOfAddress(careOfAddress)
                .identification(identification);
        extensions.forEach(b::extension);
        if (key != null) {
            b.authenticate(ExtensionTypes.MN_HA_AUTH, key, authOptions);
        }
        afterAuth.forEach(b::extension);
        return b.build();
    }

    public int flags() {
        return flags;
    }

    public int lifetime() {
        return lifetime;
    }

    public String homeAddress() {
        return homeAddress;
    }

    public String homeAgent() {
        return homeAgent;
    }

    public String careOfAddress() {
        return careOfAddress;
    }

    public List<MipExtension> extensions() {
        return extensions;
    }

    public List<MipExtension> extensionsAfterAuth() {
        return afterAuth;
    }

    /** The MN-HA association, or null for an unauthenticated request. */
    public SecurityAssociation key() {
        return key;
    }

    public static final class Builder {
        private int flags;
        private int lifetime = 300;
        private String homeAddress = "0.0.0.0";
        private String homeAgent = "0.0.0.0";
        private String careOfAddress = "0.0.0.0";
        private final List<MipExtension> extensions = new ArrayList<>();
        private final List<MipExtension> afterAuth = new ArrayList<>();
        private SecurityAssociation key;
        private AuthOptions authOptions = AuthOptions.defaults();

        private Builder() {
        }

        /** The whole flags octet S B D M G r T x (RFC 5944 §3.3). */
        public Builder flags(int v) {
            flags = v & 0xff;
            return this;
        }

        public Builder flag(int mask, boolean on) {
            flags = on ? flags | mask : flags & ~mask;
            return this;
        }

        public Builder lifetime(int seconds) {
            if (seconds < 0 || seconds > 0xffff) {
                throw new IllegalArgumentException("lifetime must be 0..65535: " + seconds);
            }
            lifetime = seconds;
            return this;
        }

        public Builder homeAddress(String a) {
            homeAddress = a;
            return this;
        }

        public Builder homeAgent(String a) {
            homeAgent = a;
            return this;
        }

        public Builder careOfAddress(String a) {
            careOfAddress = a;
            return this;
        }

        /** Adds an extension before the authenticator (where RFC 5944 §3.6.1.3 requires it). */
        public Builder extension(MipExtension e) {
            extensions.add(e);
            return this;
        }

        public Builder clearExtensions() {
            extensions.clear();
            afterAuth.clear();
            return this;
        }

        /** Adds an extension after the authenticator: a deliberate violation, for conformance tests. */
        public Builder extensionAfterAuth(MipExtension e) {
            afterAuth.add(e);
            return this;
        }

        public Builder key(SecurityAssociation sa) {
            key = sa;
            return this;
        }

        /** How to authenticate (defaults: correctly); e.g. a corrupted authenticator for negative tests. */
        public Builder authOptions(AuthOptions o) {
            authOptions = o == null ? AuthOptions.defaults() : o;
            return this;
        }

        public RegistrationSpec build() {
            return new RegistrationSpec(this);
        }
    }
}

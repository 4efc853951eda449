package org.multitunnel.wire.mip;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.auth.AuthOptions;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.ExtensionListDecoder;
import org.multitunnel.wire.mip.ext.ExtensionRegistry;
import org.multitunnel.wire.mip.ext.MipExtension;
import org.multitunnel.wire.mip.internal.Bytes;
import org.multitunnel.wire.mip.internal.ExtensionChain;
import org.multitunnel.wire.mip.internal.Fields;

/**
 * RFC 5944 §3.4 Registration Reply (type 3), 20 fixed bytes then extensions:
 * Type | Code | Lifetime(16) | Home Address | Home Agent | Identification(64). Code names come from
 * {@link ReplyCodes}.
 */
public final class RegistrationReply implements MipMessage {
    public static final int FIXED_LENGTH = 20;

    private final int code;
    private final int lifetime;
    private final int homeAddress;
    private final int homeAgent;
    private final long identification;
    private final List<MipExtension> extensions;

    private RegistrationReply(Builder b, List<MipExtension> extensions) {
        this.code = b.code;
        this.lifetime = b.lifetime;
        this.homeAddress = b.homeAddress;
        this.homeAgent = b.homeAgent;
        this.identification = b.identification;
        this.extensions = List.copyOf(extensions);
    }

    static RegistrationReply decode(byte[] b, int off, int end, ExtensionRegistry r) {
        Bytes.require(off, end, FIXED_LENGTH, "Registration Reply");
        Builder x = builder().code(Bytes.u8(b, off + 1)).lifetime(Bytes.u16(b, off + 2))
                .homeAddress(Bytes.i32(b, off + 4)).homeAgent(Bytes.i32(b, off + 8))
                .identification(Bytes.u64(b, off + 12));
        return new RegistrationReply(x, ExtensionListDecoder.decode(b, off + FIXED_LENGTH, end, r));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A reply to {@code rq}: same home address, home agent and identification (RFC 5944 §3.4). */
    public static Builder replyTo(RegistrationRequest rq) {
        return builder().homeAddress(rq.homeAddressInt()).homeAgent(rq.homeAgentInt())
                .identification(rq.identification()).lifetime(rq.lifetime());
    }

    public Builder toBuilder() {
        Builder b = builder().code(code).lifetime(lifetime).homeAddress(homeAddress).homeAgent(homeAgent)
                .identification(identification);
        extensions.forEach(b::extension);
        return b;
    }

    @Override
    public int type() {
        return MessageTypes.REGISTRATION_REPLY;
    }

    public int code() {
        return code;
    }

    /** Codes 0 and 1 accept the registration (RFC 5944 §3.4). */
    public boolean accepted() {
        return code <= 1;
    }

    public int lifetime() {
        return lifetime;
    }

    public String homeAddress() {
        return Bytes.ipv4(homeAddress);
    }

    public int homeAddressInt() {
        return homeAddress;
    }

    public String homeAgent() {
        return Bytes.ipv4(homeAgent);
    }

    public int homeAgentInt() {
        return homeAgent;
    }

    public long identification() {
        return identification;
    }

    @Override
    public List<MipExtension> extensions() {
        return extensions;
    }

    @Override
    public int fixedLength() {
        return FIXED_LENGTH;
    }

    @Override
    public void encodeFixed(ByteBuffer out) {
        Bytes.putU8(out, MessageTypes.REGISTRATION_REPLY);
        Bytes.putU8(out, code);
        Bytes.putU16(out, lifetime);
        out.putInt(homeAddress);
        out.putInt(homeAgent);
        out.putLong(identification);
    }

    @Override
    public List<Field> fixedFields(int o) {
        List<Field> f = new ArrayList<>();
        f.add(Fields.named(MipFields.TYPE, "Message Type", type(), "Registration Reply", o, 1));
        f.add(Fields.named(MipFields.CODE, "Reply Code", code, ReplyCodes.standard().description(code), o + 1, 1));
        f.add(Fields.num(MipFields.LIFE, "Lifetime", lifetime, o + 2, 2));
        f.add(Fields.ipv4(MipFields.HOMEADDR, "Home Address", homeAddress, o + 4));
        f.add(Fields.ipv4(MipFields.HAADDR, "Home Agent", homeAgent, o + 8));
        f.add(Identification.field(identification, o + 12));
        return f;
    }

    @Override
    public String summary() {
        return "Registration Reply HoA=" + homeAddress() + " HA=" + homeAgent() + " Code=" + code + " Lifetime="
                + lifetime;
    }

    @Override
    public String toString() {
        return summary() + " " + extensions;
    }

    /** Builds replies; see {@link RegistrationRequest.Builder} for extension order and authentication. */
    public static final class Builder {
        private int code;
        private int lifetime;
        private int homeAddress;
        private int homeAgent;
        private long identification;
        private final ExtensionChain chain = new ExtensionChain();

        private Builder() {
        }

        public Builder code(int v) {
            code = v & 0xff;
            return this;
        }

        public Builder lifetime(int seconds) {
            lifetime = seconds & 0xffff;
            return this;
        }

        public Builder homeAddress(String a) {
            return homeAddress(Bytes.parseIpv4(a));
        }

        public Builder homeAddress(int a) {
            homeAddress = a;
            return this;
        }

        public Builder homeAgent(String a) {
            return homeAgent(Bytes.parseIpv4(a));
        }

        public Builder homeAgent(int a) {
            homeAgent = a;
            return this;
        }

        public Builder identification(long id) {
            identification = id;
            return this;
        }

        public Builder extension(MipExtension e) {
            chain.add(e);
            return this;
        }

        public Builder clearExtensions() {
            chain.clear();
            return this;
        }

        public Builder authenticate(int extType, SecurityAssociation sa) {
            return authenticate(extType, sa, AuthOptions.defaults());
        }

        public Builder authenticate(int extType, SecurityAssociation sa, AuthOptions options) {
            chain.authenticate(extType, sa, options);
            return this;
        }

        public RegistrationReply build() {
            byte[] fixed = new RegistrationReply(this, List.of()).encode();
            return new RegistrationReply(this, chain.build(fixed));
        }
    }
}

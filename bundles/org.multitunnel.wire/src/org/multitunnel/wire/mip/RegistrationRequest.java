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
 * RFC 5944 §3.3 Registration Request (type 1), 24 fixed bytes then extensions:
 * Type | S B D M G r T x | Lifetime(16) | Home Address | Home Agent | Care-of Address | Identification(64).
 * r and x are kept as found (RFC 5944: sent as zero, ignored on receipt) so odd senders round-trip.
 */
public final class RegistrationRequest implements MipMessage {
    public static final int FIXED_LENGTH = 24;
    public static final int S = 0x80, B = 0x40, D = 0x20, M = 0x10, G = 0x08, R = 0x04, T = 0x02, X = 0x01;

    private final int flags;
    private final int lifetime;
    private final int homeAddress;
    private final int homeAgent;
    private final int careOfAddress;
    private final long identification;
    private final List<MipExtension> extensions;

    private RegistrationRequest(Builder b, List<MipExtension> extensions) {
        this.flags = b.flags;
        this.lifetime = b.lifetime;
        this.homeAddress = b.homeAddress;
        this.homeAgent = b.homeAgent;
        this.careOfAddress = b.careOfAddress;
        this.identification = b.identification;
        this.extensions = List.copyOf(extensions);
    }

    static RegistrationRequest decode(byte[] b, int off, int end, ExtensionRegistry r) {
        Bytes.require(off, end, FIXED_LENGTH, "Registration Request");
        Builder x = builder().flags(Bytes.u8(b, off + 1)).lifetime(Bytes.u16(b, off + 2))
                .homeAddress(Bytes.i32(b, off + 4)).homeAgent(Bytes.i32(b, off + 8))
                .careOfAddress(Bytes.i32(b, off + 12)).identification(Bytes.u64(b, off + 16));
        return new RegistrationRequest(x, ExtensionListDecoder.decode(b, off + FIXED_LENGTH, end, r));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's values and extensions (as ready extensions). */
    public Builder toBuilder() {
        Builder b = builder().flags(flags).lifetime(lifetime).homeAddress(homeAddress).homeAgent(homeAgent)
                .careOfAddress(careOfAddress).identification(identification);
        extensions.forEach(b::extension);
        return b;
    }

    @Override
    public int type() {
        return MessageTypes.REGISTRATION_REQUEST;
    }

    public int flags() {
        return flags;
    }

    public boolean flag(int mask) {
        return (flags & mask) != 0;
    }

    /** Requested lifetime in seconds; 0 is a de-registration, 0xffff infinity. */
    public int lifetime() {
        return lifetime;
    }

    public boolean deregistration() {
        return lifetime == 0;
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

    public String careOfAddress() {
        return Bytes.ipv4(careOfAddress);
    }

    public int careOfAddressInt() {
        return careOfAddress;
    }

    /** The 64-bit Identification (bit pattern; compare unsigned). */
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
        Bytes.putU8(out, MessageTypes.REGISTRATION_REQUEST);
        Bytes.putU8(out, flags);
        Bytes.putU16(out, lifetime);
        out.putInt(homeAddress);
        out.putInt(homeAgent);
        out.putInt(careOfAddress);
        out.putLong(identification);
    }

    @Override
    public List<Field> fixedFields(int o) {
        List<Field> f = new ArrayList<>();
        f.add(Fields.named(MipFields.TYPE, "Message Type", type(), "Registration Request", o, 1));
        f.add(Fields.flags(MipFields.FLAGS, "Flags", flags, o + 1, 1, List.of(
                Fields.flag(MipFields.S, "Simultaneous Bindings", flags, S, o + 1, 1),
                Fields.flag(MipFields.B, "Broadcast Datagrams", flags, B, o + 1, 1),
                Fields.flag(MipFields.D, "Co-located Care-of Address", flags, D, o + 1, 1),
                Fields.flag(MipFields.M, "Minimal Encapsulation", flags, M, o + 1, 1),
                Fields.flag(MipFields.G, "GRE", flags, G, o + 1, 1),
                Fields.flag(MipFields.V, "Reserved (r)", flags, R, o + 1, 1),
                Fields.flag(MipFields.T, "Reverse Tunneling", flags, T, o + 1, 1),
                Fields.flag(MipFields.X, "Reserved (x)", flags, X, o + 1, 1))));
        f.add(Fields.num(MipFields.LIFE, "Lifetime", lifetime, o + 2, 2));
        f.add(Fields.ipv4(MipFields.HOMEADDR, "Home Address", homeAddress, o + 4));
        f.add(Fields.ipv4(MipFields.HAADDR, "Home Agent", homeAgent, o + 8));
        f.add(Fields.ipv4(MipFields.COA, "Care of Address", careOfAddress, o + 12));
        f.add(Identification.field(identification, o + 16));
        return f;
    }

    @Override
    public String summary() {
        return "Registration Request HoA=" + homeAddress() + " HA=" + homeAgent() + " CoA=" + careOfAddress()
                + " Lifetime=" + lifetime;
    }

    @Override
    public String toString() {
        return summary() + " " + extensions;
    }

    /**
     * Builds requests. Extensions keep the order they are added in; {@link #authenticate} adds an authentication
     * extension whose authenticator is computed at {@link #build()} over everything before it.
     */
    public static final class Builder {
        private int flags;
        private int lifetime;
        private int homeAddress;
        private int homeAgent;
        private int careOfAddress;
        private long identification;
        private final ExtensionChain chain = new ExtensionChain();

        private Builder() {
        }

        /** The whole flags octet (S B D M G r T x), reserved bits included. */
        public Builder flags(int v) {
            flags = v & 0xff;
            return this;
        }

        public Builder flag(int mask, boolean on) {
            flags = on ? flags | mask : flags & ~mask;
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

        public Builder careOfAddress(String a) {
            return careOfAddress(Bytes.parseIpv4(a));
        }

        public Builder careOfAddress(int a) {
            careOfAddress = a;
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

        /** Removes all extensions added so far (values stay). */
        public Builder clearExtensions() {
            chain.clear();
            return this;
        }

        /** Appends an authentication extension of {@code extType} (32 MN-HA, 33 MN-FA, 34 FA-HA) computed with sa. */
        public Builder authenticate(int extType, SecurityAssociation sa) {
            return authenticate(extType, sa, AuthOptions.defaults());
        }

        public Builder authenticate(int extType, SecurityAssociation sa, AuthOptions options) {
            chain.authenticate(extType, sa, options);
            return this;
        }

        public RegistrationRequest build() {
            byte[] fixed = new RegistrationRequest(this, List.of()).encode();
            return new RegistrationRequest(this, chain.build(fixed));
        }
    }
}

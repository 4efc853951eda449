package org.multitunnel.wire.mip.ext;

import java.nio.ByteBuffer;
import java.util.List;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.internal.Bytes;
import org.multitunnel.wire.mip.internal.Fields;

/**
 * The three RFC 5944 authentication extensions, which share one layout (§3.5.2-§3.5.4):
 * Type (32 MN-HA, 33 MN-FA, 34 FA-HA) | Length (4 + authenticator length) | SPI(32) | Authenticator.
 * Everything after the SPI that the Length covers is the authenticator.
 */
public final class AuthExtension extends AbstractExtension {
    private final long spi;
    private final byte[] authenticator;

    private AuthExtension(Builder b) {
        super(b.type, b.declaredLength, new byte[0]);
        this.spi = b.spi;
        this.authenticator = Bytes.copy(b.authenticator);
    }

    static void register(ExtensionRegistry r) {
        for (int t : TITLES.keySet()) {
            r.register(t, ExtensionFormat.SHORT, TITLES.get(t), AuthExtension::decode);
        }
    }

    static AuthExtension decode(ExtensionHeader h, byte[] data) {
        if (data.length < 4) {
            throw DecodeException.malformed(h.offset() + 1, "authentication extension Length " + data.length
                    + " cannot hold the 4-byte SPI");
        }
        return builder(h.type()).spi(Bytes.u32(data, 0)).authenticator(Bytes.slice(data, 4, data.length - 4))
                .declaredLength(h.declaredLength()).build();
    }

    public static Builder builder(int type) {
        return new Builder(type);
    }

    public Builder toBuilder() {
        Builder b = builder(type()).spi(spi).authenticator(authenticator);
        return hasDeclaredLength() ? b.declaredLength(lengthField()) : b;
    }

    public long spi() {
        return spi;
    }

    public byte[] authenticator() {
        return authenticator.clone();
    }

    @Override
    public ExtensionFormat format() {
        return ExtensionFormat.SHORT;
    }

    @Override
    protected int structLength() {
        return 4 + authenticator.length;
    }

    @Override
    protected void writeStruct(ByteBuffer out) {
        Bytes.putU32(out, spi);
        out.put(authenticator);
    }

    @Override
    protected List<Field> structFields(int off) {
        return List.of(Fields.hexNum(MipFields.AUTH_SPI, "SPI", spi, off, 4),
                Fields.bytes(MipFields.AUTH_AUTH, "Authenticator", authenticator, off + 4));
    }

    private static final java.util.Map<Integer, String> TITLES = java.util.Map.of(
            ExtensionTypes.MN_HA_AUTH, "Mobile-Home Authentication Extension",
            ExtensionTypes.MN_FA_AUTH, "Mobile-Foreign Authentication Extension",
            ExtensionTypes.FA_HA_AUTH, "Foreign-Home Authentication Extension");

    @Override
    public String title() {
        return TITLES.getOrDefault(type(), "Authentication Extension " + type());
    }

    /** Builder; the authenticator is usually computed by the message builder, see {@code MipAuthenticator}. */
    public static final class Builder extends AbstractExtension.Builder<Builder> {
        private final int type;
        private long spi;
        private byte[] authenticator = new byte[0];

        private Builder(int type) {
            this.type = type;
        }

        public Builder spi(long spi) {
            this.spi = spi & 0xffffffffL;
            return this;
        }

        public Builder authenticator(byte[] authenticator) {
            this.authenticator = Bytes.copy(authenticator);
            return this;
        }

        public AuthExtension build() {
            return new AuthExtension(this);
        }
    }
}

package org.multitunnel.wire.mip.ext;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.internal.Bytes;
import org.multitunnel.wire.mip.internal.Fields;

/**
 * RFC 3012 §3 Generalized Mobile IP Authentication Extension (type 36, long framing): Type | Subtype (1 MN-AAA) |
 * Length(16) | SPI(32) | Authenticator. Wireshark names its Sub-Type {@code mip.ext.auth.subtype}.
 */
public final class GeneralizedAuthExtension extends AbstractExtension {
    private final int subtype;
    private final long spi;
    private final byte[] authenticator;

    private GeneralizedAuthExtension(Builder b) {
        super(ExtensionTypes.GENERALIZED_AUTH, b.declaredLength, new byte[0]);
        this.subtype = b.subtype;
        this.spi = b.spi;
        this.authenticator = Bytes.copy(b.authenticator);
    }

    static void register(ExtensionRegistry r) {
        r.register(ExtensionTypes.GENERALIZED_AUTH, ExtensionFormat.LONG,
                "Generalized Mobile-IP Authentication Extension", GeneralizedAuthExtension::decode);
    }

    static GeneralizedAuthExtension decode(ExtensionHeader h, byte[] data) {
        if (data.length < 4) {
            throw DecodeException.malformed(h.offset() + 2, "generalized authentication Length " + data.length
                    + " cannot hold the 4-byte SPI");
        }
        return builder().subtype(h.subtype()).spi(Bytes.u32(data, 0))
                .authenticator(Bytes.slice(data, 4, data.length - 4)).declaredLength(h.declaredLength()).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int subtype() {
        return subtype;
    }

    public long spi() {
        return spi;
    }

    public byte[] authenticator() {
        return authenticator.clone();
    }

    @Override
    public ExtensionFormat format() {
        return ExtensionFormat.LONG;
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
    protected List<Field> headerFields(int offset) {
        List<Field> f = new ArrayList<>();
        f.add(Fields.num(MipFields.EXT_TYPE, "Extension Type", type(), offset, 1));
        f.add(Fields.num(MipFields.AUTH_SUBTYPE, "Gen Auth Ext SubType", subtype, offset + 1, 1));
        f.add(Fields.num(MipFields.EXT_LEN, "Extension Length", lengthField(), offset + 2, 2));
        return f;
    }

    @Override
    protected List<Field> structFields(int off) {
        return List.of(Fields.hexNum(MipFields.AUTH_SPI, "SPI", spi, off, 4),
                Fields.bytes(MipFields.AUTH_AUTH, "Authenticator", authenticator, off + 4));
    }

    @Override
    public String title() {
        return "Generalized Mobile-IP Authentication Extension";
    }

    public static final class Builder extends AbstractExtension.Builder<Builder> {
        private int subtype = 1;
        private long spi;
        private byte[] authenticator = new byte[0];

        public Builder subtype(int subtype) {
            this.subtype = subtype & 0xff;
            return this;
        }

        public Builder spi(long spi) {
            this.spi = spi & 0xffffffffL;
            return this;
        }

        public Builder authenticator(byte[] authenticator) {
            this.authenticator = Bytes.copy(authenticator);
            return this;
        }

        public GeneralizedAuthExtension build() {
            return new GeneralizedAuthExtension(this);
        }
    }
}

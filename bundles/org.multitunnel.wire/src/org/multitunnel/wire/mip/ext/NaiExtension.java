package org.multitunnel.wire.mip.ext;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.internal.Fields;

/**
 * RFC 2794 §2 Mobile Node NAI Extension (type 131): Type | Length | MN-NAI. The NAI bytes are kept exactly; the
 * text form (UTF-8) is for display and {@code mip.nai}.
 */
public final class NaiExtension extends AbstractExtension {
    private final byte[] nai;

    private NaiExtension(byte[] nai, int declaredLength) {
        super(ExtensionTypes.NAI, declaredLength, new byte[0]);
        this.nai = nai;
    }

    static void register(ExtensionRegistry r) {
        r.register(ExtensionTypes.NAI, ExtensionFormat.SHORT, "Mobile Node NAI Extension",
                (h, data) -> new NaiExtension(data, h.declaredLength()));
    }

    public static NaiExtension of(String nai) {
        return new NaiExtension(nai.getBytes(StandardCharsets.UTF_8), -1);
    }

    /** An NAI extension with a deliberately wrong Length. */
    public static NaiExtension of(String nai, int declaredLength) {
        return new NaiExtension(nai.getBytes(StandardCharsets.UTF_8), declaredLength);
    }

    public String nai() {
        return new String(nai, StandardCharsets.UTF_8);
    }

    public byte[] naiBytes() {
        return nai.clone();
    }

    @Override
    public ExtensionFormat format() {
        return ExtensionFormat.SHORT;
    }

    @Override
    protected int structLength() {
        return nai.length;
    }

    @Override
    protected void writeStruct(ByteBuffer out) {
        out.put(nai);
    }

    @Override
    protected List<Field> structFields(int off) {
        return List.of(Fields.text(MipFields.NAI, "NAI", nai(), off, nai.length));
    }

    @Override
    public String title() {
        return "Mobile Node NAI Extension";
    }
}

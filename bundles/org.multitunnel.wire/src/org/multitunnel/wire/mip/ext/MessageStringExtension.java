package org.multitunnel.wire.mip.ext;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.Field;
import org.multitunnel.wire.mip.MipFields;
import org.multitunnel.wire.mip.internal.Bytes;
import org.multitunnel.wire.mip.internal.Fields;

/**
 * RFC 4917 Message String Extension (type 145, short with subtype): Type | Length | Sub-Type (1 HA, 2 FA) | text.
 * The text bytes are kept exactly; {@code mip.ext.msgstr.text} shows them as UTF-8.
 */
public final class MessageStringExtension extends AbstractExtension {
    private final int subtype;
    private final byte[] text;

    private MessageStringExtension(int subtype, byte[] text, int declaredLength) {
        super(ExtensionTypes.MESSAGE_STRING, declaredLength, new byte[0]);
        this.subtype = subtype & 0xff;
        this.text = text;
    }

    static void register(ExtensionRegistry r) {
        r.register(ExtensionTypes.MESSAGE_STRING, ExtensionFormat.SHORT_WITH_SUBTYPE, "Message String Extension",
                (h, d) -> {
                    if (d.length < 1) {
                        throw DecodeException.malformed(h.offset() + 1, "message string without Sub-Type");
                    }
                    return new MessageStringExtension(d[0], Bytes.slice(d, 1, d.length - 1), h.declaredLength());
                });
    }

    public static MessageStringExtension of(int subtype, String text) {
        return new MessageStringExtension(subtype, text.getBytes(StandardCharsets.UTF_8), -1);
    }

    @Override
    public int subtype() {
        return subtype;
    }

    public String text() {
        return new String(text, StandardCharsets.UTF_8);
    }

    @Override
    public ExtensionFormat format() {
        return ExtensionFormat.SHORT_WITH_SUBTYPE;
    }

    @Override
    protected int structLength() {
        return 1 + text.length;
    }

    @Override
    protected void writeStruct(ByteBuffer out) {
        Bytes.putU8(out, subtype);
        out.put(text);
    }

    @Override
    protected List<Field> structFields(int off) {
        return List.of(Fields.num(MipFields.MSGSTR_SUBTYPE, "MsgStr Ext SubType", subtype, off, 1),
                Fields.text(MipFields.MSGSTR_TEXT, "MsgStr Text", text(), off + 1, text.length));
    }

    @Override
    public String title() {
        return "Message String Extension";
    }
}

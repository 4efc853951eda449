package org.multitunnel.wire.mip.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.mip.auth.AuthOptions;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.AuthExtension;
import org.multitunnel.wire.mip.ext.ExtensionTypes;
import org.multitunnel.wire.mip.ext.GeneralizedAuthExtension;
import org.multitunnel.wire.mip.ext.MipExtension;

/**
 * The ordered extension list a message builder collects: ready extensions and authentication placeholders. On
 * build, each placeholder becomes an {@link AuthExtension} whose authenticator covers exactly what RFC 5944
 * §3.5.1 says: the fixed message, all prior extensions in their entirety, and this extension's Type, Length and
 * SPI. Not API.
 */
public final class ExtensionChain {
    private record PendingAuth(int type, SecurityAssociation sa, AuthOptions options) {
    }

    private final List<Object> entries = new ArrayList<>();

    public void add(MipExtension e) {
        entries.add(e);
    }

    public void authenticate(int type, SecurityAssociation sa, AuthOptions options) {
        if (type != ExtensionTypes.MN_HA_AUTH && type != ExtensionTypes.MN_FA_AUTH && type != ExtensionTypes.FA_HA_AUTH
                && type != ExtensionTypes.GENERALIZED_AUTH) {
            throw new IllegalArgumentException("not an authentication extension type: " + type);
        }
        entries.add(new PendingAuth(type, sa, options));
    }

    public void clear() {
        entries.clear();
    }

    public void addAll(ExtensionChain other) {
        entries.addAll(other.entries);
    }

    public List<MipExtension> build(byte[] fixed) {
        ByteArrayOutputStream so = new ByteArrayOutputStream();
        so.writeBytes(fixed);
        List<MipExtension> out = new ArrayList<>();
        for (Object o : entries) {
            MipExtension e = o instanceof PendingAuth p ? seal(p, so.toByteArray()) : (MipExtension) o;
            out.add(e);
            so.writeBytes(e.encode());
        }
        return List.copyOf(out);
    }

    /** Authenticates with 32/33/34 (short framing) or 36 (generalized, long framing, Sub-Type 1 MN-AAA). */
    private static MipExtension seal(PendingAuth p, byte[] prefix) {
        AuthOptions o = p.options();
        boolean generalized = p.type() == ExtensionTypes.GENERALIZED_AUTH;
        long spi = o.spiOnWire() >= 0 ? o.spiOnWire() : p.sa().spi();
        int len = o.declaredLength() >= 0 ? o.declaredLength() : 4 + p.sa().algorithm().length();
        ByteBuffer covered = ByteBuffer.allocate(prefix.length + (generalized ? 8 : 6));
        covered.put(prefix).put((byte) p.type());
        if (generalized) {
            covered.put((byte) 1).putShort((short) len);
        } else {
            covered.put((byte) len);
        }
        covered.putInt((int) spi);
        byte[] auth = p.sa().authenticate(covered.array(), 0, covered.capacity());
        if (o.corrupt()) {
            auth[auth.length - 1] ^= 1;
        }
        if (generalized) {
            GeneralizedAuthExtension.Builder g = GeneralizedAuthExtension.builder().subtype(1).spi(spi)
                    .authenticator(auth);
            return (o.declaredLength() >= 0 ? g.declaredLength(o.declaredLength()) : g).build();
        }
        AuthExtension.Builder b = AuthExtension.builder(p.type()).spi(spi).authenticator(auth);
        return (o.declaredLength() >= 0 ? b.declaredLength(o.declaredLength()) : b).build();
    }
}

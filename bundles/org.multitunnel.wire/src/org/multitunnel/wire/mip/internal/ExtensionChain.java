package org.multitunnel.wire.mip.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.multitunnel.wire.mip.auth.AuthOptions;
import org.multitunnel.wire.mip.auth.SecurityAssociation;
import org.multitunnel.wire.mip.ext.AuthExtension;
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

    private static AuthExtension seal(PendingAuth p, byte[] prefix) {
        AuthOptions o = p.options();
        long spi = o.spiOnWire() >= 0 ? o.spiOnWire() : p.sa().spi();
        int len = o.declaredLength() >= 0 ? o.declaredLength() : 4 + p.sa().algorithm().length();
        byte[] covered = new byte[prefix.length + 6];
        System.arraycopy(prefix, 0, covered, 0, prefix.length);
        covered[prefix.length] = (byte) p.type();
        covered[prefix.length + 1] = (byte) len;
        covered[prefix.length + 2] = (byte) (spi >>> 24);
        covered[prefix.length + 3] = (byte) (spi >>> 16);
        covered[prefix.length + 4] = (byte) (spi >>> 8);
        covered[prefix.length + 5] = (byte) spi;
        byte[] auth = p.sa().authenticate(covered, 0, covered.length);
        if (o.corrupt()) {
            auth[auth.length - 1] ^= 1;
        }
        AuthExtension.Builder b = AuthExtension.builder(p.type()).spi(spi).authenticator(auth);
        return (o.declaredLength() >= 0 ? b.declaredLength(o.declaredLength()) : b).build();
    }
}

package org.multitunnel.wire.link;

import java.nio.ByteBuffer;

import org.multitunnel.wire.DecodeException;
import org.multitunnel.wire.DissectContext;
import org.multitunnel.wire.Dissector;
import org.multitunnel.wire.DissectorRegistry;
import org.multitunnel.wire.Field;

/**
 * Raw IP link types (LINKTYPE_RAW 101, and 228/229 which promise IPv4/IPv6): no link header, the IP version nibble
 * picks the dissector (a broken promise of 228/229 is recorded as an error). Adds no layer of its own, like
 * Wireshark's "raw" encapsulation.
 */
public final class RawIpDissector implements Dissector {
    private final int forcedVersion;

    /** {@code forcedVersion} 4 or 6 for LINKTYPE 228/229; 0 to read the version nibble (LINKTYPE 101). */
    public RawIpDissector(int forcedVersion) {
        this.forcedVersion = forcedVersion;
    }

    @Override
    public Field dissect(DissectContext ctx, ByteBuffer buf, int offset, int length) {
        if (length < 1 || offset >= buf.limit()) {
            throw DecodeException.truncated(offset, "raw IP packet", 1, 0);
        }
        int version = (buf.get(offset) & 0xf0) >>> 4;
        int etherType = version == 4 ? 0x0800 : version == 6 ? 0x86dd : -1;
        if (etherType < 0) {
            throw DecodeException.malformed(offset, "raw IP packet with version " + version);
        }
        if (forcedVersion != 0 && version != forcedVersion) {
            // LINKTYPE_IPV4/IPV6 broke its promise: dissect what is there (as tshark does) but flag it.
            ctx.errors().add(DecodeException.malformed(offset, "link type for IPv" + forcedVersion
                    + " carries an IPv" + version + " packet"));
        }
        ctx.next(DissectorRegistry.ETHERTYPE, etherType, buf, offset, length);
        return null;
    }
}
